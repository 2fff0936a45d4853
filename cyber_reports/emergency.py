"""Whom a reporter calls when an incident cannot wait for the desks to read the report.

The numbers are the agencies' `emergency_contact` lines, which operators edit in the admin;
nothing here or in the templates repeats a phone number. Every page and message that tells a
reporter whom to call urgently takes its words from here: the report form and the guidance
(through the `{% emergency_lines %}` tag), the messages that say a report was not sent
(`urgent_call_sentence()`), and the received page and the receipt, which name the agencies the
report went to (`recipients_contacts()`). On a page every number is a `tel:` link
(leacorner.phone_numbers), so a phone dials it in one tap.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from leacorner.phone_numbers import link_phone_numbers

from .agencies import Agency


def emergency_lines(agencies: Iterable[Agency] | None = None) -> SafeString:
    """The agencies' emergency lines as one phrase, `DHS/CISA at <its line>; HSI at <its
    line>; or FBI at <its line>`, each number a `tel:` link: of `agencies`, or by default of
    every agency with a line, read now. Empty when none has one."""
    if agencies is None:
        agencies = Agency.objects.with_emergency_line()
    parts = [
        format_html(
            _("{agency} at {line}"),
            agency=agency.short_name,
            line=link_phone_numbers(agency.emergency_contact),
        )
        for agency in agencies
        if agency.emergency_contact
    ]
    if len(parts) > 1:
        parts[-1] = format_html(_("or {last}"), last=parts[-1])
    return mark_safe("; ".join(parts))  # noqa: S308 - each part is format_html'd


def urgent_call_sentence() -> SafeString:
    """`If the incident is urgent, call now: ….`, for a message that says a report was not
    sent. Empty when no agency has an emergency line."""
    lines = emergency_lines()
    if not lines:
        return mark_safe("")
    return format_html(_("If the incident is urgent, call now: {lines}."), lines=lines)


@dataclass(frozen=True)
class RecipientContact:
    """How to reach one agency a report went to when it cannot wait: its 24-hour line, or,
    for an agency without one, its public contact (`has_line` False)."""

    agency: Agency
    has_line: bool

    @property
    def text(self) -> str:
        return self.agency.emergency_contact if self.has_line else self.agency.public_contact

    @property
    def html(self) -> SafeString:
        return link_phone_numbers(self.text)


def recipients_contacts(agencies: Iterable[Agency]) -> list[RecipientContact]:
    """Whom to call among the agencies a report went to, in their order."""
    return [RecipientContact(agency, bool(agency.emergency_contact)) for agency in agencies]
