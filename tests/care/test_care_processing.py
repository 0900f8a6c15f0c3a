"""Fat processing: centrifuge force from rpm and rotor radius (Allen, Coleman et al. 2013)."""

import pytest

from hipdip.care.findings import Severity
from hipdip.care.processing import (
    RCF_PER_CM_RPM2,
    centrifuge_findings,
    relative_centrifugal_force,
)
from hipdip.care.settings import ClinicSettings


def test_the_coefficient_is_the_textbook_1_118e_minus_5():
    assert pytest.approx(1.118e-5, rel=1e-3) == RCF_PER_CM_RPM2


def test_3000_rpm_at_10_cm_is_about_1006_g():
    assert relative_centrifugal_force(rpm=3000, radius_cm=10) == pytest.approx(1006, abs=2)


def test_the_same_rpm_gives_different_forces_on_different_rotors():
    small = relative_centrifugal_force(rpm=3000, radius_cm=9)
    large = relative_centrifugal_force(rpm=3000, radius_cm=15)
    assert small == pytest.approx(905, abs=2)  # the "900 g" reading of 3,000 rpm
    assert large == pytest.approx(1509, abs=2)  # the "1,500 g" reading


@pytest.mark.parametrize("rpm, radius", [(0, 10), (3000, 0), (-1, 10), (float("nan"), 10)])
def test_impossible_settings_are_refused(rpm, radius):
    with pytest.raises(ValueError):
        relative_centrifugal_force(rpm=rpm, radius_cm=radius)


def test_force_above_3000_g_is_a_caution_per_allen_coleman_2013():
    (finding,) = centrifuge_findings(force_g=3500, settings=ClinicSettings())
    assert finding.severity is Severity.CAUTION
    assert finding.source_id == "allen-coleman-2013"
    assert centrifuge_findings(force_g=1200, settings=ClinicSettings()) == ()


def test_recommended_and_maximum_forces_default_to_1200_and_3000_g():
    s = ClinicSettings()
    assert (s.centrifuge_recommended_g, s.centrifuge_max_g) == (1200.0, 3000.0)
    with pytest.raises(ValueError, match="centrifuge_recommended_g"):
        s.with_overrides(centrifuge_recommended_g=3500.0)
