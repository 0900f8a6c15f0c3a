"""Every role x every page and endpoint x own patient / another patient / another clinic.

The expected outcome of each cell is written out below, independently of the code under
test: a person either gets the page (ALLOW), or the object does not exist for them (HIDE,
404), or the whole page is not for their role (DENY, 403), or they must sign in first
(LOGIN: a redirect on the web, 401 on the API).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from hipdip.web.audit.models import AuditEvent, Outcome

from .conftest import Record, World, jpeg_bytes

pytestmark = pytest.mark.django_db

ALLOW, HIDE, DENY, LOGIN = "allow", "hide", "deny", "login"
ROLES = (
    "anonymous",
    "patient",
    "other_patient",
    "self_signed",
    "coordinator",
    "surgeon",
    "clinic_admin",
    "foreign_staff",
)
TARGETS = ("own", "other", "foreign")  # records of: the patient, a clinic peer, another clinic


def object_rule(role: str, target: str) -> str:
    """Who may see a patient's record: the patient; staff of the patient's clinic."""
    if role == "anonymous":
        return LOGIN
    if role in ("coordinator", "surgeon", "clinic_admin"):
        return ALLOW if target in ("own", "other") else HIDE
    if role == "foreign_staff":
        return ALLOW if target == "foreign" else HIDE
    if role == "patient":
        return ALLOW if target == "own" else HIDE
    if role == "other_patient":
        return ALLOW if target == "other" else HIDE
    return HIDE  # self_signed: nobody else's record


STAFF_ONLY = {
    "anonymous": LOGIN,
    "patient": DENY,
    "other_patient": DENY,
    "self_signed": DENY,
    "coordinator": ALLOW,
    "surgeon": ALLOW,
    "clinic_admin": ALLOW,
    "foreign_staff": ALLOW,
}
ADMIN_ONLY = {**STAFF_ONLY, "coordinator": DENY, "surgeon": DENY, "foreign_staff": DENY}
ANY_SIGNED_IN = {role: (LOGIN if role == "anonymous" else ALLOW) for role in ROLES}


@dataclass(frozen=True)
class Endpoint:
    name: str
    api: bool
    method: str
    url: Callable[[Record], str]
    ok: tuple[int, ...]  # status codes meaning "allowed"
    per_object: bool = True
    role_rule: dict[str, str] | None = None  # for pages that are not about one patient
    body: Callable[[], dict[str, Any]] | None = None
    rule: Callable[[str, str], str] | None = None  # per-object rule other than object_rule
    json_body: Callable[[], dict[str, Any]] | None = None
    # a body naming the record's own objects (it may also prepare the record)
    record_body: Callable[[Record], dict[str, Any]] | None = None
    record_json: Callable[[Record], dict[str, Any]] | None = None


def _upload_form() -> dict[str, Any]:
    file = io.BytesIO(jpeg_bytes())
    file.name = "front.jpg"
    return {"file": file, "view": "front", "height_cm": "170", "purpose": "consultation"}


def _session_form() -> dict[str, Any]:
    file = io.BytesIO(jpeg_bytes())
    file.name = "front.jpg"
    return {"front": file, "height_cm": "170", "purpose": "consultation", "taken_on": "2024-01-01"}


ENDPOINTS = (
    # Web pages about one patient's data
    Endpoint("page patient", False, "get", lambda r: f"/patients/{r.patient.pk}/", (200,)),
    Endpoint(
        "page new session",
        False,
        "get",
        lambda r: f"/patients/{r.patient.pk}/sessions/new/",
        (200,),
    ),
    Endpoint(
        "page upload session",
        False,
        "post",
        lambda r: f"/patients/{r.patient.pk}/sessions/new/",
        (302,),
        body=_session_form,
    ),
    Endpoint("page session", False, "get", lambda r: f"/sessions/{r.session.pk}/", (200,)),
    Endpoint(
        "page session status", False, "get", lambda r: f"/sessions/{r.session.pk}/status/", (200,)
    ),
    Endpoint("page photo image", False, "get", lambda r: f"/photos/{r.done.pk}/image/", (200,)),
    Endpoint("page photo overlay", False, "get", lambda r: f"/photos/{r.done.pk}/overlay/", (200,)),
    Endpoint("page photo retry", False, "post", lambda r: f"/photos/{r.failed.pk}/retry/", (302,)),
    Endpoint(
        "page session height confirm",
        False,
        "post",
        lambda r: f"/sessions/{r.session.pk}/height/confirm/",
        (302,),
        body=lambda: {"reason": "Measured at the clinic today"},
        rule=lambda role, target: staff_object_rule(role, target),
    ),
    Endpoint(
        "page session height correct",
        False,
        "post",
        lambda r: f"/sessions/{r.session.pk}/height/correct/",
        (302,),
        body=lambda: {"height_cm": "170", "reason": "Typo at upload"},
        rule=lambda role, target: staff_object_rule(role, target),
    ),
    # Web pages about the clinic
    Endpoint(
        "page patient list",
        False,
        "get",
        lambda r: "/patients/",
        (200,),
        per_object=False,
        role_rule=STAFF_ONLY,
    ),
    Endpoint(
        "page invite",
        False,
        "get",
        lambda r: "/patients/invite/",
        (200,),
        per_object=False,
        role_rule=STAFF_ONLY,
    ),
    Endpoint(
        "page team",
        False,
        "get",
        lambda r: "/accounts/team/",
        (200,),
        per_object=False,
        role_rule=ADMIN_ONLY,
    ),
    Endpoint(
        "page audit",
        False,
        "get",
        lambda r: "/clinic/audit/",
        (200,),
        per_object=False,
        role_rule=ADMIN_ONLY,
    ),
    Endpoint(
        "page settings history",
        False,
        "get",
        lambda r: "/clinic/clinical-settings/history/",
        (200,),
        per_object=False,
        role_rule=ADMIN_ONLY,
    ),
    Endpoint(
        "page clinic setup",
        False,
        "get",
        lambda r: "/clinic/setup/",
        (200,),
        per_object=False,
        role_rule=ADMIN_ONLY,
    ),
    Endpoint(
        "page account",
        False,
        "get",
        lambda r: "/accounts/account/",
        (200,),
        per_object=False,
        role_rule=ANY_SIGNED_IN,
    ),
    # API
    Endpoint(
        "api me",
        True,
        "get",
        lambda r: "/api/me",
        (200,),
        per_object=False,
        role_rule=ANY_SIGNED_IN,
    ),
    Endpoint("api patient", True, "get", lambda r: f"/api/patients/{r.patient.pk}", (200,)),
    Endpoint(
        "api patient photos", True, "get", lambda r: f"/api/patients/{r.patient.pk}/photos", (200,)
    ),
    Endpoint(
        "api upload",
        True,
        "post",
        lambda r: f"/api/patients/{r.patient.pk}/photos",
        (201,),
        body=_upload_form,
    ),
    Endpoint("api photo", True, "get", lambda r: f"/api/photos/{r.done.pk}", (200,)),
    Endpoint("api photo image", True, "get", lambda r: f"/api/photos/{r.done.pk}/image", (200,)),
    Endpoint(
        "api photo overlay", True, "get", lambda r: f"/api/photos/{r.done.pk}/overlay", (200,)
    ),
    Endpoint("api photo retry", True, "post", lambda r: f"/api/photos/{r.failed.pk}/retry", (202,)),
)


# --- recovery and training (hipdip.web.recovery, .training, .exercises) ----------------


def staff_object_rule(role: str, target: str) -> str:
    """A patient's record, but only clinic staff act on it (the patient is refused)."""
    outcome = object_rule(role, target)
    if outcome == ALLOW and role in ("patient", "other_patient", "self_signed"):
        return DENY
    return outcome


