"""Phone numbers as the clinic stores them: checked with ``phonenumbers`` and kept in
E.164 (``+447911123456``), read in the clinic's own numbering plan when no country code
is given (``HIPDIP_PHONE_REGION``)."""

from __future__ import annotations

import phonenumbers
from django.conf import settings

NOT_A_NUMBER = (
    "This is not a phone number we can call; check it, or add the country code (+44 ...)."
)


def phone_region() -> str:
    """The country a number without ``+`` is read in (ISO code, e.g. GB)."""
    return str(settings.HIPDIP_PHONE_REGION or "GB").upper()


def phone_to_e164(raw: str, *, region: str | None = None) -> str:
    """`raw` as an E.164 number; "" for an empty input.

    Raises
    ------
    ValueError
        With a plain sentence when `raw` is not a valid number.
    """
    text = (raw or "").strip()
    if not text:
        return ""
    if len(text) > 40:
        raise ValueError(NOT_A_NUMBER)
    try:
        number = phonenumbers.parse(text, region or phone_region())
    except phonenumbers.NumberParseException as exc:
        raise ValueError(NOT_A_NUMBER) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(NOT_A_NUMBER)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str) -> str:
    """A stored number written for people: national form at home, international abroad."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    home = phonenumbers.region_code_for_number(number) == phone_region()
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


def phone_href(e164: str) -> str:
    """A ``tel:`` link target for a stored number ("" for none)."""
    return f"tel:{e164}" if e164 else ""
