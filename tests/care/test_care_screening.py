"""Screening rules: one test per rule, each naming the source it cites."""

import dataclasses

import pytest

from hipdip.care.bodyimage import score_dcq
from hipdip.care.screening import (
    RULES,
    Diabetes,
    Expectation,
    IntakeFacts,
    Nicotine,
    Override,
    Pregnancy,
    Severity,
    Sex,
    apply_overrides,
    has_unresolved_stop,
    screen,
    unresolved_stops,
)
from hipdip.care.settings import ClinicSettings
from hipdip.care.sources import SOURCES

SETTINGS = ClinicSettings()
# 165 cm, 60 kg: BMI 22.0
BASE = IntakeFacts(age=32, sex=Sex.FEMALE, height_cm=165, weight_kg=60)


def facts(**changes):
    return dataclasses.replace(BASE, **changes)


def by_code(findings):
    return {f.code: f for f in findings}


def test_a_healthy_intake_has_no_findings():
    assert screen(BASE, settings=SETTINGS) == ()


def test_bmi_under_30_is_fine_per_clinic_candidacy():
    assert screen(facts(weight_kg=81.0), settings=SETTINGS) == ()  # BMI 29.75


def test_bmi_30_to_34_is_caution_per_clinic_candidacy():
    found = by_code(screen(facts(weight_kg=82.0), settings=SETTINGS))  # BMI 30.1
    assert found["bmi_raised"].severity is Severity.CAUTION
    assert found["bmi_raised"].source_id == "clinic-candidacy"
    assert "bmi_raised" in by_code(screen(facts(weight_kg=92.5), settings=SETTINGS))  # 33.98


def test_bmi_above_34_is_stop_per_clinic_candidacy():
    found = by_code(screen(facts(weight_kg=93.0), settings=SETTINGS))  # BMI 34.2
    assert found["bmi_above_limit"].severity is Severity.STOP
    assert "bmi_raised" not in found


def test_bmi_bands_follow_clinic_overrides():
    lenient = SETTINGS.with_overrides(bmi_stop_above=42.0)
    found = by_code(screen(facts(weight_kg=93.0), settings=lenient))
    assert found["bmi_raised"].severity is Severity.CAUTION


def test_current_nicotine_is_caution_with_four_weeks_per_sorensen():
    found = by_code(screen(facts(nicotine=Nicotine.CURRENT), settings=SETTINGS))
    f = found["nicotine_use"]
    assert f.severity is Severity.CAUTION
    assert f.source_id == "sorensen-2012-arch-surg"
    assert "4 weeks before" in f.patient_text
    assert screen(facts(nicotine=Nicotine.FORMER), settings=SETTINGS) == ()


@pytest.mark.parametrize(
    ("drug", "code"),
    [
        ("Eliquis 5 mg", "anticoagulant"),
        ("warfarin", "anticoagulant"),
        ("Plavix", "antiplatelet"),
        ("clopidogrel", "antiplatelet"),
    ],
)
def test_anticoagulants_and_antiplatelets_are_stop_and_never_stopped_per_prescriber_rule(
    drug, code
):
    f = by_code(screen(facts(medications=(drug,)), settings=SETTINGS))[code]
    assert f.severity is Severity.STOP
    assert f.source_id == "prescriber-rule"
    assert "Don't stop it on your own" in f.patient_text


def test_oestrogen_is_caution_per_caprini():
    f = by_code(screen(facts(medications=("combined pill",)), settings=SETTINGS))["oestrogen"]
    assert f.severity is Severity.CAUTION
    assert f.source_id == "caprini-oestrogen"


def test_unrecognised_medication_is_listed_for_review_not_dropped():
    f = by_code(screen(facts(medications=("Zyrtec",)), settings=SETTINGS))
    assert "Zyrtec" in f["medication_unrecognised"].staff_text


def test_bleeding_disorder_is_stop_per_clinic_candidacy():
    f = by_code(screen(facts(bleeding_disorder=True), settings=SETTINGS))["bleeding_disorder"]
    assert (f.severity, f.source_id) == (Severity.STOP, "clinic-candidacy")


def test_uncontrolled_diabetes_is_stop_and_controlled_is_info_per_clinic_candidacy():
    bad = by_code(screen(facts(diabetes=Diabetes.UNCONTROLLED), settings=SETTINGS))
    ok = by_code(screen(facts(diabetes=Diabetes.CONTROLLED), settings=SETTINGS))
    assert bad["diabetes_uncontrolled"].severity is Severity.STOP
    assert ok["diabetes_controlled"].severity is Severity.INFO


def test_heart_or_lung_disease_is_stop_per_clinic_candidacy():
    f = by_code(screen(facts(heart_lung_disease=True), settings=SETTINGS))
    assert f["heart_lung_disease"].severity is Severity.STOP


def test_pregnancy_is_stop_and_planning_is_caution_per_clinic_candidacy():
    now = by_code(screen(facts(pregnancy=Pregnancy.PREGNANT), settings=SETTINGS))
    later = by_code(screen(facts(pregnancy=Pregnancy.PLANNING), settings=SETTINGS))
    assert now["pregnant"].severity is Severity.STOP
    assert later["pregnancy_planned"].severity is Severity.CAUTION


