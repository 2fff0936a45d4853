"""A certification's verification code, kept so that a copy of the database does not give it.

The code (10 characters of a 30-letter alphabet, about 49 bits) is what a court types on
`/verify/` beside the certification number. It used to be stored as it is, so anyone who read
the table (a backup, a replica, an SQL injection) could confirm any certification, or forge one
that /verify/ would call valid. Now two values are stored, each made with a key the database
does not hold:

- `verification_digest`: HMAC-SHA256 of the normalised code. `/verify/` recomputes it from what
  was typed and compares in constant time (`matches`). A plain SHA-256 would not do: 49 bits
  are few enough to try every code against a stolen digest; with the key, a stolen digest
  alone tells nothing.
- `sealed_verification_code`: the code encrypted (Fernet: AES-128-CBC with an HMAC-SHA256
  tag), opened only when a page or file entitled to show it is made: the clerk's request
  page, the certification PDF (downloaded again at any time, so the code must outlive the
  moment it is issued) and the reviewers' certification page. No e-mail carries it: the outbox
  keeps every message in the database, so the approval notice says where to find the code.

The key is its own setting, `CERTIFICATION_CODE_KEY`, not one derived from `SECRET_KEY`:
operators rotate `SECRET_KEY` (after a leak, with `SECRET_KEY_FALLBACKS`) and Django's
sessions, reset links and signed values survive that, but every certification ever printed
carries a code that must verify for as long as the certification is evidence. A key derived
from `SECRET_KEY` would turn a routine rotation into thousands of certifications that
`/verify/` calls unknown. Two sub-keys are derived from it (`salted_hmac` with a label each),
so the digest and the seal never share a key.
"""

import base64
import hmac
import secrets

from cryptography.fernet import Fernet
from django.conf import settings
from django.utils.crypto import salted_hmac

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U
#: Compared against when no certification has the number, so an unknown number takes as
#: long to answer as a wrong code.
_NO_DIGEST = "0" * 64


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(code: str) -> str:
    """As printed (`ABCDE-23456`), whatever the case, spaces or dashes typed."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:5]}-{raw[5:]}" if len(raw) == 10 else raw


def _key(purpose: str) -> bytes:
    return salted_hmac(
        f"leacorner.certification-code.{purpose}",
        "",
        secret=settings.CERTIFICATION_CODE_KEY,
        algorithm="sha256",
    ).digest()


def digest(code: str) -> str:
    """The keyed hash stored for `code` (normalised first)."""
    return hmac.new(_key("digest"), normalise(code).encode(), "sha256").hexdigest()


def matches(code: str, stored_digest: str | None) -> bool:
    """Whether `code` is the one whose digest is `stored_digest` (None: no certification),
    in constant time either way."""
    return hmac.compare_digest(digest(code), stored_digest or _NO_DIGEST) and bool(stored_digest)


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key("seal")))


def seal(code: str) -> str:
    return _fernet().encrypt(normalise(code).encode()).decode()


def unseal(sealed: str) -> str:
    return _fernet().decrypt(sealed.encode()).decode()
