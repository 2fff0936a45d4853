"""Cryptocurrency wallet addresses as a ransom note gives them, checked by their own format.

A mistyped address links nothing and misleads an investigator, so each currency's own
checksum is verified where it has one: Bitcoin and Litecoin (Base58Check, and Bech32/Bech32m
for `bc1…`/`ltc1…`), Tron (Base58Check, where USDT-TRC20 ransoms are paid), Ethereum (`0x`
and 40 hexadecimal digits, with the EIP-55 mixed-case checksum when it is written in mixed
case; the same addresses hold USDT-ERC20 and other tokens) and Monero (its block Base58 and
Keccak checksum). An address of another currency is given as `CODE: address` (`ZEC: t1…`) and
kept as typed, its format unchecked.

`check_wallet(text)` returns the currency code and the address in its one stored form
(Ethereum in lower case, the others as written, since Base58 is case-sensitive), or raises
ValidationError naming what is wrong. Python's hashlib has SHA-3 but not the original Keccak
that Ethereum and Monero use, so `keccak_256()` is here: the same Keccak-f[1600] permutation
with the original padding (a test checks the permutation against hashlib's SHA3-256).
"""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {ch: i for i, ch in enumerate(BASE58)}
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_INDEX = {ch: i for i, ch in enumerate(BECH32)}

#: Base58Check version bytes: (currency, version) for each prefix a person sees.
_BASE58_VERSIONS = {
    0x00: "BTC",  # 1… pay-to-public-key-hash
    0x05: "BTC",  # 3… pay-to-script-hash (also Litecoin's old form: one address, one owner)
    0x30: "LTC",  # L…
    0x32: "LTC",  # M…
    0x41: "TRX",  # T…
}
_BECH32_HRPS = {"bc": "BTC", "ltc": "LTC"}
CURRENCY_NAMES = {
    "BTC": "Bitcoin",
    "ETH": "Ethereum",
    "LTC": "Litecoin",
    "TRX": "Tron",
    "XMR": "Monero",
}
#: The main network's standard (4…), integrated (4…, 106 characters) and subaddress (8…) forms.
_MONERO_NETWORK_BYTES = {18, 19, 42}
_OTHER = re.compile(r"(?P<code>[A-Za-z]{2,10})\s*:\s*(?P<address>[A-Za-z0-9:]{20,120})")

# --- Keccak-256 ------------------------------------------------------------------------------

_MASK = (1 << 64) - 1


def _rotate(lane: int, bits: int) -> int:
    bits %= 64
    return ((lane << bits) | (lane >> (64 - bits))) & _MASK


