"""The definitions the clinic's settings form is generated from: one per setting (one per
medication hold), each with a plain label, a group, its range, default and a known source;
a setting added to the data table gets a definition without further code."""

import dataclasses

from hipdip.care._settings_fields import HOLD_DEFAULTS, setting
from hipdip.care.settings import ClinicSettings
from hipdip.care.settings_defs import GROUPS, Kind, setting_definitions
from hipdip.care.sources import SOURCES


def test_every_setting_and_every_hold_has_one_definition():
    keys = [d.key for d in setting_definitions()]
    names = {f.name for f in dataclasses.fields(ClinicSettings)} - {"hold_days"}
    holds = {f"hold_days.{k}" for k in HOLD_DEFAULTS}
    assert len(keys) == len(set(keys)) and set(keys) == names | holds


def test_definitions_have_plain_labels_groups_ranges_and_known_sources():
    for d in setting_definitions():
        assert d.label and "_" not in d.label, d.key
        assert d.group in GROUPS[:-1], d.key  # every current setting has a real group
        assert d.source_id in SOURCES, d.key
        if d.kind in (Kind.NUMBER, Kind.WHOLE, Kind.WHOLE_LIST):
            assert d.lo is not None and d.hi is not None and d.lo <= d.hi, d.key


def test_a_new_setting_gets_a_definition_from_its_metadata(monkeypatch):
    @dataclasses.dataclass(frozen=True, kw_only=True)
    class WithNotice(ClinicSettings):
        booking_notice_hours: int = setting(
            24,
            source="hipdip-policy",
            unit="h",
            lo=0,
            hi=72,
            doc="Shortest notice for a booking.",
            label="Booking notice",
            group="Appointments",
        )
        escalation_minutes: int = setting(30, source="hipdip-policy", lo=5, hi=240, doc="x")

    import hipdip.care.settings_defs as defs

    monkeypatch.setattr(defs, "ClinicSettings", WithNotice)
    by_key = {d.key: d for d in defs.setting_definitions()}
    notice = by_key["booking_notice_hours"]
    assert (notice.label, notice.group, notice.unit, notice.hi) == (
        "Booking notice",
        "Appointments",
        "h",
        72,
    )
    assert by_key["escalation_minutes"].label == "Escalation minutes"  # from its name
    assert by_key["escalation_minutes"].group == "Other"
