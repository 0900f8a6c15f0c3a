"""The bridge from stored records to the care layer's inputs.

The clinic's clinical settings come from the one helper every app uses
(:func:`hipdip.web.clinic.selectors.care_settings_for`); this module turns a stored
intake and the latest measurements into :class:`~hipdip.care.intake.IntakeFacts` and
:class:`~hipdip.care.volumes.SideMeasurement` values. No clinical rule is decided here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from hipdip.care.bodyimage import Questionnaire, ScreenResult
from hipdip.care.intake import Diabetes, Expectation, IntakeFacts, Nicotine, Pregnancy, Sex
from hipdip.care.settings import ClinicSettings
from hipdip.care.sides import SideFigure, combine_sides
from hipdip.care.volumes import Side, SideMeasurement
from hipdip.web.accounts.models import Clinic
from hipdip.web.assessments.models import Photo, PhotoSession, Purpose, Status
from hipdip.web.assessments.selectors.figures import side_measurements
from hipdip.web.assessments.selectors.heightcheck import session_held_back
from hipdip.web.consultations import bodyimage
from hipdip.web.consultations.answers import age_on
from hipdip.web.consultations.models import ClinicQuestionnaire
from hipdip.web.patients.models import Patient
from hipdip.web.patients.selectors import current_height

__all__ = [
    "MeasurementSet",
    "intake_facts",
    "planning_measurements",
    "questionnaire_for_clinic",
    "side_measurements",
    "with_recorded_height",
]

#: Photo sessions that describe the body before treatment (post-op photos never feed a plan).
PLANNING_PURPOSES = (
    Purpose.CONSULTATION,
    Purpose.PRE_OP,
    Purpose.SELF_ASSESSMENT,
    Purpose.PROGRESS,
)


def questionnaire_for_clinic(clinic: Clinic | None) -> Questionnaire:
    """The clinic's body-image item set: its original wording if loaded, else ours."""
    row = ClinicQuestionnaire.objects.filter(clinic=clinic).first() if clinic else None
    if row is None:
        return bodyimage.ADAPTED[bodyimage.Instrument.DCQ]
    if row.original_wording:
        return bodyimage.from_snapshot(row.item_set())
    return bodyimage.ADAPTED[bodyimage.Instrument(row.instrument)]


@dataclass(frozen=True)
class MeasurementSet:
    """The measured photos of the latest photo session taken before treatment."""

    session: PhotoSession | None
    photos: tuple[Photo, ...]
    sides: tuple[SideMeasurement, ...]
    #: Newer sessions left out until staff review their height (newest first).
    held_back: tuple[PhotoSession, ...] = ()

    @property
    def figures(self) -> tuple[SideFigure, ...]:
        """One figure per side (front and back combined), as every page shows it."""
        return combine_sides(self.sides)

    def figure(self, side: str) -> SideFigure | None:
        return next((f for f in self.figures if f.side == side), None)

    def depth_mm(self, side: str) -> float | None:
        """The side's figure: the mean of the views that measured it."""
        fig = self.figure(side)
        return fig.depth_mm if fig is not None else None

    @property
    def is_empty(self) -> bool:
        return not self.sides


def planning_measurements(
    patient: Patient, *, as_of: dt.date | None = None, settings: ClinicSettings | None = None
) -> MeasurementSet:
    """Measurements from the newest pre-treatment session with a measured photo, taken on
    or before ``as_of`` (and never after a recorded procedure).

    A session whose height or body proportions did not match the patient's record and that
    staff have not reviewed yet is skipped (named in ``held_back``): its numbers reach no
    plan until it is confirmed or corrected. `settings`: the clinical settings of the
    patient's clinic, when the caller has already read them.
    """
    measured = Photo.objects.filter(
        session__patient=patient, session__purpose__in=PLANNING_PURPOSES, status=Status.DONE
    )
    cutoff = [d for d in (as_of, _procedure_date(patient)) if d is not None]
    if cutoff:
        measured = measured.filter(session__taken_on__lte=min(cutoff))
    candidates = (
        PhotoSession.objects.filter(pk__in=measured.values("session_id"))
        .select_related("patient")
        .order_by("-taken_on", "-created_at")
    )
    held_back: list[PhotoSession] = []
    for session in candidates:
        if session_held_back(session, settings=settings):
            held_back.append(session)
            continue
        photos = tuple(
            session.photos.filter(status=Status.DONE).order_by("-view")  # front first
        )
        return MeasurementSet(
            session=session,
            photos=photos,
            sides=tuple(m for p in photos for m in side_measurements(p)),
            held_back=tuple(held_back),
        )
    return MeasurementSet(session=None, photos=(), sides=(), held_back=tuple(held_back))


def _procedure_date(patient: Patient) -> dt.date | None:
    """The date of the patient's recorded procedure (the plans app's record), if any."""
    try:
        day: dt.date = patient.procedure_record.performed_on
    except ObjectDoesNotExist:
        return None
    return day


def intake_facts(
    answers: Mapping[str, Any],
    *,
    questionnaire: Questionnaire,
    measurements: MeasurementSet,
    settings: ClinicSettings,
    today: dt.date,
) -> IntakeFacts | None:
    """The facts screening and the pre-op checklist read; ``None`` until the basics
    (date of birth, sex, height, weight) are answered."""
    try:
        birth = dt.date.fromisoformat(str(answers["date_of_birth"]))
        sex = Sex(answers["sex"])
        height, weight = float(answers["height_cm"]), float(answers["weight_kg"])
    except (KeyError, TypeError, ValueError):
        return None
    return IntakeFacts(
        age=age_on(birth, today),
        sex=sex,
        height_cm=height,
        weight_kg=weight,
        nicotine=Nicotine(answers.get("nicotine") or Nicotine.NONE),
        medications=tuple(answers.get("medications") or ()),
        bleeding_disorder=answers.get("bleeding_disorder") == "yes",
        diabetes=Diabetes(answers.get("diabetes") or Diabetes.NONE),
        heart_lung_disease=answers.get("heart_lung_disease") == "yes",
        pregnancy=Pregnancy(answers.get("pregnancy") or Pregnancy.NO),
        weight_change_kg_6mo=signed_weight_change(answers),
        body_image=body_image_result(answers, questionnaire=questionnaire, settings=settings),
        dip_depth_left_mm=measurements.depth_mm(Side.LEFT),
        dip_depth_right_mm=measurements.depth_mm(Side.RIGHT),
        expectation=Expectation(answers["expectation"]) if answers.get("expectation") else None,
        expectation_text=str(answers.get("goals") or ""),
    )


def with_recorded_height(patient: Patient, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers with the patient's recorded height (the one height every figure uses)
    in place of the questionnaire's own copy, which may be older."""
    recorded = current_height(patient)
    if recorded is None:
        return dict(answers)
    return {**answers, "height_cm": str(recorded.height_cm)}


def signed_weight_change(answers: Mapping[str, Any]) -> float:
    """Weight change over six months in kg, gain positive."""
    amount = float(answers.get("weight_change_kg") or 0.0)
    trend = answers.get("weight_trend")
    if trend == "gained":
        return amount
    if trend == "lost":
        return -amount
    return 0.0


def body_image_result(
    answers: Mapping[str, Any], *, questionnaire: Questionnaire, settings: ClinicSettings
) -> ScreenResult | None:
    return bodyimage.score(questionnaire, answers, settings=settings)
