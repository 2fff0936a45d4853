"""Every directory resource links to its official page (issue 14): a field edited in the admin,
checked to be https on a .gov site, seeded for every program, shown as the first action of the
program's page. And each field office's liaison, shown on the office's card once named."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from programs.models import FieldOffice, Program, validate_official_address
from tests.factories import CategoryFactory, FieldOfficeFactory, ProgramFactory

from .test_admin import program_form

pytestmark = pytest.mark.django_db


def test_every_seeded_program_has_its_official_page():
    programs = Program.objects.all()
    assert programs.count() >= 51
    for program in programs:
        assert program.official_url, program.slug
        validate_official_address(program.official_url)


@pytest.mark.parametrize(
    "address",
    [
        "https://www.ice.gov/identify-and-arrest/287g",
        "https://locator.ice.gov/odls",
        "https://www.iprcenter.gov",
        "https://www.cisa.gov/report",
    ],
)
def test_official_addresses(address):
    validate_official_address(address)


@pytest.mark.parametrize(
    "address",
    [
        "http://www.ice.gov/lesc",  # not secure
        "https://www.ice.gov.example.com/lesc",  # not a .gov host
        "https://ice-gov.com/lesc",
        "/directory/programs/lesc/",
        "javascript:alert(1)",
        "",
    ],
)
def test_addresses_that_are_not_official_are_refused(address):
    with pytest.raises(ValidationError, match="official page"):
        validate_official_address(address)


def test_the_official_page_is_the_first_action_of_the_program_page(client):
    program = Program.objects.get(slug="criminal-apprehension-program")
    html = client.get(program.get_absolute_url()).content.decode()
    button = (
        f'<a class="usa-button" id="official-page" href="{program.official_url}">'
        "Official page on ICE.gov</a>"
    )
    article = html[html.index("<article") :]
    assert article.index(button) == article.index('class="usa-button"') - len("<a ")


def test_an_editor_is_told_when_the_address_is_not_official(role_client):
    client, _user = role_client(Role.CONTENT_EDITOR)
    program = ProgramFactory(categories=[CategoryFactory()])
    response = client.post(
        reverse("admin:programs_program_change", args=[program.pk]),
        program_form(program, official_url="http://www.ice.gov/lesc"),
    )
    assert response.status_code == 200
    assert "https:// on a .gov site" in response.content.decode()
    assert 'value="http://www.ice.gov/lesc"' in response.content.decode()  # kept to correct


def test_a_liaison_shows_on_the_office_card_only_when_named(client):
    office = FieldOfficeFactory(name="Testville")
    url = reverse("programs:field_office_list")
    assert "Field liaison:" not in client.get(url).content.decode()
    FieldOffice.objects.filter(pk=office.pk).update(
        liaison_name="Dana Reyes",
        liaison_phone="(202) 555-0177",
        liaison_email="d.reyes@ice.dhs.gov",
    )
    from programs.models import DirectoryRevision

    DirectoryRevision.bump()  # as the admin's save does
    html = client.get(url).content.decode()
    assert "<strong>Field liaison:</strong> Dana Reyes" in html
    assert 'href="tel:+12025550177"' in html
    assert 'href="mailto:d.reyes@ice.dhs.gov"' in html


def _office_form(office, **changes):
    data = {
        "name": office.name,
        "slug": office.slug,
        "address": office.address,
        "phone": office.phone,
        "outreach_email": office.outreach_email,
        "liaison_name": "",
        "liaison_phone": "",
        "liaison_email": "",
        "areas-TOTAL_FORMS": "0",
        "areas-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"liaison_name": "Dana Reyes", "liaison_phone": "555-0177"}, "ten digits"),
        ({"liaison_phone": "(202) 555-0177"}, "Name the liaison these details reach."),
    ],
)
def test_liaison_details_are_checked_in_the_admin(role_client, changes, message):
    client, _user = role_client(Role.CONTENT_EDITOR)
    office = FieldOfficeFactory()
    response = client.post(
        reverse("admin:programs_fieldoffice_change", args=[office.pk]),
        _office_form(office, **changes),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    office.refresh_from_db()
    assert not office.liaison_phone
