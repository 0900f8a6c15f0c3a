"""A patient's data export: one zip with everything the clinic holds about them.

`fhir/bundle.json` (the FHIR R4 Bundle the documents app builds), `records.json` (every row
of their record, as stored, without secrets such as token hashes, then the enquiries they
sent through the clinic's contact form, found by email), `account.json`, each
stored file under `files/` byte for byte as stored (photos as uploaded and re-encoded,
analysis overlays, attachments of apps that keep them), and `manifest.json` with the
SHA-256 and size of every other member. The zip is written to a file object (a temporary
file for downloads), one file at a time, so large records never sit in memory.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.services import audit_record
from hipdip.web.documents.fhir import consultation_bundle
from hipdip.web.documents.selectors import consultation_record
from hipdip.web.patients.models import Patient
from hipdip.web.privacy.selectors import patient_leads, patient_rows, stored_files

FORMAT = 1
#: Field names never exported: hashes of tokens and passwords are secrets, not data.
SECRET_PARTS = ("token", "secret", "password")
README = """Your data from {clinic}

This archive holds everything the clinic keeps in hipdip about one patient, as of {when}:

  fhir/bundle.json   the record in FHIR R4, the standard format for health records
  records.json       every stored entry of the record, field by field, and the
                     enquiries sent with your email through the clinic's contact form
  account.json       the sign-in account (email, name, since when)
  files/             the photos and other files, exactly as stored
  manifest.json      the SHA-256 checksum and size of every file above
"""


@dataclass(frozen=True)
class ExportSummary:
    """What went into an export."""

    files: int
    missing: int
    rows: int
    leads: int = 0


def _public_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if not any(p in k for p in SECRET_PARTS)}


def _records(rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for item in serializers.serialize("python", rows):
        item["fields"] = _public_fields(item["fields"])
        out.append(item)
    return out


class _Writer:
    """Adds members to the zip and remembers their checksums for the manifest."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.entries: dict[str, dict[str, Any]] = {}

    def json(self, path: str, data: Any) -> None:
        raw = json.dumps(data, indent=1, cls=DjangoJSONEncoder, sort_keys=True).encode()
        self.zf.writestr(path, raw, compress_type=zipfile.ZIP_DEFLATED)
        self.entries[path] = {"sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw)}

    def stream(self, path: str, source: IO[bytes], extra: dict[str, Any]) -> None:
        digest, size = hashlib.sha256(), 0
        with self.zf.open(path, "w", force_zip64=True) as dest:
            for block in iter(lambda: source.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
                dest.write(block)
        self.entries[path] = {"sha256": digest.hexdigest(), "bytes": size, **extra}


def patient_export_write(*, actor: Actor, patient: Patient, out: IO[bytes]) -> ExportSummary:
    """Write the patient's export zip to `out` and record the read in the audit trail.

    The caller has checked that `actor` may export this patient (see `privacy.access`).
    """
    rows = patient_rows(patient)
    files = stored_files(rows)
    leads = patient_leads(patient)
    missing: list[str] = []
    now = timezone.now()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as zf:
        writer = _Writer(zf)
        clinic = patient.clinic.name if patient.clinic else "hipdip"
        zf.writestr("README.txt", README.format(clinic=clinic, when=f"{now:%Y-%m-%d %H:%M} UTC"))
        writer.json("fhir/bundle.json", consultation_bundle(consultation_record(patient)))
        writer.json("records.json", _records([*rows, *leads]))
        user = patient.user
        writer.json(
            "account.json",
            {
                "email": user.email,
                "full_name": user.full_name,
                "date_joined": user.date_joined,
                "clinic": patient.clinic.name if patient.clinic else None,
            },
        )
        for stored in files:
            try:
                source = default_storage.open(stored.name, "rb")
            except (FileNotFoundError, OSError):
                missing.append(stored.name)
                continue
            with source:
                writer.stream(
                    f"files/{stored.name}",
                    source,
                    {"model": stored.model, "field": stored.field, "object_id": stored.object_id},
                )
        manifest = {
            "format": FORMAT,
            "patient_id": str(patient.pk),
            "created": now,
            "members": writer.entries,
            "missing_files": missing,
        }
        zf.writestr(
            "manifest.json",
            json.dumps(manifest, indent=1, cls=DjangoJSONEncoder, sort_keys=True),
            compress_type=zipfile.ZIP_DEFLATED,
        )
    audit_record(
        actor=actor,
        action="privacy.export",
        patient=patient,
        target=patient,
        detail={
            "files": len(files) - len(missing),
            "missing": len(missing),
            "rows": len(rows),
            "leads": len(leads),
        },
    )
    return ExportSummary(
        files=len(files) - len(missing), missing=len(missing), rows=len(rows), leads=len(leads)
    )
