"""What belongs to one patient: every row that goes with their record, and every stored file.

Both come from Django's own deletion collector, so the export holds exactly what erasure
removes, and an app added later (with a ForeignKey to the patient that cascades, and any
FileField) is covered without a change here. Contact-form leads are not linked to a record;
:func:`patient_leads` finds them by email, and export and erasure both take them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from hipdip.web.core.errors import Conflict
from hipdip.web.leads.models import Lead
from hipdip.web.patients.models import Patient


@dataclass(frozen=True)
class StoredFile:
    """One file in storage that belongs to the patient, and the row that names it."""

    name: str  # the storage name, e.g. "photos/3f2a....jpg"
    model: str  # "assessments.photo"
    field: str  # "image"
    object_id: str


def _collector(objs: list[models.Model]) -> Collector:
    collector = Collector(using=router.db_for_write(type(objs[0])))
    try:
        collector.collect(objs)
    except (ProtectedError, RestrictedError) as exc:
        kinds = sorted({o._meta.verbose_name for o in exc.args[1]})
        raise Conflict(
            "Other records depend on this patient's record and would be left broken: "
            + ", ".join(str(k) for k in kinds)
            + ".",
            code="record_in_use",
        ) from exc
    return collector


def _instances(collector: Collector) -> Iterator[models.Model]:
    for instances in collector.data.values():
        yield from instances
    for qs in collector.fast_deletes:
        yield from qs


def patient_rows(patient: Patient) -> list[models.Model]:
    """Every row deleted with the patient record (the record itself first)."""
    rows = list(_instances(_collector([patient])))
    rows.sort(key=lambda obj: (obj is not patient, obj._meta.label_lower))
    return rows


def stored_files(rows: list[models.Model]) -> list[StoredFile]:
    """The files named by FileFields of `rows`, in a stable order, each once."""
    seen: set[str] = set()
    files: list[StoredFile] = []
    for obj in rows:
        for field in obj._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            name = getattr(obj, field.attname) or ""
            name = str(name)
            if name and name not in seen:
                seen.add(name)
                files.append(StoredFile(name, obj._meta.label_lower, field.name, str(obj.pk)))
    files.sort(key=lambda f: f.name)
    return files


def patient_files(patient: Patient) -> list[StoredFile]:
    """Every stored file that belongs to the patient's record."""
    return stored_files(patient_rows(patient))


def patient_leads(patient: Patient) -> list[Lead]:
    """The enquiries from the clinic's contact form (or its leads API) sent with the
    patient's email, compared without regard to case: a lead has no link to a record, and
    these are the same person asking before or after they became a patient. Only the
    patient's own clinic's leads; none for a patient without a clinic."""
    if patient.clinic_id is None:
        return []
    return list(
        Lead.objects.filter(
            clinic_id=patient.clinic_id, email__iexact=patient.email.strip()
        ).order_by("created_at", "pk")
    )


def confirmation_name(patient: Patient) -> str:
    """What staff type to confirm an erasure: the patient's name, or email without one."""
    return patient.full_name.strip() or patient.email
