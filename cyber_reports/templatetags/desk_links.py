"""`{% desk_links as desks %}`: the header's way to the agency desks a user works on.

A desk member gets one link per agency whose desk they are on ("My desk" when there is one,
"My desk: FBI" beside "My desk: HSI" when there are several, by the agency's code), marked
current on that desk's pages; a superuser, who sees every desk, gets one link to the list of
desks. Everyone else, signed in or not, gets none. No query beyond the user's roles, which
the desk pages read anyway.
"""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from ..desk import desk_agency_codes

register = template.Library()


@dataclass(frozen=True)
class DeskLink:
    label: str
    url: str
    current: bool


@register.simple_tag(takes_context=True)
def desk_links(context) -> list[DeskLink]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return []  # desk roles are staff roles: a clerk's page costs no query
    codes = desk_agency_codes(user)
    if not codes:
        return []
    path = request.path
    if user.is_superuser:
        url = reverse("cyber_reports:desk_index")
        return [DeskLink(_("Cyber desks"), url, path.startswith(url))]
    links = []
    for code in codes:
        url = reverse("cyber_reports:desk_list", kwargs={"agency": code.lower()})
        label = _("My desk") if len(codes) == 1 else _("My desk: %(agency)s") % {"agency": code}
        links.append(DeskLink(label, url, path.startswith(url)))
    return links
