"""What the clinic reads (source citations, setting descriptions) is in plain clinic
language: no references to the product's internal notes."""

from __future__ import annotations

import dataclasses

import pytest

from hipdip.care.settings import ClinicSettings
from hipdip.care.sources import SOURCES

#: Markers of the product's working notes that must never reach a clinic's screen.
INTERNAL = ("CLINICAL.md", "DEFINITION.md", "[S]", "sign-off", "product brief", "synth-v1")


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_source_citations_read_as_citations(source_id: str) -> None:
    citation = SOURCES[source_id].citation
    assert not [m for m in INTERNAL if m in citation], citation


def test_setting_descriptions_name_no_internal_notes() -> None:
    for f in dataclasses.fields(ClinicSettings):
        doc = str(f.metadata.get("doc", ""))
        assert not [m for m in INTERNAL if m in doc], (f.name, doc)
