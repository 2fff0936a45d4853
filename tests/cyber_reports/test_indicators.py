"""Indicators as a reporter types them: each kind parsed into its one stored form, every bad
line named, and the keys two reports are matched on (cyber_reports/indicators.py, wallets.py)."""

import hashlib
import os

import pytest
from django.core.exceptions import ValidationError

from cyber_reports.indicators import (
    fingerprint,
    ip_bounds,
    match_keys,
    parse_addresses,
    parse_domains,
    parse_emails,
    parse_hashes,
    parse_urls,
    parse_wallets,
    supernets,
)
from cyber_reports.wallets import check_wallet, keccak_256, sponge_256


def stored(indicators) -> list[tuple]:
    return [(i.kind, i.value, i.port, i.currency) for i in indicators]


def messages(error: pytest.ExceptionInfo) -> list[str]:
    return error.value.messages


def test_addresses_ports_and_ranges():
    parsed = parse_addresses(
        "203.0.113[.]5:443, [2001:DB8:0::1]:8443\n3389 198.51.100.0/24; 2001:db8::/48 192.0.2.7/32",
        "destination",
    )
    assert stored(parsed) == [
        ("ip", "203.0.113.5", 443, ""),
        ("ip", "2001:db8::1", 8443, ""),
        ("port", "3389", 3389, ""),
        ("ip_range", "198.51.100.0/24", None, ""),
        ("ip_range", "2001:db8::/48", None, ""),
        ("ip", "192.0.2.7", None, ""),  # a /32 is the address
    ]
    assert {i.direction for i in parsed} == {"destination"}
    assert parsed[0].ip_start == f"{0xFFFF << 32 | 0xCB007105:032x}"
    assert parsed[3].ip_start < parsed[0].ip_start  # 198.51.100.0 before 203.0.113.5


def test_every_bad_address_is_named_at_once():
    with pytest.raises(ValidationError) as refused:
        parse_addresses("300.1.1.1\n203.0.113.5:99999\n203.0.113.5/24\n16.0.0.0/4", "source")
    assert messages(refused) == [
        "“300.1.1.1” is not an IP address, an address with a port (203.0.113.5:443 or "
        "[2001:db8::1]:443), a range (203.0.113.0/24) or a port number.",
        "“203.0.113.5:99999”: a port is a number from 0 to 65535.",
        "“203.0.113.5/24” is not the start of a range: did you mean 203.0.113.0/24?",
        "“16.0.0.0/4” is too broad to be an indicator: give a /8 or narrower.",
    ]


def test_urls_keep_their_path_and_lose_their_case_and_default_port():
    parsed = parse_urls("hxxps://Pay-Now[.]Example:443/Ransom?id=7\nhttp://bad.example")
    assert stored(parsed) == [
        ("url", "https://pay-now.example/Ransom?id=7", None, ""),
        ("url", "http://bad.example/", None, ""),
    ]
    with pytest.raises(ValidationError) as refused:
        parse_urls("pay-now.example/ransom")
    assert "include the scheme" in messages(refused)[0]


def test_domains_and_email_addresses():
    typed = "Pay-Now[.]Example.\nhxxps://mail.bad[.]example/login\nbücher.example"
    assert stored(parse_domains(typed)) == [
        ("domain", "pay-now.example", None, ""),
        ("domain", "mail.bad.example", None, ""),
        ("domain", "xn--bcher-kva.example", None, ""),
    ]
    with pytest.raises(ValidationError) as refused:
        parse_domains("localhost\n203.0.113.5\n-bad-.example")
    assert len(messages(refused)) == 3
    assert stored(parse_emails("Ransom.Desk[@]Proton[.]Example\n<help@evil.example>")) == [
        ("email", "ransom.desk@proton.example", None, ""),
        ("email", "help@evil.example", None, ""),
    ]
    with pytest.raises(ValidationError) as refused:
        parse_emails("not an address")
    assert messages(refused) == ["“not an address” is not an e-mail address."]


