"""Where a text message goes: the one place that reads a person's mobile number."""

from __future__ import annotations

import phonenumbers

from hipdip.web.accounts.models import User

#: Fields of the patient record that may hold a mobile number, most specific first. The
#: patient record has none yet; when one is added it is read here with no other change.
PATIENT_PHONE_FIELDS = ("mobile_phone", "mobile", "phone")


def phone_of(user: User) -> str | None:
    """The number to text ``user`` on, in E.164 form, or None when there is none usable.

    The number on the person's notification preferences wins; else the patient record's.
    """
    from hipdip.web.notifications.models import NotificationPreference

    pref = NotificationPreference.objects.filter(user=user).only("phone").first()
    candidates = [pref.phone if pref else ""]
    patient = getattr(user, "patient", None) if user.is_patient else None
    for field in PATIENT_PHONE_FIELDS:
        candidates.append(str(getattr(patient, field, "") or ""))
    for number in candidates:
        normalised = normalise_phone(number)
        if normalised:
            return normalised
    return None


def normalise_phone(number: str) -> str | None:
    """``number`` in E.164 form (``+447700900123``), or None if it is not a valid
    international number (a leading + and the country code are required)."""
    number = (number or "").strip()
    if not number:
        return None
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
