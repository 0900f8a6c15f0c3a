"""Body-image screens: DCQ and BDDQ-AS scoring rules and clinic-loadable wording."""

import pytest

from hipdip.care.bodyimage import (
    BDDQ_AS_ADAPTED,
    DCQ_ADAPTED,
    AnswerKind,
    Instrument,
    load_questionnaire,
    score_bddq_as,
    score_dcq,
)
from hipdip.care.settings import ClinicSettings

SETTINGS = ClinicSettings()


def test_dcq_total_of_nine_is_positive_at_default_cutoff_per_mancuso():
    result = score_dcq([3, 3, 3, 0, 0, 0, 0], settings=SETTINGS)
    assert (result.total, result.positive, result.source_id) == (9, True, "mancuso-2010")


def test_dcq_total_of_eight_is_negative_per_mancuso():
    assert not score_dcq([2, 2, 2, 2, 0, 0, 0], settings=SETTINGS).positive


def test_dcq_stricter_cutoff_of_eleven_turns_nine_negative():
    strict = SETTINGS.with_overrides(dcq_cutoff=11)
    assert not score_dcq([3, 3, 3, 0, 0, 0, 0], settings=strict).positive
    assert score_dcq([3, 3, 3, 2, 0, 0, 0], settings=strict).positive


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([0] * 6, "7 items"),
        ([0, 0, 0, 0, 0, 0, 4], "item 7 must be scored 0-3"),
        ([0, True, 0, 0, 0, 0, 0], "item 2 must be scored 0-3"),
    ],
)
def test_dcq_rejects_malformed_answers(answers, message):
    with pytest.raises(ValueError, match=message):
        score_dcq(answers, settings=SETTINGS)


def test_bddq_as_positive_when_1_and_2_yes_and_an_impact_item_is_3_per_bddq_as():
    result = score_bddq_as([True, True, 1, 3, 1, 1, False])
    assert result.positive and result.source_id == "bddq-as"


def test_bddq_as_positive_when_1_and_2_yes_and_item_7_yes():
    assert score_bddq_as([True, True, 1, 2, 2, 1, True]).positive


def test_bddq_as_negative_when_impact_is_mild_and_item_7_no():
    assert not score_bddq_as([True, True, 2, 2, 2, 2, False]).positive


def test_bddq_as_negative_when_item_1_or_2_is_no_even_with_high_impact():
    assert not score_bddq_as([True, False, 5, 5, 5, 5, True]).positive
    assert not score_bddq_as([False, True, None, None, None, None, None]).positive


def test_bddq_as_needs_impact_items_when_1_and_2_are_yes():
    with pytest.raises(ValueError, match="item 3 must be scored 1-5"):
        score_bddq_as([True, True, None, 1, 1, 1, False])
    with pytest.raises(ValueError, match="item 1 must be yes or no"):
        score_bddq_as([1, True, 1, 1, 1, 1, False])


def test_shipped_items_are_marked_adapted_with_the_right_structure():
    assert DCQ_ADAPTED.wording == BDDQ_AS_ADAPTED.wording == "adapted"
    assert "Adapted wording" in DCQ_ADAPTED.notice
    assert [i.kind for i in DCQ_ADAPTED.items] == [AnswerKind.SCALE_0_3] * 7
    kinds = [i.kind for i in BDDQ_AS_ADAPTED.items]
    assert kinds == [AnswerKind.YES_NO] * 2 + [AnswerKind.SCALE_1_5] * 4 + [AnswerKind.YES_NO]


def test_a_clinic_can_load_the_original_wording_with_the_same_structure():
    data = {
        "instrument": "dcq",
        "title": "DCQ",
        "wording": "original",
        "items": [
            {"text": f"Original item {n}", "options": ["a", "b", "c", "d"]} for n in range(1, 8)
        ],
    }
    q = load_questionnaire(data)
    assert q.instrument is Instrument.DCQ and q.wording == "original"
    assert q.items[6].text == "Original item 7" and q.items[6].number == 7


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"instrument": "phq9", "items": []}, "instrument of 'dcq' or 'bddq_as'"),
        ({"instrument": "dcq", "items": [{"text": "x"}] * 6}, "exactly 7 items"),
        (
            {"instrument": "bddq_as", "items": [{"text": "x", "options": ["y"]}] * 7},
            "item 1 needs 2 answer options",
        ),
        ({"instrument": "dcq", "items": [{"text": ""}] * 7}, "item 1 needs a non-empty text"),
    ],
)
def test_loading_a_malformed_item_set_is_rejected(data, message):
    with pytest.raises(ValueError, match=message):
        load_questionnaire(data)
