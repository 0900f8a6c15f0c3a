"""Recovery timeline, the patient's today view and local dates across time zones."""

from datetime import UTC, date, datetime, timedelta

import pytest

from hipdip.care.recovery import (
    MilestoneKind,
    local_date,
    recovery_day,
    recovery_timeline,
    today_view,
)
from hipdip.care.settings import ClinicSettings

SETTINGS = ClinicSettings()
SURGERY = date(2025, 3, 3)


def timeline(settings=SETTINGS):
    return {m.key: m for m in recovery_timeline(procedure_date=SURGERY, settings=settings)}


def view(day, settings=SETTINGS):
    return today_view(
        procedure_date=SURGERY, today=SURGERY + timedelta(days=day), settings=settings
    )


def test_week_one_bandages_and_drains_per_aesthetic_society():
    m = timeline()["dressings"]
    assert (m.starts_on, m.ends_on, m.source_id) == (
        SURGERY,
        date(2025, 3, 10),
        "aesthetic-society",
    )


def test_compression_garment_until_day_42_per_clinic_recovery():
    assert timeline()["compression"].ends_on == SURGERY + timedelta(days=42)


def test_no_sitting_or_lying_on_grafts_for_three_weeks_per_clinic_recovery():
    m = timeline()["no_pressure_on_grafts"]
    assert m.end_day == 21
    assert any("directly on the grafted hips" in t for t in m.not_allowed)


def test_driving_from_day_2_to_4_per_clinic_recovery():
    m = timeline()["driving"]
    assert (m.start_day, m.end_day) == (2, 4)
    assert "Driving" in view(1).avoid
    assert "Driving" not in view(2).avoid


def test_activity_phases_desk_14_light_28_normal_42_per_clinic_recovery():
    t = timeline()
    assert [t[k].start_day for k in ("rest", "desk_work", "light_exercise", "normal_activity")] == [
        0,
        14,
        28,
        42,
    ]
    assert [view(d).phase.key for d in (0, 13, 14, 27, 28, 41, 42, 400)] == [
        "rest",
        "rest",
        "desk_work",
        "desk_work",
        "light_exercise",
        "light_exercise",
        "normal_activity",
        "normal_activity",
    ]


def test_result_judged_between_3_and_6_months_per_clinic_recovery():
    m = timeline()["final_result"]
    assert (m.start_day, m.end_day, m.kind) == (90, 180, MilestoneKind.RESULT)


def test_follow_up_visits_and_photo_sessions_are_dated():
    t = timeline()
    visits = sorted(m.start_day for m in t.values() if m.kind is MilestoneKind.VISIT)
    photos = sorted(m.start_day for m in t.values() if m.kind is MilestoneKind.PHOTOS)
    assert visits == [1, 7, 14, 42, 90]
    assert photos == [7, 14, 28, 42, 84]
    assert t["photos_week_1"].starts_on == date(2025, 3, 10)


def test_timeline_is_ordered_and_every_milestone_cites_a_source():
    ms = recovery_timeline(procedure_date=SURGERY, settings=SETTINGS)
    assert [m.start_day for m in ms] == sorted(m.start_day for m in ms)
    assert all(m.source_id for m in ms)


def test_clinic_overrides_move_milestones():
    clinic = SETTINGS.with_overrides(compression_days=56, light_exercise_days=35)
    assert timeline(clinic)["compression"].end_day == 56
    assert view(30, clinic).phase.key == "desk_work"


def test_today_view_on_day_10_lists_what_to_do_avoid_and_next():
    v = view(10)
    assert v.day == 10 and v.phase.key == "rest"
    assert "Sitting or lying directly on the grafted hips" in v.avoid
    assert "Exercise" in v.avoid
    assert v.next_milestone is not None and v.next_milestone.start_day == 14
    assert v.today == ()


def test_today_view_shows_visit_and_photos_due_today():
    keys = {m.key for m in view(7).today}
    assert keys == {"visit_day_7", "photos_week_1"}


def test_today_view_before_surgery_is_a_clear_error():
    with pytest.raises(ValueError, match="the procedure is in 2 day"):
        view(-2)


def test_recovery_day_counts_surgery_day_as_zero():
    assert recovery_day(SURGERY, SURGERY) == 0
    assert recovery_day(SURGERY, date(2025, 3, 4)) == 1


def test_local_date_uses_the_patients_time_zone():
    moment = datetime(2025, 3, 10, 23, 30, tzinfo=UTC)
    assert local_date(moment, "Europe/London") == date(2025, 3, 10)
    assert local_date(moment, "Asia/Tokyo") == date(2025, 3, 11)
    assert local_date(datetime(2025, 3, 10, 3, 0, tzinfo=UTC), "America/Los_Angeles") == date(
        2025, 3, 9
    )


def test_local_date_rejects_naive_datetimes_and_unknown_zones():
    with pytest.raises(ValueError, match="timezone-aware"):
        local_date(datetime(2025, 3, 10, 12), "Europe/London")
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        local_date(datetime(2025, 3, 10, 12, tzinfo=UTC), "Mars/Olympus")
