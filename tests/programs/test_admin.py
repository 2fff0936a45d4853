"""Content editors manage the directory in the admin; every change is in the history."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from programs.models import DirectoryRevision, Program

from ..factories import CategoryFactory, FAQFactory, ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(role_client):
    return role_client(Role.CONTENT_EDITOR)


def program_form(program, **changes):
    data = {
        "name": program.name,
        "slug": program.slug,
        "acronym": program.acronym,
        "aliases": program.aliases,
        "component": program.component,
        "summary": program.summary,
        "body": program.body,
        "official_url": program.official_url or "https://www.ice.gov/about-ice",
        "categories": [c.pk for c in program.categories.all()] if program.pk else [],
        "related": [],
        "feature": "",
        "is_published": "on",
        "last_reviewed": "2026-11-01",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_editor_changes_a_program_and_the_history_names_them(editor):
    client, user = editor
    program = ProgramFactory(categories=[CategoryFactory()])
    before = DirectoryRevision.current().counter
    response = client.post(
        reverse("admin:programs_program_change", args=[program.pk]),
        program_form(program, summary="A better summary for officers."),
    )
    assert response.status_code == 302, response.content[:2000]
    program.refresh_from_db()
    assert program.summary == "A better summary for officers."
    latest = program.history.latest()
    assert latest.history_user == user
    assert latest.history_type == "~"
    assert DirectoryRevision.current().counter > before

    history = client.get(reverse("admin:programs_program_history", args=[program.pk]))
    assert history.status_code == 200
    assert user.email in history.content.decode()


def test_editor_adds_a_program_with_a_contact(editor):
    client, _user = editor
    category = CategoryFactory()
    response = client.post(
        reverse("admin:programs_program_add"),
        {
            **program_form(
                Program(name="New line", slug="new-line", component="ERO", summary="S", body="B"),
                categories=[category.pk],
            ),
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-label": "Duty desk",
            "contacts-0-phone": "1-866-DHS-2-ICE",
            "contacts-0-is_24_7": "on",
            "contacts-0-order": "0",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    contact = Program.objects.get(slug="new-line").contacts.get()
    assert contact.tel_href == "tel:+18663472423"
    assert contact.is_24_7


def test_a_contact_without_phone_or_email_is_refused_with_a_message(editor):
    client, _user = editor
    program = ProgramFactory(categories=[CategoryFactory()])
    response = client.post(
        reverse("admin:programs_program_change", args=[program.pk]),
        {
            **program_form(program),
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-label": "Nobody",
            "contacts-0-order": "0",
        },
    )
    assert response.status_code == 200
    assert "Give a telephone number, an e-mail address, or both." in response.content.decode()


def test_bad_phone_number_is_refused(editor):
    client, _user = editor
    program = ProgramFactory(categories=[CategoryFactory()])
    response = client.post(
        reverse("admin:programs_program_change", args=[program.pk]),
        {
            **program_form(program),
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-label": "Short",
            "contacts-0-phone": "555-0100",
            "contacts-0-order": "0",
        },
    )
    assert response.status_code == 200
    assert "ten digits" in response.content.decode()


def test_add_page_prefills_the_slug_and_change_page_links_to_the_site(editor):
    client, _user = editor
    add = client.get(reverse("admin:programs_program_add")).content.decode()
    assert "prepopulated" in add and "id_slug" in add
    program = Program.objects.get(slug="law-enforcement-support-center")
    change = client.get(
        reverse("admin:programs_program_change", args=[program.pk])
    ).content.decode()
    assert "View on site" in change


def test_changelist_search_and_filters(editor):
    client, _user = editor
    url = reverse("admin:programs_program_changelist")
    found = client.get(url, {"q": "LESC"}).content.decode()
    assert "Law Enforcement Support Center" in found
    assert "Operation Firewall" not in found
    by_component = client.get(url, {"component__exact": "FPS"}).content.decode()
    assert "Mobile Command Posts" in by_component
    assert "Operation Firewall" not in by_component
    unpublished = client.get(url, {"is_published__exact": "0"})
    assert unpublished.status_code == 200


@pytest.mark.parametrize(
    "name", ["program", "category", "fieldoffice", "faq"], ids=lambda n: f"{n}-changelist"
)
def test_changelists_have_a_query_bound_that_does_not_grow(
    editor, django_assert_max_num_queries, name
):
    client, _user = editor
    url = reverse(f"admin:programs_{name}_changelist")
    client.get(url)  # warm the session and permission caches
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    category = CategoryFactory()
    ProgramFactory.create_batch(500, categories=[category])
    FAQFactory.create_batch(100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_other_staff_cannot_edit_the_directory(role_client):
    client, _user = role_client(Role.ERO_REVIEWER)
    assert client.get(reverse("admin:programs_program_changelist")).status_code == 403
