"""U.S. phone numbers: the one rule for a number a person types, and links a phone can dial.

Every form that asks for a phone number (a clerk's on a stakeholder request, an officer's on a
cyber-incident report) checks it with `clean_phone()`, which stores one form of it whatever
the punctuation: `(202) 555-0123 ext. 45`. Every page that shows a number to call, from an
admin-edited text such as an agency's emergency line, links it with `link_phone_numbers()`
(the `{{ text|tel_links }}` filter): `tel:` links (RFC 3966), so a phone dials it in one tap.

North American numbers only: the portal's users are U.S. state, local, tribal and
territorial agencies (Puerto Rico, Guam and the other territories are in the same plan).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_TYPED = re.compile(
    r"(?P<number>[0-9+().\-\s]+?)\s*(?:(?:x|ext\.?|extension)\s*(?P<ext>\d{1,6}))?",
    flags=re.IGNORECASE,
)
# A number inside free text: (888) 282-0870, 888-282-0870, 888.282.0870, +1 888 282 0870,
# with an optional extension. Not preceded or followed by another digit, so a case number or
# a date is never mistaken for one.
_IN_TEXT = re.compile(
    r"(?<![\d\w])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)|\d{3})[\s.\-]?\d{3}[\s.\-]\d{4}"
    r"(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?(?![\d])",
    flags=re.IGNORECASE,
)


def _digits(text: str) -> tuple[str, str] | None:
    """The ten digits and the extension of a typed number, or None when it is not one."""
    match = _TYPED.fullmatch(text.strip())
    if match is None:
        return None
    digits = re.sub(r"\D", "", match.group("number"))
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or digits[0] in "01":
        return None
    return digits, match.group("ext") or ""


def clean_phone(value: str) -> str:
    """A U.S. number of 10 digits (an optional leading 1, any punctuation) with an optional
    extension, stored as '(202) 555-0123 ext. 45'; anything else raises ValidationError with
    an example of what to type."""
    parts = _digits(value)
    if parts is None:
        raise ValidationError(
            _("Enter a 10-digit U.S. phone number, for example (202) 555-0123 ext. 45."),
            code="invalid_phone",
        )
    digits, extension = parts
    formatted = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return f"{formatted} ext. {extension}" if extension else formatted


def tel_uri(number: str) -> str | None:
    """`tel:+12025550123;ext=45` for a U.S. number in any typed form, or None."""
    parts = _digits(number)
    if parts is None:
        return None
    digits, extension = parts
    return f"tel:+1{digits}" + (f";ext={extension}" if extension else "")


def link_phone_numbers(text: str) -> SafeString:
    """`text`, HTML-escaped, with every U.S. phone number in it a `tel:` link."""
    pieces, last = [], 0
    for match in _IN_TEXT.finditer(text or ""):
        uri = tel_uri(match.group())
        if uri is None:
            continue
        pieces.append(escape(text[last : match.start()]))
        pieces.append(format_html('<a class="usa-link" href="{}">{}</a>', uri, match.group()))
        last = match.end()
    pieces.append(escape((text or "")[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped or format_html'd
