"""The clinic admin changes clinical settings in the app: a form generated from the care
layer's definitions, plain validation, every change audited and kept as a version that can
be undone or restored; other staff only read."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.care.settings_defs import Kind, setting_definitions
from hipdip.web.audit.models import AuditEvent
from hipdip.web.clinic.forms import field_name
from hipdip.web.clinic.models import ClinicCareSettings, SettingsVersion
from hipdip.web.clinic.selectors import care_settings_for
from hipdip.web.clinic.setting_values import current_values, shown_setting, to_display

from ..conftest import World

pytestmark = pytest.mark.django_db
URL = "/clinic/clinical-settings/"


def _post_values(overrides: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    values = current_values(overrides or {})
    data: dict[str, Any] = {"base_version": ""}
    for d in setting_definitions():
        if d.kind is Kind.CODES:
            continue
        v = to_display(d, values[d.key])  # shares are typed as percentages
        if d.kind is Kind.YES_NO:
            if v:
                data[field_name(d.key)] = "on"
            continue
        data[field_name(d.key)] = ", ".join(map(str, v)) if isinstance(v, tuple) else str(v)
    data.update({field_name(k): v for k, v in changes.items()})
    return data


def test_every_setting_of_the_data_tables_has_a_field_with_a_plain_label_and_citation(
    world: World, web_client: Any
) -> None:
    page = web_client(world.clinic_admin).get(URL).content.decode()
    for d in setting_definitions():
        if d.kind is not Kind.CODES:
            assert f'name="{field_name(d.key)}"' in page, d.key
    assert "Fever from" in page and "Stop aspirin" in page
    assert "Gir, Rohrich" in page and "Published study" in page
    assert "Allowed 37.5–39.5 °C" in page
    assert ".md" not in page and "[S]" not in page and "sign-off" not in page
    assert "fever_c</code>" not in page  # no raw keys as labels


def test_a_new_setting_in_the_data_table_appears_on_the_form_without_form_code(
    world: World, web_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from hipdip.care import settings_defs
    from hipdip.care.settings_defs import SettingDef

    extra = SettingDef(
        key="booking_notice_hours",
        label="Booking notice",
        group="Other",
        kind=Kind.WHOLE,
        unit="h",
        lo=0,
        hi=72,
        default=24,
        source_id="hipdip-policy",
        doc="Shortest notice for a booking.",
    )
    real = settings_defs.setting_definitions
    monkeypatch.setattr(settings_defs, "setting_definitions", lambda: (*real(), extra))
    import hipdip.web.clinic.forms as forms_mod

    monkeypatch.setattr(forms_mod, "setting_definitions", lambda: (*real(), extra))
    form = forms_mod.ClinicalSettingsForm(values={**current_values({}), "booking_notice_hours": 24})
    assert "booking_notice_hours" in form.fields
    assert form.fields["booking_notice_hours"].label == "Booking notice"
    assert dataclasses.is_dataclass(extra)


def test_admin_changes_a_setting_it_is_used_audited_with_before_and_after(
    world: World, web_client: Any
) -> None:
    client = web_client(world.clinic_admin)
    response = client.post(URL, _post_values(fever_c="38.5", hold_days__aspirin="12"))
    assert response.status_code == 302
    clinic = world.clinic_admin.clinic
    assert care_settings_for(clinic).fever_c == 38.5
    assert care_settings_for(clinic).hold_days["aspirin"] == 12
    row = ClinicCareSettings.objects.get(clinic=clinic)
    assert row.overrides == {"fever_c": 38.5, "hold_days": {"aspirin": 12}}
    event = AuditEvent.objects.get(action="clinic_settings.save")
    assert event.detail["changes"]["fever_c"] == ["38 °C", "38.5 °C"]
    assert event.detail["changes"]["hold_days.aspirin"] == ["10 days", "12 days"]
    assert list(SettingsVersion.objects.values_list("number", flat=True)) == [2, 1]


def test_out_of_range_and_inconsistent_values_get_plain_messages_and_save_nothing(
    world: World, web_client: Any
) -> None:
    client = web_client(world.clinic_admin)
    bad = client.post(URL, _post_values(fever_c="45"))
    assert bad.status_code == 422
    assert "Use a value between 37.5 and 39.5 °C for “Fever from”." in bad.content.decode()
    crossed = client.post(URL, _post_values(graft_retention_low="90"))
    assert crossed.status_code == 422
    text = crossed.content.decode()
    assert "cannot be more than" in text and "Fat survival, cautious estimate" in text
    words = client.post(URL, _post_values(followup_days="1, seven"))
    assert "Use whole numbers separated by commas" in words.content.decode()
    assert not SettingsVersion.objects.exists()
    assert not ClinicCareSettings.objects.filter(clinic=world.clinic_admin.clinic).exists()


def test_undo_restore_and_reset_keep_every_version_and_are_audited(
    world: World, web_client: Any
) -> None:
    client = web_client(world.clinic_admin)
    clinic = world.clinic_admin.clinic
    client.post(URL, _post_values(fever_c="38.5"))  # versions 1 (before) and 2
    client.post(URL, _post_values({"fever_c": 38.5}, fever_c="39", base_version="2"))  # 3
    assert care_settings_for(clinic).fever_c == 39
    client.post(URL + "undo/", {"base_version": "3"})  # 4 = 2
    assert care_settings_for(clinic).fever_c == 38.5
    client.post(URL + "history/1/restore/", {"base_version": "4"})  # 5 = 1
    assert care_settings_for(clinic).fever_c == 38.0
    client.post(URL + "history/3/restore/", {"base_version": "5"})  # 6 = 3
    client.post(URL + "fever_c/reset/", {"base_version": "6"})  # 7
    assert care_settings_for(clinic).fever_c == 38.0
    actions = list(SettingsVersion.objects.values_list("action", flat=True))
    assert actions == ["reset", "restore", "restore", "undo", "save", "save", "before"]
    audited = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"clinic_settings.undo", "clinic_settings.restore", "clinic_settings.reset"} <= audited
    history = client.get(URL + "history/").content.decode()
    assert "Fever from: 39 °C → <b>38 °C</b>" in history and "Restore this version" in history


def test_a_stale_form_does_not_overwrite_a_newer_change(world: World, web_client: Any) -> None:
    client = web_client(world.clinic_admin)
    client.post(URL, _post_values(fever_c="38.5"))
    stale = client.post(URL, _post_values(fever_c="39", base_version="0"), follow=True)
    assert "Someone else changed the settings" in stale.content.decode()
    assert care_settings_for(world.clinic_admin.clinic).fever_c == 38.5


def test_undo_with_nothing_to_undo_says_so(world: World, web_client: Any) -> None:
    page = web_client(world.clinic_admin).post(URL + "undo/", {}, follow=True)
    assert "There is no earlier change to undo." in page.content.decode()


@pytest.mark.parametrize("who", ["coordinator", "surgeon", "patient"])
def test_only_clinic_admins_change_settings(world: World, web_client: Any, who: str) -> None:
    client = web_client(getattr(world, who))
    assert client.post(URL, _post_values(fever_c="38.5")).status_code == 403
    assert client.post(URL + "undo/", {}).status_code == 403
    assert client.post(URL + "fever_c/reset/", {}).status_code == 403
    assert client.get(URL + "history/").status_code == 403
    assert not SettingsVersion.objects.exists()


def test_staff_read_the_settings_without_a_form(world: World, web_client: Any) -> None:
    page = web_client(world.coordinator).get(URL).content.decode()
    assert "Fever from" in page and 'name="fever_c"' not in page


def test_shares_are_shown_and_typed_as_percentages(world: World, web_client: Any) -> None:
    client = web_client(world.clinic_admin)
    page = client.get(URL).content.decode()
    assert "Allowed 5–100 %" in page and 'name="graft_retention_expected" value="50"' in page
    assert client.post(URL, _post_values(graft_retention_expected="60")).status_code == 302
    assert care_settings_for(world.clinic_admin.clinic).graft_retention_expected == 0.6
    event = AuditEvent.objects.get(action="clinic_settings.save")
    assert event.detail["changes"]["graft_retention_expected"] == ["50 %", "60 %"]
    too_low = client.post(
        URL, _post_values({"graft_retention_expected": 0.6}, processing_yield="1")
    )
    assert "Use a value between 5 and 100 % for “Usable fat after processing”." in (
        too_low.content.decode()
    )


def test_a_value_of_one_is_written_with_a_singular_unit(world: World, web_client: Any) -> None:
    # Kava and ephedra are stopped 1 day before surgery: the page said "1 days".
    admin = web_client(world.clinic_admin).get(URL).content.decode()
    assert 'data-label="Default">1 day' in admin and ">1 days" not in admin
    assert 'data-label="Default">14 days' in admin
    read_only = web_client(world.surgeon).get(URL).content.decode()
    assert "<b>1</b> day<" in read_only and "<b>1</b> days" not in read_only
    kava = next(d for d in setting_definitions() if d.key == "hold_days.kava")
    assert shown_setting(kava, 1, with_unit=True) == "1 day"
    assert shown_setting(kava, 3, with_unit=True) == "3 days"
