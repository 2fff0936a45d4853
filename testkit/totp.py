"""RFC 6238 time-based one-time passwords, written out here so that the codes the tests and the
load generator (bench/load/locustfile.py) type are computed independently of allauth: its MFA
is checked against another implementation rather than against its own code."""

import base64
import hashlib
import hmac
import struct
import time


def totp(secret_base32: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The code of `secret_base32` at the time `at` (now by default), as an authenticator app
    shows it."""
    key = base64.b32decode(secret_base32.upper() + "=" * (-len(secret_base32) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)
