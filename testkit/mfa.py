"""Staff sessions for in-process clients (the tests, bench/staff_at_scale.py) and TOTP secrets
for the load generator's staff accounts (bench/load_test.py). Needs Django set up.

Only allauth's public surface: its `Authenticator` model, its MFA adapter's `encrypt()` (the
hook through which allauth stores every TOTP secret) and the session key of its authentication
records, so an allauth upgrade that moves its internals breaks nothing here.
"""

import base64
import secrets
import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client

# Beside the records allauth keeps whose they are, and reads them only for that user (the
# public module exports the records' key, not this one).
_RECORDS_USER_SESSION_KEY = "account_authentication_methods_user"


def new_totp_secret() -> str:
    """A random 160-bit key in base32, the form an authenticator app is given (RFC 4226 asks
    for at least 128 bits and recommends 160)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def enrol_totp(user: AbstractBaseUser) -> str:
    """Give `user` a TOTP authenticator, stored as allauth stores the one a person sets up; the
    base32 secret is returned, for `testkit.totp.totp()` to compute its codes. A user has one
    TOTP authenticator at most (allauth's constraint): enrolling twice is an IntegrityError."""
    secret = new_totp_secret()
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": get_adapter().encrypt(secret)}
    )
    return secret


def has_totp(user: AbstractBaseUser) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mark_mfa_passed(client: Client, user: AbstractBaseUser) -> None:
    """Record in the client's session that `user` signed in with a password and then a TOTP
    code just now, as allauth records it at sign-in (the portal's MFA check reads these)."""
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[_RECORDS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def signed_in_client(
    user: AbstractBaseUser, *, mfa: bool | None = None, enforce_csrf_checks: bool = False
) -> Client:
    """A test client signed in as `user`. Staff users (or any user with `mfa=True`) are also
    enrolled in TOTP, unless they are already, and have passed MFA; `mfa=False` leaves a staff
    user signed in without it, as after the password step alone."""
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(user)
    if mfa if mfa is not None else user.is_staff:
        if not has_totp(user):
            enrol_totp(user)
        mark_mfa_passed(client, user)
    return client