def staff_only_object_rule(role: str, target: str) -> str:
    """Staff of the patient's clinic; every patient is refused whatever the record."""
    if role in ("patient", "other_patient", "self_signed"):
        return DENY
    return object_rule(role, target)


def surgeon_object_rule(role: str, target: str) -> str:
    """Only the surgeon of the patient's clinic holds or clears training."""
    outcome = object_rule(role, target)
    if outcome == ALLOW and role != "surgeon":
        return DENY
    return outcome


def patient_object_rule(role: str, target: str) -> str:
    """Only the patient themselves (e.g. their private calendar address)."""
    outcome = object_rule(role, target)
    if outcome == ALLOW and role in ("coordinator", "surgeon", "clinic_admin", "foreign_staff"):
        return DENY
    return outcome


PUBLIC = dict.fromkeys(ROLES, ALLOW)


def _course(r: Record) -> Any:
    from hipdip.web.recovery.models import RecoveryCourse

    from .recovery.factories import RecoveryCourseFactory

    return RecoveryCourse.objects.filter(patient=r.patient).first() or RecoveryCourseFactory(
        patient=r.patient
    )


def _checkin(r: Record) -> Any:
    from .recovery.factories import make_checkin

    course = _course(r)
    return course.checkins.first() or make_checkin(course, symptoms=["warmth"])


