"""`{{ text|tel_links }}`: a text with every U.S. phone number in it a `tel:` link
(leacorner.phone_numbers), for the numbers a page tells people to call."""

from django import template
from django.utils.safestring import SafeString

from ..phone_numbers import link_phone_numbers

register = template.Library()


@register.filter(is_safe=True)
def tel_links(text) -> SafeString:
    return link_phone_numbers(str(text) if text is not None else "")