@pytest.mark.parametrize("change", [5.0, -6.0])
def test_weight_change_of_5_kg_in_6_months_is_caution_per_policy(change):
    f = by_code(screen(facts(weight_change_kg_6mo=change), settings=SETTINGS))
    assert f["weight_unstable"].severity is Severity.CAUTION


def test_under_18_is_stop_per_policy():
    f = by_code(screen(facts(age=17), settings=SETTINGS))
    assert f["under_age"].severity is Severity.STOP


def test_positive_body_image_screen_is_caution_never_stop_per_joseph_and_mancuso():
    positive = score_dcq([2, 2, 1, 2, 1, 1, 0], settings=SETTINGS)  # total 9
    f = by_code(screen(facts(body_image=positive), settings=SETTINGS))["body_image_positive"]
    assert f.severity is Severity.CAUTION
    assert f.source_id == "mancuso-2010"
    negative = score_dcq([1, 1, 1, 1, 1, 1, 2], settings=SETTINGS)  # total 8
    assert screen(facts(body_image=negative), settings=SETTINGS) == ()


def test_no_measurable_dip_suggests_training_path_per_measurement_definition():
    f = by_code(screen(facts(dip_depth_left_mm=2.9, dip_depth_right_mm=1.0), settings=SETTINGS))
    assert f["no_measurable_dip"].severity is Severity.INFO
    assert "training" in f["no_measurable_dip"].staff_text
    assert screen(facts(dip_depth_left_mm=3.0, dip_depth_right_mm=1.0), settings=SETTINGS) == ()


def test_small_dip_with_high_expectations_is_caution_per_policy():
    small = facts(dip_depth_left_mm=4.0, dip_depth_right_mm=3.5, expectation=Expectation.HIGH)
    f = by_code(screen(small, settings=SETTINGS))["small_dip_high_expectation"]
    assert f.severity is Severity.CAUTION
    modest = dataclasses.replace(small, expectation=Expectation.MODEST)
    assert screen(modest, settings=SETTINGS) == ()


def test_findings_come_most_severe_first_and_every_source_is_registered():
    many = facts(
        weight_kg=85,
        nicotine=Nicotine.CURRENT,
        bleeding_disorder=True,
        diabetes=Diabetes.CONTROLLED,
        medications=("odd pill",),
    )
    found = screen(many, settings=SETTINGS)
    ranks = [f.severity.rank for f in found]
    assert ranks == sorted(ranks, reverse=True)
    assert all(f.source_id in SOURCES for f in found)
    assert all(f.patient_text and f.staff_text for f in found)


def test_patient_texts_never_call_a_hip_dip_a_defect():
    every = facts(
        age=16,
        weight_kg=120,
        nicotine=Nicotine.CURRENT,
        bleeding_disorder=True,
        diabetes=Diabetes.UNCONTROLLED,
        heart_lung_disease=True,
        pregnancy=Pregnancy.PREGNANT,
        weight_change_kg_6mo=10,
        medications=("warfarin", "plavix", "hrt", "xyz"),
        dip_depth_left_mm=1.0,
        expectation=Expectation.HIGH,
    )
    found = screen(every, settings=SETTINGS)
    assert len(found) >= len(RULES)
    for f in found:
        for word in ("defect", "deformity", "flaw", "abnormal", "ugly"):
            assert word not in f.patient_text.lower()


def test_override_with_reason_resolves_a_stop():
    found = screen(facts(heart_lung_disease=True), settings=SETTINGS)
    assert has_unresolved_stop(found)
    decided = apply_overrides(
        found,
        [
            Override(
                code="heart_lung_disease", surgeon="Dr Rao", reason="Cardiology cleared on 2 May"
            )
        ],
    )
    assert not has_unresolved_stop(decided)
    assert decided[0].resolved and decided[0].override.reason.startswith("Cardiology")


def test_override_for_another_code_leaves_stop_unresolved():
    found = screen(facts(heart_lung_disease=True, bleeding_disorder=True), settings=SETTINGS)
    decided = apply_overrides(
        found,
        [Override(code="bleeding_disorder", surgeon="Dr Rao", reason="Haematology: mild, managed")],
    )
    assert [f.code for f in unresolved_stops(decided)] == ["heart_lung_disease"]


def test_override_without_a_reason_is_rejected():
    with pytest.raises(ValueError, match="needs a reason"):
        Override(code="pregnant", surgeon="Dr Rao", reason="  ")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"height_cm": 20}, "height_cm must be between 100 and 250"),
        ({"weight_kg": 900}, "weight_kg must be between 25 and 350"),
        ({"age": -1}, "age must be between"),
        ({"weight_kg": "sixty"}, "weight_kg must be a number"),
        ({"dip_depth_left_mm": -2.0}, "dip_depth_left_mm must be 0-200"),
        ({"medications": "aspirin"}, "medications must be a list"),
    ],
)
def test_impossible_intake_values_raise_a_clear_value_error(changes, message):
    with pytest.raises(ValueError, match=message):
        facts(**changes)
