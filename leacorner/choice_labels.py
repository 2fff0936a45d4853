"""`ChoiceLabels`: `get_FOO_display()` that looks a label up instead of rebuilding the choices.

Django's `Model._get_FIELD_display` turns the field's whole list of choices into a dict on
every call, hashing each lazily translated label, which translates it: on the desk list (50
reports, a status, a sector and every other agency's status each) that was 200 calls and 17 % of
the page's time at a million rows (docs/performance.md). The mixin keeps each field's labels
per language once, so a call is two dict lookups. Only for fields whose choices are fixed in
the code (every choice list of this project), not callables that change while running.
"""

from functools import cache

from django.utils.hashable import make_hashable
from django.utils.translation import get_language


@cache
def _labels(field, language: str | None) -> dict:
    return {make_hashable(value): str(label) for value, label in field.flatchoices}


class ChoiceLabels:
    """Mixed into a model before models.Model (or its abstract base)."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return _labels(field, get_language()).get(make_hashable(value), value)