def _programme(r: Record) -> Any:
    from hipdip.web.training.models import Programme

    from .recovery.factories import make_programme

    return Programme.objects.filter(patient=r.patient).first() or make_programme(r.patient)


def _session_url(r: Record) -> str:
    from hipdip.web.training.selectors import programme_schedule

    programme = _programme(r)
    day = programme_schedule(programme).sessions[0].on
    return f"/programmes/{programme.pk}/sessions/{day.isoformat()}/"


CARE_ENDPOINTS = (
    Endpoint(
        "page recovery", False, "get", lambda r: f"/patients/{r.patient.pk}/recovery/", (200,)
    ),
    Endpoint(
        "page check-in form",
        False,
        "get",
        lambda r: f"/patients/{_course(r).patient_id}/checkins/new/",
        (200,),
    ),
    Endpoint(
        "page check-in send",
        False,
        "post",
        lambda r: f"/patients/{_course(r).patient_id}/checkins/new/",
        (302,),
        body=lambda: {"pain": "3"},
    ),
    Endpoint("page check-in", False, "get", lambda r: f"/checkins/{_checkin(r).pk}/", (200,)),
    Endpoint(
        "page acknowledge",
        False,
        "post",
        lambda r: f"/checkins/{_checkin(r).pk}/acknowledge/",
        (302,),
        rule=staff_object_rule,
    ),
    Endpoint(
        "page course",
        False,
        "get",
        lambda r: f"/patients/{r.patient.pk}/recovery/course/",
        (200,),
        rule=staff_object_rule,
    ),
    Endpoint(
        "page clearance",
        False,
        "post",
        lambda r: f"/patients/{_course(r).patient_id}/recovery/clearance/",
        (302,),
        body=lambda: {"decision": "hold"},
        rule=surgeon_object_rule,
    ),
    Endpoint(
        "page time zone",
        False,
        "post",
        lambda r: f"/patients/{_course(r).patient_id}/recovery/timezone/",
        (302,),
        body=lambda: {"timezone": "Europe/Berlin"},
    ),
    Endpoint(
        "page calendar", False, "get", lambda r: f"/patients/{r.patient.pk}/calendar.ics", (200,)
    ),
    Endpoint(
        "page calendar link",
        False,
        "post",
        lambda r: f"/patients/{r.patient.pk}/calendar/link/",
        (200,),
        rule=patient_object_rule,
    ),
    Endpoint(
        "page calendar revoke",
        False,
        "post",
        lambda r: f"/patients/{r.patient.pk}/calendar/revoke/",
        (302,),
    ),
    Endpoint(
        "page check-in dashboard",
        False,
        "get",
        lambda r: "/clinic/checkins/",
        (200,),
        per_object=False,
        role_rule=STAFF_ONLY,
    ),
    Endpoint(
        "page training", False, "get", lambda r: f"/patients/{r.patient.pk}/training/", (200,)
    ),
    Endpoint(
        "page new programme",
        False,
        "get",
        lambda r: f"/patients/{r.patient.pk}/training/new/",
        (200,),
    ),
    Endpoint("page programme", False, "get", lambda r: f"/programmes/{_programme(r).pk}/", (200,)),
    Endpoint(
        "page end programme",
        False,
        "post",
        lambda r: f"/programmes/{_programme(r).pk}/end/",
        (302,),
    ),
    Endpoint("page session", False, "get", _session_url, (200,)),
    Endpoint(
        "page exercises",
        False,
        "get",
        lambda r: "/exercises/",
        (200,),
        per_object=False,
        role_rule=PUBLIC,
    ),
    Endpoint(
        "api symptoms",
        True,
        "get",
        lambda r: "/api/checkins/symptoms",
        (200,),
        per_object=False,
        role_rule=ANY_SIGNED_IN,
    ),
    Endpoint(
        "api exercises",
        True,
        "get",
        lambda r: "/api/exercises",
        (200,),
        per_object=False,
        role_rule=ANY_SIGNED_IN,
    ),
    Endpoint(
        "api recovery",
        True,
        "get",
        lambda r: f"/api/patients/{_course(r).patient_id}/recovery",
        (200,),
    ),
    Endpoint(
        "api recovery save",
        True,
        "put",
        lambda r: f"/api/patients/{r.patient.pk}/recovery",
        (200,),
        json_body=lambda: {"procedure_date": "2026-01-05", "timezone": "Europe/London"},
        rule=staff_object_rule,
    ),
    Endpoint(
        "api check-ins",
        True,
        "get",
        lambda r: f"/api/patients/{_course(r).patient_id}/checkins",
        (200,),
    ),
    Endpoint(
        "api check-in send",
        True,
        "post",
        lambda r: f"/api/patients/{_course(r).patient_id}/checkins",
        (201,),
        json_body=lambda: {"pain": 2, "symptoms": ["swelling"]},
    ),
    Endpoint("api check-in", True, "get", lambda r: f"/api/checkins/{_checkin(r).pk}", (200,)),
    Endpoint(
        "api acknowledge",
        True,
        "post",
        lambda r: f"/api/checkins/{_checkin(r).pk}/acknowledge",
        (200,),
        json_body=lambda: {"note": ""},
        rule=staff_object_rule,
    ),
    Endpoint(
        "api calendar", True, "get", lambda r: f"/api/patients/{r.patient.pk}/calendar.ics", (200,)
    ),
    Endpoint(
        "api programme",
        True,
        "get",
        lambda r: f"/api/patients/{_programme(r).patient_id}/programme",
        (200,),
    ),
    Endpoint(
        "api workouts",
        True,
        "get",
        lambda r: f"/api/patients/{_programme(r).patient_id}/workouts",
        (200,),
    ),
)
ENDPOINTS = ENDPOINTS + CARE_ENDPOINTS


