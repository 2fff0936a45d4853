"""Template filters of the directory: editors' plain text turned into safe, readable HTML."""

import html
import re

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..models import tel_link

register = template.Library()

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(
    r"\(\d{3}\) \d{3}-\d{4}\b|\b1-\d{3}-[A-Z0-9]{3}-[A-Z0-9]{1,4}(?:-[A-Z0-9]{1,4})?\b"
)


def _linkify(escaped: str) -> str:
    """Make e-mail addresses and U.S. telephone numbers in escaped text into links."""

    def email(match: re.Match) -> str:
        address = match.group(0)
        if "City." in address:  # the pattern "City.Outreach@..." is not an address
            return address
        return f'<a class="usa-link" href="mailto:{address}">{address}</a>'

    def phone(match: re.Match) -> str:
        number = match.group(0)
        href = tel_link(number)
        if len(href) != len("tel:+18005550100"):
            return number
        return f'<a class="usa-link" href="{href}">{number}</a>'

    return _PHONE.sub(phone, _EMAIL.sub(email, escaped))


@register.filter
def paragraphs(text: str) -> SafeString:
    """Blank lines separate paragraphs; lines starting with "- " form a bulleted list."""
    out: list[str] = []
    items: list[str] = []
    lines: list[str] = []

    def flush_paragraph() -> None:
        if lines:
            out.append(f"<p>{_linkify(html.escape(' '.join(lines)))}</p>")
            lines.clear()

    def flush_list() -> None:
        if items:
            body = "".join(f"<li>{_linkify(html.escape(item))}</li>" for item in items)
            out.append(f'<ul class="usa-list">{body}</ul>')
            items.clear()

    for raw_line in (text or "").splitlines():
        line = raw_line.strip()
        if not line:
            flush_paragraph()
            flush_list()
        elif line.startswith("- "):
            flush_paragraph()
            items.append(line[2:].strip())
        else:
            flush_list()
            lines.append(line)
    flush_paragraph()
    flush_list()
    return mark_safe("\n".join(out))  # noqa: S308 - every piece of text is escaped above
