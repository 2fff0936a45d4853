"""The directory's rules for words, addresses and telephone numbers."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Telephone keypad letters, for vanity numbers such as 1-866-DHS-2-ICE.
_KEYPAD = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "22233344455566677778889999",
)


def lookup_key(text: str) -> str:
    """The form in which a name, acronym or spelling is compared: lower case, letters and
    digits only, so "287(g)", "287 g" and "287g" are one key, and "FOTs" matches "fots"."""
    return re.sub(r"[\W_]+", "", text.lower())


def dial_digits(phone: str) -> str:
    """The digits a caller dials, with vanity letters turned into their keypad digits."""
    return re.sub(r"\D", "", phone.upper().translate(_KEYPAD))


def tel_link(phone: str) -> str:
    """A `tel:` link in E.164 form for a U.S. number, or "" when there is no number."""
    digits = dial_digits(phone)
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}" if digits else ""


def validate_link_target(value: str) -> None:
    if value.startswith("/") and not value.startswith("//"):
        return
    if re.match(r"^https://[^\s/]+\.[^\s/]+(/\S*)?$", value):
        return
    raise ValidationError(
        _(
            "Enter a secure web address starting with https://, "
            "or a page of this portal starting with /."
        )
    )


def validate_official_address(value: str) -> None:
    """An official page: https on a .gov host (www.ice.gov, www.dhs.gov, www.cisa.gov,
    www.iprcenter.gov, locator.ice.gov…), the only domains U.S. federal agencies may use."""
    host = urlsplit(value).hostname or ""
    if value.startswith("https://") and re.fullmatch(r"([a-z0-9-]+\.)+gov", host):
        return
    raise ValidationError(
        _("Enter the official page's address: https:// on a .gov site, e.g. https://www.ice.gov/…")
    )