# --- markings, result preview, before/after, gallery consent (hipdip.web.assessments) -------


def _imaging_rows() -> tuple[Endpoint, ...]:
    from .assessments.pictures.worlds import compare_query, consent_id, done_photo

    def cmp(r: Record, extra: str) -> str:
        return f"/patients/{r.patient.pk}/compare/image?{compare_query(r)}&{extra}"

    def api_cmp(r: Record, extra: str) -> str:
        return f"/api/patients/{r.patient.pk}/compare{extra}?{compare_query(r)}"

    marks: Any = lambda: {"version": 1, "marks": []}  # noqa: E731
    return (
        Endpoint(
            "page markings", False, "get", lambda r: f"/photos/{done_photo(r)}/markings/", (200,)
        ),
        Endpoint(
            "page markings save",
            False,
            "post",
            lambda r: f"/photos/{done_photo(r)}/markings/save/",
            (200,),
            rule=surgeon_object_rule,
            json_body=marks,
        ),
        Endpoint(
            "page markings png",
            False,
            "get",
            lambda r: f"/photos/{done_photo(r)}/markings.png",
            (200,),
        ),
        Endpoint(
            "page preview", False, "get", lambda r: f"/photos/{done_photo(r)}/preview/", (200,)
        ),
        Endpoint(
            "page photo overlay for phones",
            False,
            "get",
            lambda r: f"/photos/{done_photo(r)}/overlay/phone.jpg",
            (200,),
        ),
        Endpoint(
            "page preview image",
            False,
            "get",
            lambda r: f"/photos/{done_photo(r)}/preview.jpg?fill=0.5",
            (200,),
        ),
        Endpoint(
            "page compare",
            False,
            "get",
            lambda r: f"/patients/{r.patient.pk}/compare/?{compare_query(r)}",
            (200,),
        ),
        Endpoint("page compare image", False, "get", lambda r: cmp(r, "which=after"), (200,)),
        Endpoint(
            "page gallery export",
            False,
            "get",
            lambda r: cmp(r, "which=gallery"),
            (200,),
            rule=staff_object_rule,
        ),
        Endpoint(
            "page consents",
            False,
            "get",
            lambda r: f"/patients/{r.patient.pk}/gallery-consent/",
            (200,),
        ),
        Endpoint(
            "page consent record",
            False,
            "post",
            lambda r: f"/patients/{r.patient.pk}/gallery-consent/",
            (302,),
            rule=staff_object_rule,
            body=lambda: {"scope": "clinic", "confirmed": "on"},
        ),
        Endpoint(
            "page consent withdraw",
            False,
            "post",
            lambda r: f"/gallery-consents/{consent_id(r)}/withdraw/",
            (302,),
        ),
        Endpoint(
            "api markings", True, "get", lambda r: f"/api/photos/{done_photo(r)}/markings", (200,)
        ),
        Endpoint(
            "api markings put",
            True,
            "put",
            lambda r: f"/api/photos/{done_photo(r)}/markings",
            (200,),
            rule=surgeon_object_rule,
            json_body=marks,
        ),
        Endpoint(
            "api markings image",
            True,
            "get",
            lambda r: f"/api/photos/{done_photo(r)}/markings/image",
            (200,),
        ),
        Endpoint(
            "api preview",
            True,
            "get",
            lambda r: f"/api/photos/{done_photo(r)}/preview?fill=0.5&format=jpeg",
            (200,),
        ),
        Endpoint("api compare", True, "get", lambda r: api_cmp(r, ""), (200,)),
        Endpoint(
            "api compare image",
            True,
            "get",
            lambda r: api_cmp(r, "/image") + "&kind=before",
            (200,),
        ),
        Endpoint(
            "api gallery export",
            True,
            "get",
            lambda r: api_cmp(r, "/image") + "&kind=gallery",
            (200,),
            rule=staff_object_rule,
        ),
        Endpoint(
            "api consents",
            True,
            "get",
            lambda r: f"/api/patients/{r.patient.pk}/gallery-consents",
            (200,),
        ),
        Endpoint(
            "api consent record",
            True,
            "post",
            lambda r: f"/api/patients/{r.patient.pk}/gallery-consents",
            (201,),
            rule=staff_object_rule,
            json_body=lambda: {"scope": "clinic"},
        ),
        Endpoint(
            "api consent withdraw",
            True,
            "post",
            lambda r: f"/api/gallery-consents/{consent_id(r)}/withdraw",
            (200,),
        ),
    )


