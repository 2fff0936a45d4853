import pytest
from django.core.exceptions import ValidationError

from stakeholder_forms import identifiers


@pytest.mark.parametrize(
    "typed",
    ["A123456789", "123-456-789", "A 123 456 789", "a123456789", " 123456789 ", "A-123-456-789"],
)
def test_a_number_is_stored_as_nine_digits(typed):
    assert identifiers.clean_a_number(typed) == "123456789"


@pytest.mark.parametrize("typed", ["A12345678", "12345678", "A 1234-5678", "a12 345 678"])
def test_an_older_eight_digit_a_number_is_stored_with_the_leading_zero(typed):
    assert identifiers.clean_a_number(typed) == "012345678"


@pytest.mark.parametrize(
    "typed",
    [
        "A1234567",
        "1234567890",
        "A١٢٣٤٥٦٧٨",
        "B123456789",
        "A12345678X",
        "123_456_789",
        "AA123456789",
    ],
)
def test_anything_else_is_refused_with_a_clear_message(typed):
    with pytest.raises(ValidationError) as refused:
        identifiers.clean_a_number(typed)
    assert "9 digits" in refused.value.messages[0]


def test_empty_a_number_stays_empty():
    assert identifiers.clean_a_number("  ") == ""


@pytest.mark.parametrize(
    ("typed", "stored"), [("va0290000", "VA0290000"), ("NY 030 1500", "NY0301500")]
)
def test_ori(typed, stored):
    assert identifiers.clean_ori(typed) == stored


@pytest.mark.parametrize("typed", ["VA029000", "VA02900001", "1A0290000", "ZZ0290000", "VA029000!"])
def test_bad_ori(typed):
    with pytest.raises(ValidationError):
        identifiers.clean_ori(typed)


def test_fbi_sid_booking():
    assert identifiers.clean_fbi_number("123456 ab1") == "123456AB1"
    assert identifiers.clean_state_id("va-1234567") == "VA-1234567"
    assert identifiers.clean_booking_number("2026/00412-b") == "2026/00412-B"
    for bad, check in [
        ("1234567890", identifiers.clean_fbi_number),
        ("ABCDEF", identifiers.clean_fbi_number),
        ("VA#123", identifiers.clean_state_id),
        ("-123", identifiers.clean_booking_number),
    ]:
        with pytest.raises(ValidationError):
            check(bad)
