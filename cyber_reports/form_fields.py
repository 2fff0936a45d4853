"""The fields of the reporter's forms that Django does not have: a wall-clock date and time
(the zone is chosen on the form), several files in one input, a sum typed with its dollar
sign and commas, a box of indicators."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from .attachments import ACCEPT, CheckedUpload, check_uploads

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time as typed, without a time zone; the form attaches the chosen zone."""

    widget = LocalDateTimeInput

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and timezone.is_aware(result):
            result = timezone.make_naive(result)
        return result

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.make_naive(value)
        return value


def in_zone(value: datetime | None, zone_name: str) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=ZoneInfo(zone_name))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; checked by content and limits in `check_uploads`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[CheckedUpload]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            return []
        return check_uploads(files)


YES_NO = forms.RadioSelect


class AmountField(forms.DecimalField):
    """A sum as people type it: "$1,500,000", "2.5 BTC" (the currency is chosen apart)."""

    _TYPED = re.compile(r"\$?\s*(?P<number>\d[\d,]*(?:\.\d*)?|\.\d+)\s*[A-Za-z]{0,5}")

    def to_python(self, value):
        if isinstance(value, str) and (typed := self._TYPED.fullmatch(value.strip())):
            value = typed.group("number").replace(",", "")
        return super().to_python(value)


def indicator_box(label, help_text) -> forms.CharField:
    """A box of indicators, one per line, parsed by the form's `clean_<name>()`."""
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=label, help_text=help_text
    )