ENDPOINTS = ENDPOINTS + _imaging_rows()


# --- consultation, plan, pre-op checklist, procedure, documents --------------------------


def _consultation_rows() -> tuple[Endpoint, ...]:
    from .consultations import worlds as cw

    def page(name: str, path: str, **kw: Any) -> Endpoint:
        return Endpoint(
            name, False, "get", lambda r: f"/patients/{r.patient.pk}/{path}", (200,), **kw
        )

    def api(name: str, path: str, **kw: Any) -> Endpoint:
        return Endpoint(
            name, True, "get", lambda r: f"/api/patients/{r.patient.pk}/{path}", (200,), **kw
        )

    plan_put: Any = lambda: {"version": 1, "donor_sites": ["flanks"]}  # noqa: E731
    return (
        page("page consultation", "consultation/"),
        page("page intake", "intake/"),
        page("page intake history", "intake/history/"),
        Endpoint(
            "page intake autosave",
            False,
            "post",
            lambda r: f"/patients/{r.patient.pk}/intake/autosave/",
            (200,),
            body=lambda: {"version": "0", "goals": "Smoother hips"},
        ),
        Endpoint(
            "page intake send",
            False,
            "post",
            lambda r: f"/patients/{r.patient.pk}/intake/",
            (302,),
            body=cw.intake_form,
        ),
        Endpoint(
            "page override",
            False,
            "post",
            lambda r: f"/patients/{cw.with_stop_finding(r)}/findings/override/",
            (302,),
            rule=surgeon_object_rule,
            body=lambda: {"code": "antiplatelet", "reason": "Cardiologist agreed a plan"},
        ),
        page("page plan", "plan/"),
        Endpoint(
            "page plan save",
            False,
            "post",
            lambda r: f"/patients/{cw.with_plan(r)}/plan/",
            (302,),
            rule=staff_object_rule,
            body=lambda: cw.plan_form(1),
        ),
        Endpoint(
            "page plan preview",
            False,
            "post",
            lambda r: f"/patients/{cw.with_intake(r)}/plan/preview/",
            (200,),
            rule=staff_object_rule,
            body=lambda: cw.plan_form(0),
        ),
        Endpoint(
            "page plan approve",
            False,
            "post",
            lambda r: f"/patients/{cw.with_plan(r)}/plan/approve/",
            (302,),
            rule=surgeon_object_rule,
            body=lambda: {"version": "1", "confirm": "1"},
        ),
        Endpoint(
            "page plan approval confirmation",
            False,
            "get",
            lambda r: f"/patients/{cw.with_plan(r)}/plan/approve/",
            (200,),
            rule=surgeon_object_rule,
        ),
        Endpoint(
            "page plan reconfirm",
            False,
            "post",
            lambda r: f"/patients/{cw.with_approved_plan(r)}/plan/reconfirm/",
            (302,),
            rule=surgeon_object_rule,
            body=lambda: {"version": "1", "decision": "keep", "reason": "Unchanged."},
        ),
        Endpoint(
            "page pre-op", False, "get", lambda r: f"/patients/{cw.with_plan(r)}/preop/", (200,)
        ),
        Endpoint(
            "page pre-op tick",
            False,
            "post",
            lambda r: f"/patients/{cw.with_plan(r)}/preop/tick/",
            (302,),
            body=lambda: {"key": "lab-fbc", "done": "1"},
        ),
        Endpoint(
            "page procedure",
            False,
            "get",
            lambda r: f"/patients/{cw.with_procedure(r)}/procedure/",
            (200,),
            rule=staff_object_rule,
        ),
        Endpoint(
            "page procedure save",
            False,
            "post",
            lambda r: f"/patients/{cw.with_plan_ready_for_surgery(r)}/procedure/",
            (302,),
            rule=staff_object_rule,
            record_body=cw.procedure_form,
        ),
        page("page summary pdf", "consultation.pdf", rule=staff_object_rule),
        page("page fhir download", "fhir.json", rule=staff_object_rule),
        api("api intake", "intake"),
        api("api intake questions", "intake/questions"),
        api("api intake history", "intake/history"),
        Endpoint(
            "api intake save",
            True,
            "put",
            lambda r: f"/api/patients/{r.patient.pk}/intake",
            (200,),
            json_body=lambda: {"version": 0, "answers": {"goals": "Smoother hips"}},
        ),
        Endpoint(
            "api intake submit",
            True,
            "post",
            lambda r: f"/api/patients/{r.patient.pk}/intake/submit",
            (200,),
            json_body=lambda: {"version": 0, "answers": cw.complete_answers()},
        ),
        api("api screening", "screening"),
        Endpoint(
            "api override",
            True,
            "post",
            lambda r: f"/api/patients/{cw.with_stop_finding(r)}/screening/overrides",
            (201,),
            rule=surgeon_object_rule,
            json_body=lambda: {"code": "antiplatelet", "reason": "Cardiologist agreed"},
        ),
        Endpoint(
            "api plan",
            True,
            "get",
            lambda r: f"/api/patients/{cw.with_approved_plan(r)}/plan",
            (200,),
        ),
        Endpoint(
            "api plan save",
            True,
            "put",
            lambda r: f"/api/patients/{cw.with_plan(r)}/plan",
            (200,),
            rule=staff_object_rule,
            json_body=plan_put,
        ),
        Endpoint(
            "api plan approve",
            True,
            "post",
            lambda r: f"/api/patients/{cw.with_plan(r)}/plan/approve",
            (200,),
            rule=surgeon_object_rule,
            json_body=lambda: {"version": 1},
        ),
        Endpoint(
            "api pre-op", True, "get", lambda r: f"/api/patients/{cw.with_plan(r)}/preop", (200,)
        ),
        Endpoint(
            "api pre-op tick",
            True,
            "post",
            lambda r: f"/api/patients/{cw.with_plan(r)}/preop/ticks",
            (200,),
            json_body=lambda: {"key": "lab-fbc", "done": True},
        ),
        Endpoint(
            "api procedure",
            True,
            "get",
            lambda r: f"/api/patients/{cw.with_procedure(r)}/procedure",
            (200,),
            rule=staff_object_rule,
        ),
        Endpoint(
            "api procedure save",
            True,
            "put",
            lambda r: f"/api/patients/{cw.with_plan_ready_for_surgery(r)}/procedure",
            (200,),
            rule=staff_object_rule,
            record_json=cw.procedure_json,
        ),
        Endpoint(
            "api procedure checks",
            True,
            "get",
            lambda r: f"/api/patients/{cw.with_approved_plan(r)}/procedure/checks",
            (200,),
            rule=staff_object_rule,
        ),
        Endpoint(
            "page clinical settings",
            False,
            "get",
            lambda r: "/clinic/clinical-settings/",
            (200,),
            per_object=False,
            role_rule=STAFF_ONLY,
        ),
        api("api fhir", "fhir", rule=staff_object_rule),
        api("api summary pdf", "consultation.pdf", rule=staff_object_rule),
    )