def test_hashes_are_known_by_their_length():
    md5, sha1 = "D41D8CD98F00B204E9800998ECF8427E", "a" * 40
    sha256 = "sha256: " + "B" * 64
    assert stored(parse_hashes(f"{md5}\n{sha1}\n{sha256}")) == [
        ("md5", md5.lower(), None, ""),
        ("sha1", sha1, None, ""),
        ("sha256", "b" * 64, None, ""),
    ]
    with pytest.raises(ValidationError) as refused:
        parse_hashes("abc123\nmd5:" + "a" * 64)
    assert len(messages(refused)) == 2
    assert "MD5 (32), SHA-1 (40) or SHA-256 (64)" in messages(refused)[0]


def test_keccak_is_the_original_and_its_permutation_that_of_sha3():
    assert keccak_256(b"").hex() == (
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    )
    assert keccak_256(b"abc").hex() == (
        "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
    )
    for size in (0, 1, 135, 136, 137, 500):
        data = os.urandom(size)
        assert sponge_256(data, padding=0x06) == hashlib.sha3_256(data).digest(), size


@pytest.mark.parametrize(
    ("typed", "currency", "stored_as"),
    [
        ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "BTC", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "BTC", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        (
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "BTC",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        ),
        (
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",  # Taproot
            "BTC",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        ),
        (
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "ETH",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        ),
        (
            "0XFB6916095CA1DF60BB79CE92CE3EA74C37C5D359"[:2].lower()
            + "FB6916095CA1DF60BB79CE92CE3EA74C37C5D359",  # all capitals: no checksum to test
            "ETH",
            "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
        ),
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "TRX", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
        (
            "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2"
            "wfn3RVGQBEP3A",
            "XMR",
            "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2"
            "wfn3RVGQBEP3A",
        ),
        ("zec: t1Rv4exT7bqhZqi2j7xz8bUHDMxwosrjADU", "ZEC", "t1Rv4exT7bqhZqi2j7xz8bUHDMxwosrjADU"),
    ],
)
def test_wallets_of_each_currency(typed, currency, stored_as):
    assert check_wallet(typed) == (currency, stored_as)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "Bitcoin address fails its checksum"),
        ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp", "Bitcoin address fails its checksum"),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "Ethereum address fails its checksum"),
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", "Tron address fails its checksum"),
        (
            "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2"
            "wfn3RVGQBEP3B",
            "Monero address fails its checksum",
        ),
        ("pay me in gift cards", "is not a wallet address we recognise"),
    ],
)
def test_a_mistyped_wallet_is_refused_with_the_reason(typed, why):
    with pytest.raises(ValidationError) as refused:
        check_wallet(typed)
    assert why in refused.value.messages[0]


def test_wallet_box_names_every_bad_line():
    with pytest.raises(ValidationError) as refused:
        parse_wallets("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2\nnope\n0x123")
    assert len(refused.value.messages) == 2
    parsed = parse_wallets("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2\n\n")
    assert stored(parsed) == [("wallet", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", None, "BTC")]


def test_at_most_200_entries_per_box():
    with pytest.raises(ValidationError) as refused:
        parse_domains("\n".join(f"d{n}.example" for n in range(201)))
    assert "at most 200 entries" in refused.value.messages[0]


def test_match_keys_reach_the_ranges_around_an_address():
    address = parse_addresses("203.0.113.5", "destination")
    keys, ranges = match_keys(address)
    assert fingerprint("ip", "203.0.113.5") in keys
    assert fingerprint("ip_range", "203.0.113.0/24") in keys
    assert fingerprint("ip_range", "203.0.0.0/16") in keys
    assert fingerprint("ip_range", "203.0.0.0/8") in keys
    assert len(keys) == 1 + 24  # the address, and /8 … /31 around it
    assert ranges == []
    assert supernets("ip", "2001:db8::1")[0] == "2001:db8::/32"
    network = parse_addresses("203.0.113.0/24", "destination")
    keys, ranges = match_keys(network)
    assert ranges == [ip_bounds("203.0.113.0/24")]
    low, high = ranges[0]
    assert low <= address[0].ip_start <= high
    ports = parse_addresses("443", "destination")
    assert match_keys(ports) == ([], [])  # port 443 relates nothing