def _keccak_f(state: list[list[int]]) -> None:
    """Keccak-f[1600] on `state[x][y]`, 24 rounds, in place."""
    lfsr = 1
    for _round in range(24):
        parity = [
            state[x][0] ^ state[x][1] ^ state[x][2] ^ state[x][3] ^ state[x][4] for x in range(5)
        ]
        for x in range(5):
            mix = parity[(x + 4) % 5] ^ _rotate(parity[(x + 1) % 5], 1)
            for y in range(5):
                state[x][y] ^= mix
        x, y = 1, 0
        current = state[x][y]
        for t in range(24):
            x, y = y, (2 * x + 3 * y) % 5
            current, state[x][y] = state[x][y], _rotate(current, (t + 1) * (t + 2) // 2)
        for y in range(5):
            row = [state[x][y] for x in range(5)]
            for x in range(5):
                state[x][y] = row[x] ^ ((~row[(x + 1) % 5]) & row[(x + 2) % 5])
        for j in range(7):
            lfsr = ((lfsr << 1) ^ ((lfsr >> 7) * 0x71)) % 256
            if lfsr & 2:
                state[0][0] ^= 1 << ((1 << j) - 1)


def sponge_256(data: bytes, *, padding: int) -> bytes:
    """A 256-bit Keccak sponge (rate 136 bytes) with the given domain padding byte: 0x01 is
    the original Keccak of Ethereum and Monero, 0x06 the FIPS 202 SHA3-256."""
    rate = 136
    padded = bytearray(data)
    padded.append(padding)
    padded.extend(b"\x00" * (-len(padded) % rate))
    padded[-1] |= 0x80
    state = [[0] * 5 for _ in range(5)]
    for start in range(0, len(padded), rate):
        block = padded[start : start + rate]
        for i in range(rate // 8):
            state[i % 5][i // 5] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        _keccak_f(state)
    return b"".join(state[i % 5][i // 5].to_bytes(8, "little") for i in range(4))


def keccak_256(data: bytes) -> bytes:
    return sponge_256(data, padding=0x01)


# --- Encodings -------------------------------------------------------------------------------


def _base58_decode(text: str) -> bytes | None:
    number = 0
    for ch in text:
        if ch not in _BASE58_INDEX:
            return None
        number = number * 58 + _BASE58_INDEX[ch]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * (len(text) - len(text.lstrip("1"))) + body


def _double_sha256(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def _bech32_polymod(values: list[int]) -> int:
    generators = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for i, generator in enumerate(generators):
            if (top >> i) & 1:
                checksum ^= generator
    return checksum


def _bech32_hrp_expand(hrp: str) -> list[int]:
    return [ord(ch) >> 5 for ch in hrp] + [0] + [ord(ch) & 31 for ch in hrp]


def _five_to_eight(data: list[int]) -> bytes | None:
    accumulator = bits = 0
    out = bytearray()
    for value in data:
        accumulator = (accumulator << 5) | value
        bits += 5
        while bits >= 8:
            bits -= 8
            out.append((accumulator >> bits) & 0xFF)
    if bits >= 5 or (accumulator << (8 - bits)) & 0xFF:
        return None
    return bytes(out)


def _segwit_ok(text: str, hrp: str) -> bool:
    """A Bech32 (witness version 0) or Bech32m (versions 1-16) address of `hrp` (BIP 173/350)."""
    data = [_BECH32_INDEX.get(ch, -1) for ch in text[len(hrp) + 1 :]]
    if len(data) < 7 or -1 in data:
        return False
    constant = _bech32_polymod(_bech32_hrp_expand(hrp) + data)
    version, program = data[0], _five_to_eight(data[1:-6])
    if program is None or version > 16 or not 2 <= len(program) <= 40:
        return False
    if version == 0:
        return constant == 1 and len(program) in (20, 32)
    return constant == 0x2BC830A3


def _monero_decode(text: str) -> bytes | None:
    """Monero's Base58: blocks of 11 characters for 8 bytes, a shorter last block."""
    sizes = {0: 0, 2: 1, 3: 2, 5: 3, 6: 4, 7: 5, 9: 6, 10: 7, 11: 8}
    out = bytearray()
    for start in range(0, len(text), 11):
        block = text[start : start + 11]
        if len(block) not in sizes:
            return None
        number = 0
        for ch in block:
            if ch not in _BASE58_INDEX:
                return None
            number = number * 58 + _BASE58_INDEX[ch]
        if number >= 1 << (8 * sizes[len(block)]):
            return None
        out.extend(number.to_bytes(sizes[len(block)], "big"))
    return bytes(out)


def eip55(address_hex: str) -> str:
    """The EIP-55 mixed-case form of 40 lower-case hexadecimal digits."""
    digest = keccak_256(address_hex.encode("ascii")).hex()
    return "".join(
        ch.upper() if ch.isalpha() and int(digest[i], 16) >= 8 else ch
        for i, ch in enumerate(address_hex)
    )


# --- The rule --------------------------------------------------------------------------------


def _checksum_refusal(currency: str, token: str) -> ValidationError:
    return ValidationError(
        _(
            "“%(token)s”: this %(currency)s address fails its checksum, so a character is "
            "probably mistyped. Copy it again from the ransom note."
        )
        % {"token": token[:130], "currency": currency},
        code="wallet_checksum",
    )


def check_wallet(text: str) -> tuple[str, str]:
    """(currency code, stored address) of one typed wallet address (module docstring)."""
    token = text.strip()
    if other := _OTHER.fullmatch(token):
        return other.group("code").upper(), other.group("address")
    lower = token.lower()
    if re.fullmatch(r"0x[0-9a-fA-F]{40}", token):
        digits = token[2:]
        mixed = digits != digits.lower() and digits != digits.upper()
        if mixed and eip55(digits.lower()) != digits:
            raise _checksum_refusal(CURRENCY_NAMES["ETH"], token)
        return "ETH", "0x" + digits.lower()
    for hrp, currency in _BECH32_HRPS.items():
        if lower.startswith(hrp + "1") and (token == lower or token == token.upper()):
            if not _segwit_ok(lower, hrp):
                raise _checksum_refusal(CURRENCY_NAMES[currency], token)
            return currency, lower
    if len(token) in (95, 106) and token[0] in "48":
        decoded = _monero_decode(token)
        if decoded is None or decoded[0] not in _MONERO_NETWORK_BYTES:
            raise _checksum_refusal(CURRENCY_NAMES["XMR"], token)
        if keccak_256(decoded[:-4])[:4] != decoded[-4:]:
            raise _checksum_refusal(CURRENCY_NAMES["XMR"], token)
        return "XMR", token
    if 25 <= len(token) <= 35 and token[0] in "13LMT":
        decoded = _base58_decode(token)
        if decoded is not None and len(decoded) == 25 and decoded[0] in _BASE58_VERSIONS:
            currency = _BASE58_VERSIONS[decoded[0]]
            if _double_sha256(decoded[:-4])[:4] != decoded[-4:]:
                raise _checksum_refusal(CURRENCY_NAMES[currency], token)
            return currency, token
    raise ValidationError(
        _(
            "“%(token)s” is not a wallet address we recognise. Give Bitcoin (1…, 3…, bc1…), "
            "Ethereum (0x…), Monero (4…, 8…), Litecoin (L…, M…, ltc1…) or Tron (T…) addresses "
            "as the ransom note writes them, or another currency as “CODE: address”."
        )
        % {"token": token[:130]},
        code="invalid_wallet",
    )
