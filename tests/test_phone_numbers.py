"""The one phone rule (leacorner/phone_numbers.py): what a person may type, how it is stored,
and the `tel:` links of the numbers a page tells people to call."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from leacorner.phone_numbers import clean_phone, link_phone_numbers, tel_uri


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("703-555-0142", "(703) 555-0142"),
        ("+1 (703) 555 0142 ext. 12", "(703) 555-0142 ext. 12"),
        ("7035550142x9", "(703) 555-0142 ext. 9"),
        ("1.671.555.0142", "(671) 555-0142"),  # Guam: the same numbering plan
    ],
)
def test_phone(typed, stored):
    assert clean_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["555-0142", "call me", "(103) 555-0142", "+44 20 7946 0958", "", "1" * 40]
)
def test_bad_phone(typed):
    with pytest.raises(ValidationError) as refused:
        clean_phone(typed)
    assert "10-digit U.S. phone number" in refused.value.messages[0]


def test_tel_uri():
    assert tel_uri("(888) 282-0870") == "tel:+18882820870"
    assert tel_uri("202.555.0123 ext. 45") == "tel:+12025550123;ext=45"
    assert tel_uri("not a number") is None


def test_numbers_in_a_text_become_links_and_the_rest_is_escaped():
    text = "CISA Central, (888) 282-0870, 24 hours a day <b>now</b>; case 2026-11-28-0001"
    html = link_phone_numbers(text)
    assert html == (
        'CISA Central, <a class="usa-link" href="tel:+18882820870">(888) 282-0870</a>, '
        "24 hours a day &lt;b&gt;now&lt;/b&gt;; case 2026-11-28-0001"
    )
    assert link_phone_numbers("Tip line 866-347-2423 or +1 855 292 3937.") == (
        'Tip line <a class="usa-link" href="tel:+18663472423">866-347-2423</a> or '
        '<a class="usa-link" href="tel:+18552923937">+1 855 292 3937</a>.'
    )
    assert link_phone_numbers("") == ""


def test_the_template_filter():
    rendered = Template("{% load phone_numbers %}{{ line|tel_links }}").render(
        Context({"line": "FBI CyWatch, (855) 292-3937 & e-mail"})
    )
    assert rendered == (
        'FBI CyWatch, <a class="usa-link" href="tel:+18552923937">(855) 292-3937</a> &amp; e-mail'
    )