def admin_object_rule(role: str, target: str) -> str:
    """A patient's record, but only the clinic's admin acts on it (erasure)."""
    outcome = object_rule(role, target)
    if outcome == ALLOW and role != "clinic_admin":
        return DENY
    return outcome


def _privacy_rows() -> tuple[Endpoint, ...]:
    """Data export (the patient and the clinic's staff) and erasure (clinic admins); the
    erasure is asked with a wrong name, so "allowed" is 422 and nothing is erased."""
    return (
        Endpoint(
            "page privacy", False, "get", lambda r: f"/patients/{r.patient.pk}/privacy/", (200,)
        ),
        Endpoint(
            "page data export",
            False,
            "get",
            lambda r: f"/patients/{r.patient.pk}/export.zip",
            (200,),
        ),
        Endpoint(
            "api data export", True, "get", lambda r: f"/api/patients/{r.patient.pk}/export", (200,)
        ),
        Endpoint(
            "api erasure",
            True,
            "post",
            lambda r: f"/api/patients/{r.patient.pk}/erasure",
            (422,),
            rule=admin_object_rule,
            json_body=lambda: {"confirm": "not the name"},
        ),
    )


ENDPOINTS = ENDPOINTS + _consultation_rows() + _privacy_rows()


# --- contact details, messages and the staff workspace (issue 12) ----------------------
REACHING_ENDPOINTS = (
    Endpoint("page contact", False, "get", lambda r: f"/patients/{r.patient.pk}/contact/", (200,)),
    Endpoint(
        "page contact save",
        False,
        "post",
        lambda r: f"/patients/{r.patient.pk}/contact/",
        (302,),
        body=lambda: {"phone": "07911 123456", "preferred_contact": "text"},
    ),
    Endpoint("api contact", True, "get", lambda r: f"/api/patients/{r.patient.pk}/contact", (200,)),
    Endpoint(
        "page messages", False, "get", lambda r: f"/patients/{r.patient.pk}/messages/", (200,)
    ),
    Endpoint(
        "page send message",
        False,
        "post",
        lambda r: f"/patients/{r.patient.pk}/messages/",
        (302,),
        body=lambda: {"body": "Hello"},
    ),
    Endpoint(
        "api messages", True, "get", lambda r: f"/api/patients/{r.patient.pk}/messages", (200,)
    ),
    Endpoint(
        "api send message",
        True,
        "post",
        lambda r: f"/api/patients/{r.patient.pk}/messages",
        (201,),
        json_body=lambda: {"body": "Hello"},
    ),
    Endpoint(
        "page staff home",
        False,
        "get",
        lambda r: "/staff/",
        (200,),
        per_object=False,
        role_rule=STAFF_ONLY,
    ),
    Endpoint(
        "api staff home",
        True,
        "get",
        lambda r: "/api/staff/home",
        (200,),
        per_object=False,
        role_rule=STAFF_ONLY,
    ),
    Endpoint(
        "api patient summary",
        True,
        "get",
        lambda r: f"/api/patients/{r.patient.pk}/summary",
        (200,),
        rule=lambda role, target: staff_only_object_rule(role, target),
    ),
    Endpoint(
        "page message inbox",
        False,
        "get",
        lambda r: "/clinic/messages/",
        (200,),
        per_object=False,
        role_rule=STAFF_ONLY,
    ),
)
ENDPOINTS = ENDPOINTS + REACHING_ENDPOINTS


