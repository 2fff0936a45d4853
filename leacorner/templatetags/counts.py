"""`{{ count|count_display }}`: "1,234" for an exact count, "about 412,000" for an estimate."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext

from leacorner.pagination import ResultCount

register = template.Library()


@register.filter
def count_display(count: ResultCount | int | None) -> str:
    if count is None:
        count = ResultCount(0)
    if not isinstance(count, ResultCount):
        count = ResultCount(count)
    if count.exact:
        return intcomma(count.value)
    # Estimates are rounded to three significant figures: more would claim a precision they lack.
    rounded = round(count.value, 3 - len(str(count.value)))
    return gettext("about %(count)s") % {"count": intcomma(rounded)}
