"""Identifiers a clerk types about an agency or a person: checked and put in one stored form.

Each `clean_*` function returns the stored value or raises ValidationError with a message a
clerk understands. Phone numbers are the foundation's rule (leacorner.phone_numbers), shared
with the cyber-incident report."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from leacorner.ori import ORI_STATE_CODES, clean_ori  # noqa: F401 - the request's ORI rule

_SEPARATORS = re.compile(r"[\s\-.]+")


def clean_a_number(value: str) -> str:
    """'A123456789', '123-456-789', 'A 123 456 789' → '123456789'; an older 8-digit number
    'A12345678' → '012345678', with the leading zero USCIS writes today; anything else is
    refused."""
    raw = _SEPARATORS.sub("", value.strip()).upper()
    if not raw:
        return ""
    if raw.startswith("A"):
        raw = raw[1:]
    if not raw.isascii() or not raw.isdigit() or len(raw) not in (8, 9):
        raise ValidationError(
            _(
                "Enter the A-number as 9 digits, or an older one as 8, with or without the "
                "letter A, spaces or dashes, for example A123456789, 123-456-789 or A12345678."
            ),
            code="invalid_a_number",
        )
    return raw.zfill(9)


def clean_fbi_number(value: str) -> str:
    raw = _SEPARATORS.sub("", value.strip()).upper()
    if not raw:
        return ""
    if not re.fullmatch(r"[A-Z0-9]{1,9}", raw) or not any(ch.isdigit() for ch in raw):
        raise ValidationError(
            _("An FBI number has up to 9 letters and digits, for example 123456AB1."),
            code="invalid_fbi_number",
        )
    return raw


def clean_state_id(value: str) -> str:
    raw = re.sub(r"\s+", "", value.strip()).upper()
    if not raw:
        return ""
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9\-]{0,19}", raw) or not any(ch.isdigit() for ch in raw):
        raise ValidationError(
            _("A state identification number has up to 20 letters, digits and dashes."),
            code="invalid_sid",
        )
    return raw


def clean_booking_number(value: str) -> str:
    raw = value.strip().upper()
    if not raw:
        return ""
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9\-/]{0,29}", raw):
        raise ValidationError(
            _("A booking or inmate number has up to 30 letters, digits, dashes and slashes."),
            code="invalid_booking_number",
        )
    return raw
