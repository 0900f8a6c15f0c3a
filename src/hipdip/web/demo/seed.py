"""The demo clinic, its staff, and three patients with analysed photo sessions made from
the bundled synthetic renders. Safe to run again: it adds what is missing and resets the
demo passwords."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic, Role, User
from hipdip.web.assessments.models import Photo, Purpose, Status
from hipdip.web.assessments.services.analysis import photo_analyse
from hipdip.web.assessments.services.sessions import photo_session_create
from hipdip.web.clinic.setup import demo_clinic_zone
from hipdip.web.demo.appointments import demo_appointments
from hipdip.web.demo.consultations import demo_consultations
from hipdip.web.demo.messages import demo_messages
from hipdip.web.demo.recovery import demo_recovery_and_training
from hipdip.web.demo.reminders import demo_reminders
from hipdip.web.demo.site import demo_site
from hipdip.web.mfa.models import MfaPolicy
from hipdip.web.patients.models import Patient, PatientHeight

PHOTOS_DIR = Path(__file__).resolve().parent.parent / "demo_photos"

CLINIC_NAME, CLINIC_SLUG = "Demo Clinic", "demo"
STAFF = (
    ("coordinator@example.com", "Maya Chen", Role.COORDINATOR),
    ("surgeon@example.com", "Dr Sam Okafor", Role.SURGEON),
    ("admin@example.com", "Ruth Alvarez", Role.CLINIC_ADMIN),
)


@dataclass(frozen=True)
class DemoSession:
    purpose: str
    weeks_ago: int
    weight_kg: str | None = None
    post_op_week: int | None = None


@dataclass(frozen=True)
class DemoPatient:
    email: str
    full_name: str
    body: str  # prefix of the photos in demo_photos/
    sessions: tuple[DemoSession, ...]


PATIENTS = (
    DemoPatient(
        "patient1@example.com",
        "Alex Morgan",
        "b0010",
        (
            DemoSession(Purpose.SELF_ASSESSMENT, weeks_ago=10, weight_kg="68.0"),
            DemoSession(Purpose.PROGRESS, weeks_ago=2, weight_kg="66.5"),
        ),
    ),
    DemoPatient(
        "patient2@example.com",
        "Jordan Lee",
        "b0023",
        (DemoSession(Purpose.CONSULTATION, weeks_ago=3, weight_kg="71.0"),),
    ),
    DemoPatient(
        "patient3@example.com",
        "Taylor Brooks",
        "b0021",
        (
            DemoSession(Purpose.CONSULTATION, weeks_ago=8, weight_kg="62.0"),
            DemoSession(Purpose.PRE_OP, weeks_ago=2, weight_kg="61.5"),
        ),
    ),
)

DEMO_EMAILS = tuple(s[0] for s in STAFF) + tuple(p.email for p in PATIENTS)


@dataclass(frozen=True)
class DemoResult:
    clinic: Clinic
    created_sessions: int
    measured: int


def demo_seed(*, password: str) -> DemoResult:
    """Create whatever demo data is missing, analyse pending demo photos, set passwords."""
    with transaction.atomic():
        clinic, _ = Clinic.objects.get_or_create(slug=CLINIC_SLUG, defaults={"name": CLINIC_NAME})
        demo_clinic_zone(clinic)
        # Demo accounts sign in without a phone app; the admin is asked to choose a policy.
        MfaPolicy.objects.get_or_create(clinic=clinic, defaults={"required_for": "nobody"})
        staff = {email: _user(email, name, role, clinic, password) for email, name, role in STAFF}
    actor = Actor(user=staff["coordinator@example.com"], channel="cli")
    heights = _heights()
    created = 0
    for spec in PATIENTS:
        with transaction.atomic():
            user = _user(spec.email, spec.full_name, Role.PATIENT, None, password)
            patient, _ = Patient.objects.get_or_create(
                user=user, defaults={"clinic": clinic, "created_by": actor.user}
            )
            if patient.clinic_id != clinic.pk:
                patient.clinic = clinic
                patient.save(update_fields=["clinic"])
        if patient.photo_sessions.exists():
            continue
        for s in spec.sessions:
            session = photo_session_create(
                actor=actor,
                patient=patient,
                purpose=s.purpose,
                post_op_week=s.post_op_week,
                height_cm=heights[spec.body],
                weight_kg=s.weight_kg,
                taken_on=timezone.localdate() - dt.timedelta(weeks=s.weeks_ago),
                images={
                    view: (PHOTOS_DIR / f"{spec.body}_{view}.jpg").read_bytes()
                    for view in ("front", "back")
                },
            )
            # The height the session stated is dated with the session, not with the seed
            # run (else two sessions' heights read as one row twice, dated today).
            PatientHeight.objects.filter(session_id=session.pk).update(
                recorded_at=timezone.make_aware(dt.datetime.combine(session.taken_on, dt.time(12)))
            )
            created += 1
    demo_photos = Photo.objects.filter(
        session__patient__user__email__in=[p.email for p in PATIENTS]
    )
    # Analyse here rather than wait for a worker that may not be running.
    for photo_id in list(demo_photos.filter(status=Status.PENDING).values_list("pk", flat=True)):
        photo_analyse(photo_id=photo_id)
    emails = [p.email for p in PATIENTS]
    demo_patients = {p.user.email: p for p in Patient.objects.filter(user__email__in=emails)}
    demo_consultations(patients=demo_patients, staff=staff)
    demo_recovery_and_training(patients=demo_patients, staff=staff)
    demo_reminders(patients=demo_patients, staff=staff)
    demo_messages(patients=demo_patients, staff=staff)
    demo_site(staff=staff)
    demo_appointments(patients=demo_patients, staff=staff)
    return DemoResult(
        clinic=clinic,
        created_sessions=created,
        measured=demo_photos.filter(status=Status.DONE).count(),
    )


def _user(email: str, name: str, role: str, clinic: Clinic | None, password: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email)
    user.full_name = name
    user.role = role
    user.clinic = clinic if role != Role.PATIENT else None
    user.is_active = True
    user.is_staff = role == Role.CLINIC_ADMIN
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


def _heights() -> dict[str, str]:
    with (PHOTOS_DIR / "manifest.csv").open(newline="") as fh:
        return {row["path"].split("_")[0]: row["height_cm"] for row in csv.DictReader(fh)}
