"""Someone beside, against or around the subject is `several_people`; one person is not."""

from __future__ import annotations

import numpy as np
import pytest

from checks.shapes import body_mask
from hipdip.vision.checks import ChecksConfig
from hipdip.vision.checks.people import check_people, others_fraction
from hipdip.vision.errors import AnalysisError, Reason


def _small(m: np.ndarray) -> np.ndarray:
    """The whole-frame segmenter works on a strided copy about 400 px tall."""
    return m[::4, ::4]


def test_a_person_touching_the_subject_is_found_though_the_blobs_merge():
    subject = body_mask()
    other = body_mask(shift=330)  # overlaps the subject's arm: one connected blob
    everyone = _small(subject | other)
    assert others_fraction(subject, everyone) > 0.5
    with pytest.raises(AnalysisError) as err:
        check_people(subject, everyone, ChecksConfig())
    assert err.value.reason is Reason.SEVERAL_PEOPLE


def test_a_group_around_the_subject_is_several_people():
    subject = body_mask()
    group = subject | body_mask(shift=-420) | body_mask(shift=420)
    with pytest.raises(AnalysisError) as err:
        check_people(subject, _small(group), ChecksConfig())
    assert err.value.reason is Reason.SEVERAL_PEOPLE


def test_the_segmenter_filling_the_space_between_the_legs_is_not_a_person():
    subject = body_mask()
    filled = subject.copy()
    filled[960:1660, 600:800] = True  # the gap between the legs, marked as person
    assert others_fraction(subject, _small(filled)) < 0.05
    check_people(subject, _small(filled), ChecksConfig())


def test_one_person_alone_passes():
    subject = body_mask()
    check_people(subject, _small(subject), ChecksConfig())


def test_someone_whose_legs_the_segmenter_lost_is_still_a_person():
    subject = body_mask()
    other = body_mask(shift=400)
    other[900:] = False  # only head, shoulders and torso were marked
    with pytest.raises(AnalysisError) as err:
        check_people(subject, _small(subject | other), ChecksConfig())
    assert err.value.reason is Reason.SEVERAL_PEOPLE


def test_an_object_held_low_beside_the_subject_is_not_a_person():
    subject = body_mask()
    helmet = np.zeros_like(subject)
    helmet[1200:1600, 980:1380] = True  # a large round thing at knee height, beside them
    assert others_fraction(subject, _small(helmet | subject)) > 0.25
    check_people(subject, _small(helmet | subject), ChecksConfig())
