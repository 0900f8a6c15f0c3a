"""Pre-op checklist: hold periods pinned to their sources, labs, fasting, bad dates."""

import dataclasses
from datetime import date, timedelta

import pytest

from hipdip.care.preop import ItemCategory, ItemStatus, preop_instructions, required_labs
from hipdip.care.screening import Diabetes, IntakeFacts, Nicotine, Sex
from hipdip.care.settings import ClinicSettings

SETTINGS = ClinicSettings()
SURGERY = date(2025, 6, 30)
TODAY = date(2025, 5, 1)
BASE = IntakeFacts(age=35, sex=Sex.FEMALE, height_cm=168, weight_kg=64)


def plan_for(*meds, today=TODAY, settings=SETTINGS, **changes):
    facts = dataclasses.replace(BASE, medications=meds, **changes)
    return preop_instructions(surgery_date=SURGERY, today=today, facts=facts, settings=settings)


def hold(medicine, **kw):
    (item,) = [i for i in plan_for(medicine, **kw).items if i.category is ItemCategory.HOLD]
    return item


@pytest.mark.parametrize(
    ("medicine", "days", "source"),
    [
        ("aspirin", 10, "uf-plastic-surgery"),
        ("ibuprofen", 2, "nsaid-half-lives"),
        ("naproxen", 4, "nsaid-half-lives"),
        ("meloxicam", 4, "nsaid-half-lives"),
        ("piroxicam", 10, "nsaid-half-lives"),
        ("diclofenac", 14, "aesthetic-practice-holds"),
        ("vitamin E", 14, "aesthetic-practice-holds"),
        ("fish oil", 14, "aesthetic-practice-holds"),
        ("garlic", 7, "ang-lee-2001"),
        ("ginseng", 7, "ang-lee-2001"),
        ("ginkgo", 2, "ang-lee-2001"),
        ("kava", 1, "ang-lee-2001"),
        ("ephedra", 1, "ang-lee-2001"),
        ("St John's wort", 5, "ang-lee-2001"),
        ("herbal supplement", 14, "asa-herbals"),
        ("ginger", 14, "aesthetic-practice-holds"),
        ("feverfew", 14, "aesthetic-practice-holds"),
        ("dong quai", 14, "aesthetic-practice-holds"),
        ("bilberry", 14, "aesthetic-practice-holds"),
    ],
)
def test_hold_period_and_source(medicine, days, source):
    item = hold(medicine)
    assert item.due_on == SURGERY - timedelta(days=days)
    assert item.source_id == source
    assert f"{days} days before surgery" in item.text


def test_aspirin_hold_is_ten_days_per_uf_plastic_surgery():
    item = hold("Aspirin 81 mg")
    assert item.due_on == date(2025, 6, 20)
    assert item.source_id == "uf-plastic-surgery"
    assert "heart or circulation, ask them first" in item.text


def test_advil_is_held_as_ibuprofen_two_days_per_nsaid_half_lives():
    assert hold("Advil").due_on == date(2025, 6, 28)


def test_ginkgo_hold_rounds_36_hours_up_to_two_days_per_ang_lee():
    assert hold("ginkgo biloba").due_on == date(2025, 6, 28)


def test_clinic_override_changes_the_hold_and_cites_the_clinic():
    strict = SETTINGS.with_overrides(hold_days={"ibuprofen": 14})
    item = hold("ibuprofen", settings=strict)
    assert item.due_on == date(2025, 6, 16)
    assert item.source_id == "clinic-settings"


def test_anticoagulant_gets_keep_taking_item_and_never_a_stop_date_per_prescriber_rule():
    items = plan_for("Xarelto", "clopidogrel").items
    assert [i.category for i in items[:2]] == [ItemCategory.KEEP_TAKING] * 2
    assert all(i.due_on is None and i.source_id == "prescriber-rule" for i in items[:2])
    assert not any(i.category is ItemCategory.HOLD for i in items)


def test_unrecognised_medicine_asks_the_surgeon():
    (item,) = [i for i in plan_for("mystery tonic").items if i.category is ItemCategory.ASK]
    assert "mystery tonic" in item.text


