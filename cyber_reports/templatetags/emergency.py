"""`{% emergency_lines as lines %}`: the agencies' emergency lines for a page's own sentence,
each number a `tel:` link, read from the database on every render, so an edit in the admin
shows at once."""

from django import template
from django.utils.safestring import SafeString

from ..emergency import emergency_lines as build_emergency_lines

register = template.Library()


@register.simple_tag
def emergency_lines() -> SafeString:
    return build_emergency_lines()