def _client(world: World, role: str, api: bool, web_client: Any, api_client: Any) -> Client:
    user = None if role == "anonymous" else getattr(world, role)
    return api_client(user) if api else web_client(user)


def _expected_status(outcome: str, endpoint: Endpoint) -> tuple[int, ...]:
    if outcome == ALLOW:
        return endpoint.ok
    if outcome == HIDE:
        return (404,)
    if outcome == DENY:
        return (403,)
    return (401,) if endpoint.api else (302,)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_permission_matrix(
    world: World,
    role: str,
    endpoint: Endpoint,
    web_client: Any,
    api_client: Any,
    fake_analysis: list[str],
) -> None:
    client = _client(world, role, endpoint.api, web_client, api_client)
    failures = []
    for target in TARGETS:
        record: Record = getattr(world, target)
        if endpoint.per_object:
            outcome = (endpoint.rule or object_rule)(role, target)
        else:
            assert endpoint.role_rule is not None
            outcome = endpoint.role_rule[role]
        kwargs: dict[str, Any] = {}
        if endpoint.body is not None:
            kwargs["data"] = endpoint.body()
        if endpoint.json_body is not None:
            kwargs.update(data=endpoint.json_body(), content_type="application/json")
        if endpoint.record_body is not None:
            kwargs["data"] = endpoint.record_body(record)
        if endpoint.record_json is not None:
            kwargs.update(data=endpoint.record_json(record), content_type="application/json")
        response = getattr(client, endpoint.method)(endpoint.url(record), **kwargs)
        _drain(response)
        expected = _expected_status(outcome, endpoint)
        if response.status_code not in expected:
            failures.append(f"{target}: expected {outcome} {expected}, got {response.status_code}")
        if outcome == LOGIN and not endpoint.api:
            assert response["Location"].startswith("/accounts/login/")
        if endpoint.api and response.status_code >= 400:
            assert set(response.json()) == {"error"}
        if not endpoint.per_object:
            break  # the same page whatever the target
    assert not failures, f"{role} on {endpoint.name}: " + "; ".join(failures)


@pytest.mark.parametrize("role", ["patient", "coordinator", "foreign_staff"])
def test_hidden_records_are_audited_as_denied(world: World, role: str, api_client: Any) -> None:
    target = world.foreign if role != "foreign_staff" else world.own
    api_client(getattr(world, role)).get(f"/api/photos/{target.done.pk}")
    event = AuditEvent.objects.get(outcome=Outcome.DENIED, object_id=str(target.done.pk))
    assert event.actor == getattr(world, role)
    assert event.patient == target.patient


def test_the_api_patient_list_shows_each_role_only_what_it_may_see(
    world: World, api_client: Any
) -> None:
    def ids(role: str) -> set[str]:
        body = api_client(getattr(world, role)).get("/api/patients").json()
        return {row["id"] for row in body["items"]}

    own, other, foreign = (str(getattr(world, t).patient.pk) for t in TARGETS)
    assert ids("patient") == {own}
    assert ids("other_patient") == {other}
    assert ids("self_signed") == {str(world.self_signed.patient.pk)}
    for staff in ("coordinator", "surgeon", "clinic_admin"):
        assert ids(staff) == {own, other}
    assert ids("foreign_staff") == {foreign}


def _drain(response: Any) -> None:
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
