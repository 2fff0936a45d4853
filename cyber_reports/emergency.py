"""Whom a reporter calls when an incident cannot wait for the desks to read the report.

The numbers are the agencies' `emergency_contact` lines, which operators edit in the admin;
nothing here or in the templates repeats a phone number. Every page and message that tells a
reporter whom to call urgently takes its words from `emergency_lines()`: the report form and
the guidance (through the `{% emergency_lines %}` tag), the receipt page, and the messages that
say a report was not sent (`urgent_call_sentence()`).
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .agencies import Agency


def emergency_lines(agencies: Iterable[Agency] | None = None) -> str:
    """The agencies' emergency lines as one phrase, `DHS/CISA at <its line>; HSI at <its
    line>; or FBI at <its line>`: of `agencies`, or by default of every agency with a line,
    read now. Empty when none has one."""
    if agencies is None:
        agencies = Agency.objects.with_emergency_line()
    parts = [
        _("%(agency)s at %(line)s")
        % {"agency": agency.short_name, "line": agency.emergency_contact}
        for agency in agencies
        if agency.emergency_contact
    ]
    if len(parts) > 1:
        parts[-1] = _("or %(last)s") % {"last": parts[-1]}
    return "; ".join(parts)


def urgent_call_sentence() -> str:
    """`If the incident is urgent, call now: ….`, for a message that says a report was not
    sent. Empty when no agency has an emergency line."""
    lines = emergency_lines()
    if not lines:
        return ""
    return _("If the incident is urgent, call now: %(lines)s.") % {"lines": lines}
