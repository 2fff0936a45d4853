"""The agency's ORI (NCIC Originating Agency Identifier): the one rule for an ORI a person types.

An ORI has 9 characters: the postal code of a state, DC, a territory or the federal prefix
("US"), then 7 letters or digits. Spaces, dashes and dots people type between the parts are
dropped and letters upper-cased, so `va 007-0000` is stored as `VA0070000`. Used by the clerk's
account (accounts) and the stakeholder request (stakeholder_forms), which both name an agency.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Postal codes that begin an ORI: the states, DC, territories and the federal prefix.
ORI_STATE_CODES = frozenset(
    [
        "AK",
        "AL",
        "AR",
        "AZ",
        "CA",
        "CO",
        "CT",
        "DC",
        "DE",
        "FL",
        "GA",
        "HI",
        "IA",
        "ID",
        "IL",
        "IN",
        "KS",
        "KY",
        "LA",
        "MA",
        "MD",
        "ME",
        "MI",
        "MN",
        "MO",
        "MS",
        "MT",
        "NC",
        "ND",
        "NE",
        "NH",
        "NJ",
        "NM",
        "NV",
        "NY",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VA",
        "VT",
        "WA",
        "WI",
        "WV",
        "WY",
        "AS",
        "GU",
        "MP",
        "PR",
        "VI",
        "FM",
        "MH",
        "PW",
        "CZ",
        "US",
    ]
)

_SEPARATORS = re.compile(r"[\s\-.]+")


def clean_ori(value: str) -> str:
    """The stored form of a typed ORI ("" for nothing typed), or ValidationError saying why
    it is not one."""
    raw = _SEPARATORS.sub("", value.strip()).upper()
    if not raw:
        return ""
    if not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{7}", raw):
        raise ValidationError(
            _("An ORI has 9 characters: two letters for the state, then 7 letters or digits."),
            code="invalid_ori",
        )
    if raw[:2] not in ORI_STATE_CODES:
        raise ValidationError(
            _("An ORI starts with a state or territory code; “%(code)s” is not one.")
            % {"code": raw[:2]},
            code="invalid_ori_state",
        )
    return raw
