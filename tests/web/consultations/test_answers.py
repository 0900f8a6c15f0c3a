"""Checking intake answers one by one (drafts) and for completeness (submission)."""

from __future__ import annotations

import datetime as dt

import pytest

from hipdip.care.bodyimage import BDDQ_AS_ADAPTED, DCQ_ADAPTED
from hipdip.web.consultations.answers import Invalid, check_values, clean_value, missing_answers
from hipdip.web.consultations.bodyimage import questions_for, score
from hipdip.web.consultations.questions import BY_NAME, QUESTIONS
from hipdip.web.consultations.selectors import all_questions

from .helpers import complete_answers

TODAY = dt.date(2025, 6, 1)
QS = all_questions(DCQ_ADAPTED)


def check(name: str, value: object) -> object:
    return clean_value(BY_NAME[name], value, today=TODAY)


def test_a_height_of_20_cm_is_refused_with_the_range_and_the_value_typed() -> None:
    with pytest.raises(Invalid, match=r"Height must be between 100 and 250 cm; you entered 20"):
        check("height_cm", "20")


def test_a_weight_of_900_kg_is_refused_with_the_range() -> None:
    with pytest.raises(Invalid, match=r"Weight must be between 30 and 300 kg; you entered 900"):
        check("weight_kg", 900)


def test_numbers_accept_a_decimal_comma_and_are_kept_to_one_decimal() -> None:
    assert check("weight_kg", "63,46") == 63.5
    with pytest.raises(Invalid, match="in kilograms"):
        check("weight_kg", "sixty")


def test_a_birth_date_in_the_future_or_a_mistyped_year_is_refused() -> None:
    with pytest.raises(Invalid, match="cannot be in the future"):
        check("date_of_birth", "2030-01-01")
    with pytest.raises(Invalid, match="check the year"):
        check("date_of_birth", "1890-01-01")
    with pytest.raises(Invalid, match="such as 1990-04-25"):
        check("date_of_birth", "25/04/1990")
    assert check("date_of_birth", "1990-04-25") == "1990-04-25"


def test_an_unknown_choice_is_refused_and_an_empty_answer_clears() -> None:
    with pytest.raises(Invalid, match="choose one of the options"):
        check("nicotine", "sometimes")
    assert check("nicotine", "") is None


def test_medicines_are_one_per_line_and_blank_lines_are_dropped() -> None:
    assert check("medications", "Ibuprofen 200 mg\n\n  fish   oil \n") == [
        "Ibuprofen 200 mg",
        "fish oil",
    ]


def test_allergy_rows_need_what_and_kind_and_empty_rows_are_skipped() -> None:
    rows = [
        {"substance": "Penicillin", "kind": "drug", "reaction": "rash"},
        {"substance": "", "kind": "", "reaction": ""},
    ]
    assert check("allergies", rows) == [rows[0]]
    with pytest.raises(Invalid, match="choose what kind"):
        check("allergies", [{"substance": "Latex", "kind": "", "reaction": "hives"}])
    with pytest.raises(Invalid, match="what are you allergic to"):
        check("allergies", [{"substance": "", "kind": "drug", "reaction": "rash"}])


def test_a_draft_keeps_valid_answers_and_names_the_invalid_ones() -> None:
    checked = check_values({"height_cm": "20", "weight_kg": "64", "nonsense": 1}, QS, today=TODAY)
    assert checked.values == {"weight_kg": 64.0}
    assert set(checked.errors) == {"height_cm"}


def test_a_complete_intake_has_nothing_missing() -> None:
    answers = check_values(complete_answers(), QS, today=TODAY)
    assert answers.errors == {}
    assert missing_answers(answers.values, QS) == {}


def test_submission_needs_the_consent_boxes_and_says_so() -> None:
    answers = complete_answers(confirm_true=False, consent_care=None)
    missing = missing_answers(answers, QS)
    assert set(missing) == {"confirm_true", "consent_care"}
    assert "tick this box" in missing["consent_care"]


def test_pregnancy_is_not_asked_of_men_and_details_only_after_a_yes() -> None:
    men = complete_answers(sex="male", pregnancy=None)
    assert "pregnancy" not in missing_answers(men, QS)
    assert "bleeding_details" in missing_answers(complete_answers(bleeding_disorder="yes"), QS)


def test_a_weight_change_needs_its_size() -> None:
    assert "weight_change_kg" in missing_answers(complete_answers(weight_trend="gained"), QS)


def test_no_allergies_box_and_listed_allergies_contradict() -> None:
    answers = complete_answers(
        allergies=[{"substance": "Latex", "kind": "latex", "reaction": "hives"}]
    )
    assert "untick the box" in missing_answers(answers, QS)["allergies"]


def test_every_question_belongs_to_a_known_section_once() -> None:
    names = [q.name for q in QUESTIONS]
    assert len(names) == len(set(names))
    assert [q.name for q in questions_for(DCQ_ADAPTED)] == [f"bi_{n}" for n in range(1, 8)]


def test_bddq_impact_items_are_only_needed_after_two_yes_answers() -> None:
    qs = all_questions(BDDQ_AS_ADAPTED)
    answers = {k: v for k, v in complete_answers().items() if not k.startswith("bi_")}
    answers.update({"bi_1": "yes", "bi_2": "no"})
    assert not any(k.startswith("bi_") for k in missing_answers(answers, qs))
    answers["bi_2"] = "yes"
    assert {"bi_3", "bi_7"} <= set(missing_answers(answers, qs))


def test_the_dcq_score_uses_the_clinic_cut_off_per_mancuso_2010() -> None:
    from hipdip.care.settings import ClinicSettings

    answers = {f"bi_{n}": "1" for n in range(1, 8)}  # total 7
    assert not score(DCQ_ADAPTED, answers, settings=ClinicSettings()).positive
    answers["bi_1"] = answers["bi_2"] = "2"  # total 9: at the default cut-off
    assert score(DCQ_ADAPTED, answers, settings=ClinicSettings()).positive
    stricter = ClinicSettings().with_overrides(dcq_cutoff=11)
    assert not score(DCQ_ADAPTED, answers, settings=stricter).positive
    assert score(DCQ_ADAPTED, {"bi_1": "1"}, settings=stricter) is None  # unanswered items


def test_a_weight_change_beyond_150_kg_is_a_typo() -> None:
    with pytest.raises(Invalid, match="between 0 and 150 kg"):
        check("weight_change_kg", "200")
