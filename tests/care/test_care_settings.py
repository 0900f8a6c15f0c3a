"""ClinicSettings: sourced defaults, clinic overrides and their validation."""

import dataclasses

import pytest

from hipdip.care.settings import HOLD_DEFAULTS, ClinicSettings, describe, hold_source
from hipdip.care.sources import SOURCES, SourceStrength, get_source


def test_every_setting_cites_a_registered_source():
    for info in describe(ClinicSettings()):
        if info.name == "hold_days":
            continue
        assert info.source_id in SOURCES, info.name
        assert info.doc, info.name


def test_every_hold_default_cites_a_registered_source():
    for key, (days, source) in HOLD_DEFAULTS.items():
        assert source in SOURCES, key
        assert days >= 1


def test_unknown_source_id_raises_key_error_naming_it():
    with pytest.raises(KeyError, match="no-such-source"):
        get_source("no-such-source")


def test_graft_retention_defaults_to_half_with_range_forty_to_eighty_percent_per_gir_rohrich():
    s = ClinicSettings()
    assert (s.graft_retention_low, s.graft_retention_expected, s.graft_retention_high) == (
        0.4,
        0.5,
        0.8,
    )
    field = next(f for f in dataclasses.fields(s) if f.name == "graft_retention_expected")
    assert field.metadata["source"] == "gir-rohrich-2012"


def test_processing_yield_is_26_percent_per_hip_series():
    assert ClinicSettings().processing_yield == 0.26


def test_large_volume_threshold_is_5000_ml_per_asps_advisory():
    assert ClinicSettings().large_volume_aspirate_ml == 5000.0


def test_dcq_cutoff_defaults_to_nine_per_mancuso_and_accepts_stricter_cutoffs():
    assert ClinicSettings().dcq_cutoff == 9
    assert ClinicSettings().with_overrides(dcq_cutoff=11).dcq_cutoff == 11
    assert ClinicSettings().with_overrides(dcq_cutoff=14).dcq_cutoff == 14


def test_recovery_defaults_follow_clinical_milestones():
    s = ClinicSettings()
    assert s.compression_days == 42
    assert s.no_pressure_on_grafts_days == 21
    assert (s.driving_days_min, s.driving_days_max) == (2, 4)
    assert (s.desk_work_days, s.light_exercise_days, s.normal_activity_days) == (14, 28, 42)
    assert (s.final_result_days_min, s.final_result_days_max) == (90, 180)


def test_nicotine_free_four_weeks_before_and_after_per_sorensen():
    s = ClinicSettings()
    assert s.nicotine_free_weeks_before == 4
    assert s.nicotine_free_weeks_after == 4


def test_override_returns_new_settings_and_leaves_defaults_alone():
    base = ClinicSettings()
    changed = base.with_overrides(graft_retention_expected=0.6)
    assert changed.graft_retention_expected == 0.6
    assert base.graft_retention_expected == 0.5


def test_hold_override_merges_one_key_and_cites_the_clinic():
    s = ClinicSettings().with_overrides(hold_days={"aspirin": 7})
    assert s.hold_days["aspirin"] == 7
    assert s.hold_days["garlic"] == 7
    assert hold_source("aspirin", s) == "clinic-settings"
    assert hold_source("garlic", s) == "ang-lee-2001"
    assert get_source("clinic-settings").strength is SourceStrength.CLINIC


def test_from_mapping_accepts_json_like_values():
    s = ClinicSettings.from_mapping(
        {
            "followup_days": [1, 5, 14],
            "bmi_stop_above": 35,
            "urgent_symptoms": list(ClinicSettings().urgent_symptoms),
        }
    )
    assert s.followup_days == (1, 5, 14)
    assert s.bmi_stop_above == 35.0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"graft_retention_expected": 1.5}, "graft_retention_expected must be between"),
        ({"graft_retention_low": 0.6}, "graft_retention_low .* must not be greater"),
        ({"processing_yield": 0}, "processing_yield must be between"),
        ({"bmi_caution_from": 36}, "bmi_caution_from .* must not be greater"),
        ({"light_exercise_days": 50}, "light_exercise_days .* must not be greater"),
        ({"dcq_cutoff": 22}, "dcq_cutoff must be between 1 and 21"),
        ({"dcq_cutoff": 9.5}, "dcq_cutoff must be a whole number"),
        ({"dcq_cutoff": True}, "dcq_cutoff must be a whole number"),
        ({"fever_c": "hot"}, "fever_c must be a number"),
        ({"no_such_setting": 1}, "unknown clinic setting.*no_such_setting"),
        ({"hold_days": {"unicorn_dust": 3}}, "unknown hold key.*unicorn_dust"),
        ({"hold_days": {"aspirin": -1}}, r"hold_days\[aspirin\]"),
        ({"followup_days": [7, 1]}, "followup_days must be a non-empty increasing list"),
        ({"fasting_from_midnight": "yes"}, "fasting_from_midnight must be true or false"),
    ],
)
def test_invalid_override_raises_value_error_naming_the_setting(overrides, message):
    with pytest.raises(ValueError, match=message):
        ClinicSettings().with_overrides(**overrides)


def test_from_mapping_rejects_a_non_mapping():
    with pytest.raises(ValueError, match="must be a mapping"):
        ClinicSettings.from_mapping([("dcq_cutoff", 9)])  # type: ignore[arg-type]


def test_a_clinic_cannot_lower_an_emergency_symptom():
    s = ClinicSettings()
    with pytest.raises(ValueError, match="chest_pain cannot be moved below emergency"):
        s.with_overrides(
            emergency_symptoms=s.emergency_symptoms - {"chest_pain"},
            urgent_symptoms=s.urgent_symptoms | {"chest_pain"},
        )


def test_a_clinic_may_raise_an_urgent_symptom_to_emergency():
    s = ClinicSettings()
    raised = s.with_overrides(
        emergency_symptoms=s.emergency_symptoms | {"fever"},
        urgent_symptoms=s.urgent_symptoms - {"fever"},
    )
    assert "fever" in raised.emergency_symptoms


def test_a_symptom_in_two_levels_is_rejected():
    s = ClinicSettings()
    with pytest.raises(ValueError, match="fever must be in exactly one level"):
        s.with_overrides(emergency_symptoms=s.emergency_symptoms | {"fever"})
