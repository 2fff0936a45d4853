"""Breadcrumbs: the trail of links above a page's heading, after "Home".

A section names its first step once, as a module constant, and each page adds its own steps:

    MY_REQUESTS = Breadcrumbs(gettext_lazy("My requests"), reverse_lazy("stakeholder_forms:…"))
    context["crumbs"] = MY_REQUESTS.then(request.tracking_number)

templates/includes/breadcrumbs.html renders `crumbs` (`trail=crumbs`): every step but the last
as a link, the last as the current page (its URL, if any, is not shown).
"""

from typing import NamedTuple


class Crumb(NamedTuple):
    label: str
    url: str = ""


class Breadcrumbs(tuple[Crumb, ...]):
    """An immutable trail of (label, url) steps; `then()` returns a longer one."""

    def __new__(cls, label: str | None = None, url: str = "", *, steps=()):
        if label is not None:
            steps = (*steps, Crumb(label, url))
        return super().__new__(cls, steps)

    def then(self, label: str, url: str = "") -> "Breadcrumbs":
        """This trail followed by one more step (without `url`, the page itself)."""
        return Breadcrumbs(label, url, steps=self)

    @property
    def url(self) -> str:
        """The address of the last step."""
        return str(self[-1].url) if self else ""
