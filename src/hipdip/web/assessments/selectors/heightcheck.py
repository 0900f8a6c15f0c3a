"""Is a photo session's scale trustworthy? Its stated height against the patient's recorded
height (within the clinic's ``height_tolerance_cm``) and its body proportions against the
patient's earlier photos (the comparison itself is :mod:`hipdip.care.heightcheck`).

A flagged session that staff have not reviewed is *held back*: plans and consultation cards
use the newest session that is not (see ``consultations.clinical.planning_measurements``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from hipdip.care.heightcheck import (
    HeightDifference,
    ProportionDifference,
    Proportions,
    compare_proportions,
    height_difference,
    proportions_of,
)
from hipdip.care.settings import ClinicSettings
from hipdip.web.assessments.models import Photo, PhotoSession, Status
from hipdip.web.clinic.selectors import care_settings_for_patient
from hipdip.web.patients.selectors import height_to_compare


@dataclass(frozen=True)
class SessionCheck:
    """What the cross-checks found for one session, and whether staff reviewed it."""

    session: PhotoSession
    height: HeightDifference | None
    proportions: tuple[ProportionDifference, ...]

    @property
    def height_flagged(self) -> bool:
        return self.height is not None and self.height.flagged

    @property
    def flagged(self) -> bool:
        return self.height_flagged or bool(self.proportions)

    @property
    def reviewed(self) -> bool:
        return self.session.height_reviewed_at is not None

    @property
    def held_back(self) -> bool:
        """Flagged and not yet reviewed: its figures stay out of plans."""
        return self.flagged and not self.reviewed

    @property
    def explanations(self) -> list[str]:
        out = [self.height.explanation] if self.height is not None and self.height_flagged else []
        return out + [p.explanation for p in self.proportions]


def session_check(session: PhotoSession, *, settings: ClinicSettings | None = None) -> SessionCheck:
    """The cross-checks of ``session`` as things stand now (`settings`: the clinical
    settings of the patient's clinic, when the caller has already read them)."""
    settings = settings if settings is not None else care_settings_for_patient(session.patient)
    recorded = height_to_compare(session.patient, session_id=session.pk, as_of=session.created_at)
    height = height_difference(
        stated_cm=float(session.height_cm),
        recorded_cm=None if recorded is None else float(recorded),
        tolerance_cm=settings.height_tolerance_cm,
    )
    now = _proportions(session.photos.filter(status=Status.DONE))
    earlier_photos = Photo.objects.filter(
        session__patient=session.patient, status=Status.DONE
    ).filter(
        Q(session__taken_on__lt=session.taken_on)
        | Q(session__taken_on=session.taken_on, session__created_at__lt=session.created_at)
    )
    return SessionCheck(
        session=session,
        height=height,
        proportions=compare_proportions(now, _proportions(earlier_photos)) if now else (),
    )


def session_held_back(session: PhotoSession, *, settings: ClinicSettings | None = None) -> bool:
    """Whether the session's figures must wait for staff (flagged and not reviewed)."""
    return session_check(session, settings=settings).held_back


def _proportions(photos: Iterable[Photo]) -> list[Proportions]:
    out = []
    for photo in photos:
        a = photo.assessment
        geometry = getattr(a, "geometry", None) if a is not None else None
        if geometry is None:
            continue
        p = proportions_of(geometry, view=photo.view)
        if p is not None:
            out.append(p)
    return out
