"""Graft planning: worked examples of the volume model and the plan's safety rules."""

import math

import pytest

from hipdip.care.findings import Finding, Override, Severity, apply_overrides
from hipdip.care.grafting import (
    DONOR_SITES,
    InjectionPlane,
    Side,
    SideMeasurement,
    UnresolvedStopError,
    View,
    deficit_volume_ml,
    estimate_sides,
    plan_treatment,
)
from hipdip.care.settings import ClinicSettings

SETTINGS = ClinicSettings()


def m(side, view, depth, extent):
    return SideMeasurement(side=side, view=view, depth_mm=depth, extent_mm=extent)


LEFT_8x90 = m(Side.LEFT, View.FRONT, 8.0, 90.0)


def test_deficit_of_8_mm_deep_90_mm_dip_is_33_9_ml_by_half_ellipsoid_model():
    # (pi/6) * 90 * 90 * 8 mm^3 = 33,929 mm^3
    assert deficit_volume_ml(depth_mm=8, extent_mm=90, ap_span_factor=1.0) == pytest.approx(
        33.929, abs=1e-3
    )


def test_ap_span_factor_scales_the_deficit_linearly():
    assert deficit_volume_ml(depth_mm=8, extent_mm=90, ap_span_factor=1.5) == pytest.approx(
        1.5 * 33.929, abs=1e-3
    )


def test_injection_overcorrects_for_retention_range_per_gir_rohrich():
    (left,) = estimate_sides([LEFT_8x90], settings=SETTINGS)
    assert left.injected.expected_ml == pytest.approx(33.929 / 0.5, abs=1e-2)  # 67.86
    assert left.injected.low_ml == pytest.approx(33.929 / 0.8, abs=1e-2)  # 42.41
    assert left.injected.high_ml == pytest.approx(33.929 / 0.4, abs=1e-2)  # 84.82


def test_aspirate_allows_for_26_percent_processing_yield_per_hip_series():
    (left,) = estimate_sides([LEFT_8x90], settings=SETTINGS)
    assert left.aspirate.expected_ml == pytest.approx(67.858 / 0.26, abs=0.1)  # 261.0 mL


def test_front_and_back_views_are_averaged_before_the_volume():
    sides = estimate_sides(
        [m(Side.LEFT, View.FRONT, 6.0, 80.0), m(Side.LEFT, View.BACK, 10.0, 100.0)],
        settings=SETTINGS,
    )
    (left,) = sides
    assert (left.depth_mm, left.extent_mm) == (8.0, 90.0)
    assert left.views == (View.BACK, View.FRONT)
    assert left.deficit_ml == pytest.approx(33.929, abs=1e-3)


def test_a_side_without_a_dip_is_not_grafted():
    sides = estimate_sides([LEFT_8x90, m(Side.RIGHT, View.FRONT, 2.0, 40.0)], settings=SETTINGS)
    assert [s.side for s in sides] == [Side.LEFT, Side.RIGHT]
    assert sides[1].deficit_ml == 0 and not sides[1].grafted


def test_duplicate_views_and_impossible_measurements_are_rejected():
    with pytest.raises(ValueError, match="at most one front and one back"):
        estimate_sides([LEFT_8x90, LEFT_8x90], settings=SETTINGS)
    with pytest.raises(ValueError, match="depth_mm must be between 0 and 500"):
        m(Side.LEFT, View.FRONT, -1.0, 80.0)
    with pytest.raises(ValueError, match="extent_mm must be a finite number"):
        m(Side.LEFT, View.FRONT, 5.0, math.nan)
    with pytest.raises(ValueError, match="at least one side"):
        estimate_sides([], settings=SETTINGS)


def test_worked_plan_for_two_sides():
    plan = plan_treatment(
        measurements=[LEFT_8x90, m(Side.RIGHT, View.FRONT, 6.0, 70.0)],
        findings=(),
        settings=SETTINGS,
        donor_sites=["abdomen", "flanks"],
    )
    # right: (pi/6)*70*70*6 = 15.394 mL
    assert plan.total_injected.expected_ml == pytest.approx((33.929 + 15.394) / 0.5, abs=0.01)
    assert plan.planes == {
        Side.LEFT: InjectionPlane.SUBCUTANEOUS,
        Side.RIGHT: InjectionPlane.SUBCUTANEOUS,
    }
    assert plan.warnings == ()
    assert not plan.has_unresolved_stop
    # 60 + 2 * 20 + 30 * 0.379 L = 111.4 -> 120 min
    assert plan.duration_min == 120
    assert plan.recovery.desk_work_days == 14 and plan.recovery.final_result_days == (90, 180)


def test_a_plan_is_never_produced_with_an_unresolved_stop_finding():
    stop = Finding(
        code="pregnant",
        severity=Severity.STOP,
        staff_text="s",
        patient_text="p",
        source_id="clinic-candidacy",
    )
    with pytest.raises(UnresolvedStopError, match=r"unresolved stop finding.*pregnant") as err:
        plan_treatment(measurements=[LEFT_8x90], findings=[stop], settings=SETTINGS)
    assert err.value.findings == (stop,)
    resolved = apply_overrides(
        [stop],
        [Override(code="pregnant", surgeon="Dr Rao", reason="Entered in error; not pregnant")],
    )
    assert plan_treatment(measurements=[LEFT_8x90], findings=resolved, settings=SETTINGS)


@pytest.mark.parametrize("plane", [InjectionPlane.INTRAMUSCULAR, InjectionPlane.SUBMUSCULAR])
def test_deep_injection_plane_is_a_stop_warning_per_aserf_task_force(plane):
    plan = plan_treatment(
        measurements=[LEFT_8x90], findings=(), settings=SETTINGS, planes={Side.LEFT: plane}
    )
    (warning,) = plan.warnings
    assert warning.severity is Severity.STOP
    assert warning.source_id == "aserf-mofid-2017"
    assert plan.has_unresolved_stop


def test_over_5000_ml_aspirate_warns_of_large_volume_liposuction_per_asps():
    plan = plan_treatment(
        measurements=[LEFT_8x90], findings=(), settings=SETTINGS, contour_liposuction_ml=4800.0
    )
    (warning,) = plan.warnings
    assert warning.code == "large_volume_liposuction"
    assert warning.source_id == "asps-haeck-2009"
    small = plan_treatment(
        measurements=[LEFT_8x90], findings=(), settings=SETTINGS, contour_liposuction_ml=4000.0
    )
    assert small.warnings == ()


def test_retention_override_changes_the_injected_volume():
    clinic = SETTINGS.with_overrides(graft_retention_expected=0.65)
    (left,) = estimate_sides([LEFT_8x90], settings=clinic)
    assert left.injected.expected_ml == pytest.approx(33.929 / 0.65, abs=1e-2)


def test_unknown_donor_site_is_rejected_and_catalogue_has_five_sites():
    assert set(DONOR_SITES) == {"abdomen", "flanks", "inner_thighs", "outer_thighs", "back"}
    with pytest.raises(ValueError, match=r"unknown donor site.*calves"):
        plan_treatment(
            measurements=[LEFT_8x90], findings=(), settings=SETTINGS, donor_sites=["calves"]
        )
