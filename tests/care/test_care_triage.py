"""Check-in triage: every red flag escalates, trends raise the level, bad input is refused."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipdip.care.settings import ClinicSettings
from hipdip.care.triage import (
    SYMPTOMS,
    CheckIn,
    PastCheckIn,
    TriageLevel,
    symptom_level,
    triage,
)

SETTINGS = ClinicSettings()
EMERGENCY = [
    "shortness_of_breath",
    "chest_pain",
    "coughing_blood",
    "fast_heartbeat_rest",
    "confusion_drowsiness",
    "new_weakness_speech",
    "fainting",
    "pinpoint_rash",
]
URGENT = [
    "fever",
    "spreading_redness",
    "warmth",
    "pus_foul_smell",
    "calf_swelling_pain",
    "heavy_bleeding",
    "fast_growing_swelling",
    "skin_dark_blistering",
]
ROUTINE = ["swelling", "bruising", "soreness", "firm_lump"]


def run(checkin, day=5, previous=()):
    return triage(checkin, previous_checkins=previous, day=day, settings=SETTINGS)


def test_symptom_catalogue_matches_the_settings_levels():
    assert set(SYMPTOMS) == set(EMERGENCY) | set(URGENT) | set(ROUTINE)
    assert all(SYMPTOMS[c].label for c in SYMPTOMS)


@pytest.mark.parametrize("code", EMERGENCY)
def test_every_emergency_symptom_escalates_to_emergency_per_red_flags(code):
    result = run(CheckIn(pain=2, symptoms=frozenset({code, "bruising"})))
    assert result.level is TriageLevel.EMERGENCY
    assert result.patient_advice.startswith("Call emergency services now")
    assert result.alert_clinic
    assert result.reasons[0].code == code


@pytest.mark.parametrize("code", URGENT)
def test_every_urgent_symptom_is_urgent_per_red_flags(code):
    result = run(CheckIn(pain=2, symptoms=frozenset({code})))
    assert result.level is TriageLevel.URGENT
    assert result.patient_advice.startswith("Call the clinic today")


@pytest.mark.parametrize("code", ROUTINE)
def test_expected_healing_symptoms_are_routine_per_red_flags(code):
    result = run(CheckIn(pain=3, symptoms=frozenset({code})))
    assert result.level is TriageLevel.ROUTINE
    assert not result.alert_clinic


def test_firm_lump_goes_to_the_next_visit():
    assert "next visit" in run(CheckIn(pain=1, symptoms=frozenset({"firm_lump"}))).patient_advice


def test_temperature_of_38_is_fever_and_urgent_per_red_flags():
    result = run(CheckIn(pain=2, temperature_c=38.0))
    assert result.level is TriageLevel.URGENT
    assert [r.code for r in result.reasons] == ["fever"]
    assert run(CheckIn(pain=2, temperature_c=37.9)).level is TriageLevel.ROUTINE


def test_pain_rising_after_day_3_raises_routine_to_urgent_per_red_flags():
    before = [PastCheckIn(day=3, checkin=CheckIn(pain=4))]
    result = run(CheckIn(pain=5, symptoms=frozenset({"swelling"})), day=4, previous=before)
    assert result.level is TriageLevel.URGENT
    assert "pain_rising" in [r.code for r in result.reasons]


def test_pain_rising_on_day_3_or_earlier_is_expected():
    before = [PastCheckIn(day=1, checkin=CheckIn(pain=3))]
    assert run(CheckIn(pain=6), day=3, previous=before).level is TriageLevel.ROUTINE


def test_steady_or_falling_pain_after_day_3_stays_routine():
    before = [
        PastCheckIn(day=4, checkin=CheckIn(pain=6)),
        PastCheckIn(day=5, checkin=CheckIn(pain=4)),
    ]
    assert run(CheckIn(pain=4), day=6, previous=before).level is TriageLevel.ROUTINE


def test_rising_pain_never_lowers_an_emergency():
    before = [PastCheckIn(day=4, checkin=CheckIn(pain=2))]
    result = run(CheckIn(pain=8, symptoms=frozenset({"chest_pain"})), day=6, previous=before)
    assert result.level is TriageLevel.EMERGENCY


def test_a_clinic_may_raise_fever_to_emergency():
    clinic = SETTINGS.with_overrides(
        emergency_symptoms=SETTINGS.emergency_symptoms | {"fever"},
        urgent_symptoms=SETTINGS.urgent_symptoms - {"fever"},
    )
    assert symptom_level("fever", clinic) is TriageLevel.EMERGENCY
    result = triage(CheckIn(pain=1, temperature_c=39.0), day=2, settings=clinic)
    assert result.level is TriageLevel.EMERGENCY


def test_staff_summary_names_day_level_and_reasons():
    result = run(CheckIn(pain=3, temperature_c=38.4, drain_output_ml=40), day=6)
    assert result.staff_summary.startswith("Day 6: URGENT.")
    assert "38.4 °C" in result.staff_summary and "drain 40 mL" in result.staff_summary


def test_garment_left_off_gets_a_reminder():
    assert "compression garment" in run(CheckIn(pain=1, garment_worn=False)).patient_advice


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pain": 11}, "pain must be a whole number from 0 to 10"),
        ({"pain": -1}, "pain must be a whole number from 0 to 10"),
        ({"pain": 4.5}, "pain must be a whole number"),
        ({"pain": 2, "temperature_c": 29.9}, "temperature_c must be between 30 and 45"),
        ({"pain": 2, "temperature_c": 45.5}, "temperature_c must be between 30 and 45"),
        ({"pain": 2, "temperature_c": math.nan}, "temperature_c must be a number"),
        ({"pain": 2, "drain_output_ml": -5}, "drain_output_ml must be between 0"),
        ({"pain": 2, "swelling": 4}, "swelling must be a whole number from 0 to 3"),
        ({"pain": 2, "symptoms": frozenset({"hiccups"})}, "unknown symptom code.*hiccups"),
        ({"pain": 2, "symptoms": "fever"}, "symptoms must be a list"),
    ],
)
def test_impossible_check_in_values_are_rejected_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CheckIn(**kwargs)


def test_negative_day_is_rejected():
    with pytest.raises(ValueError, match="day must be a whole number"):
        run(CheckIn(pain=1), day=-1)


@settings(derandomize=True, database=None, max_examples=200, deadline=None)
@given(
    symptoms=st.frozensets(st.sampled_from(sorted(SYMPTOMS))),
    pain=st.integers(0, 10),
    temperature=st.none() | st.floats(30, 45),
    day=st.integers(0, 120),
    earlier_pain=st.none() | st.integers(0, 10),
)
def test_level_is_never_below_the_worst_symptom(symptoms, pain, temperature, day, earlier_pain):
    previous = (
        []
        if earlier_pain is None or day == 0
        else [PastCheckIn(day=day - 1, checkin=CheckIn(pain=earlier_pain))]
    )
    result = run(CheckIn(pain=pain, temperature_c=temperature, symptoms=symptoms), day, previous)
    if symptoms & set(EMERGENCY):
        assert result.level is TriageLevel.EMERGENCY
        assert "Call emergency services now" in result.patient_advice
    elif symptoms & set(URGENT) or (temperature is not None and temperature >= 38.0):
        assert result.level is TriageLevel.URGENT
    else:
        assert result.level is not TriageLevel.EMERGENCY


def test_fever_reason_names_the_clinics_own_threshold():
    from hipdip.care.settings import ClinicSettings
    from hipdip.care.triage import CheckIn, triage

    s = ClinicSettings().with_overrides(fever_c=37.8)
    result = triage(CheckIn(pain=2, temperature_c=37.9), day=5, settings=s)
    assert any("37.8 °C" in r.label for r in result.reasons)


def test_a_quiet_check_in_summary_reads_as_a_sentence():
    summary = run(CheckIn(pain=2), day=1).staff_summary
    assert summary.startswith("Day 1: ROUTINE. No red flags. (pain 2/10")