def test_a_hold_date_already_passed_is_kept_and_marked_overdue():
    late = plan_for("aspirin", today=date(2025, 6, 25))
    (item,) = late.overdue
    assert item.due_on == date(2025, 6, 20)
    assert item.status is ItemStatus.OVERDUE
    assert item.note == "overdue: tell the clinic"


def test_a_hold_starting_today_is_due():
    assert hold("aspirin", today=date(2025, 6, 20)).status is ItemStatus.DUE


def test_nicotine_stop_date_is_four_weeks_before_per_sorensen():
    (item,) = [
        i for i in plan_for(nicotine=Nicotine.CURRENT).items if i.category is ItemCategory.NICOTINE
    ]
    assert item.due_on == date(2025, 6, 2)
    assert "28 July 2025" in item.text  # 4 weeks after
    assert item.source_id == "sorensen-2012-ann-surg"


def test_surgery_date_in_the_past_is_a_clear_error():
    with pytest.raises(ValueError, match="surgery date 2025-04-30 is in the past"):
        preop_instructions(
            surgery_date=date(2025, 4, 30), today=TODAY, facts=BASE, settings=SETTINGS
        )


def test_surgery_today_is_allowed_and_fasting_is_due():
    plan = preop_instructions(surgery_date=TODAY, today=TODAY, facts=BASE, settings=SETTINGS)
    (fasting,) = [i for i in plan.items if i.category is ItemCategory.FASTING]
    assert fasting.status is ItemStatus.DUE


def test_fasting_is_six_hours_solids_two_hours_clear_fluids_per_asa():
    (item,) = [i for i in plan_for().items if i.category is ItemCategory.FASTING]
    assert "No food for 6 hours" in item.text and "until 2 hours before" in item.text
    assert item.source_id == "asa-fasting-2017"


def test_clinic_may_use_nothing_from_midnight():
    midnight = SETTINGS.with_overrides(fasting_from_midnight=True)
    (item,) = [i for i in plan_for(settings=midnight).items if i.category is ItemCategory.FASTING]
    assert "after midnight" in item.text


def test_driver_and_24_hour_carer_are_arranged():
    keys = {i.key for i in plan_for().items if i.category is ItemCategory.ARRANGE}
    assert keys == {"arrange-driver", "arrange-carer"}


def test_items_are_standing_first_then_in_date_order():
    items = plan_for("warfarin", "aspirin", "fish oil", nicotine=Nicotine.CURRENT).items
    dated = [i.due_on for i in items if i.due_on is not None]
    assert items[0].due_on is None
    assert dated == sorted(dated)


def labs(**changes):
    return {lab.key for lab in required_labs(dataclasses.replace(BASE, **changes), SETTINGS)}


def test_basic_labs_for_everyone_per_medscape():
    assert {"fbc", "urinalysis", "hiv_hepatitis", "clotting"} <= labs(sex=Sex.MALE)


def test_ecg_for_men_over_40_and_women_over_50_per_medscape():
    assert "ecg" in labs(sex=Sex.MALE, age=41)
    assert "ecg" not in labs(sex=Sex.MALE, age=40)
    assert "ecg" not in labs(sex=Sex.FEMALE, age=50)
    assert "ecg" in labs(sex=Sex.FEMALE, age=51)
    assert "ecg" in labs(sex=Sex.FEMALE, age=30, heart_lung_disease=True)


def test_chest_xray_for_smokers_and_electrolytes_on_diuretics_per_medscape():
    assert "chest_xray" in labs(nicotine=Nicotine.CURRENT)
    assert "chest_xray" not in labs()
    assert "electrolytes" in labs(medications=("Lasix",))


def test_pregnancy_test_for_women_not_men_per_medscape():
    assert "pregnancy" in labs()
    assert "pregnancy" not in labs(sex=Sex.MALE)
    assert "pregnancy" not in labs(age=60)


def test_metabolic_panel_with_diabetes_per_practice():
    assert "metabolic" in labs(diabetes=Diabetes.CONTROLLED)


def test_labs_passed_due_date_become_due_as_soon_as_possible():
    late = plan_for(today=date(2025, 6, 25))
    lab = next(i for i in late.items if i.category is ItemCategory.LAB)
    assert (lab.due_on, lab.status, lab.note) == (
        date(2025, 6, 25),
        ItemStatus.DUE,
        "as soon as possible",
    )
