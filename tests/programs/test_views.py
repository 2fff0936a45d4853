"""The directory's pages: every program has one, search ranks and highlights, the field-office
map reaches an office from every place, pages run a fixed number of queries and are cached."""

import re
from datetime import date

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from programs.models import FAQ, Category, CoverageArea, DirectoryRevision, FieldOffice, Program

from ..factories import CategoryFactory, FAQFactory, ProgramFactory
from .test_seed import NAMED_IN_SEEDS

pytestmark = pytest.mark.django_db


def program_url(slug: str) -> str:
    return reverse("programs:program_detail", kwargs={"slug": slug})


def search(client: Client, q: str):
    return client.get(reverse("programs:search"), {"q": q})


def result_links(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'usa-collection__heading"><a class="usa-link" href="([^"]+)"', html)


@pytest.mark.parametrize(("named", "slug"), sorted(NAMED_IN_SEEDS.items()))
def test_every_program_named_in_the_sources_has_a_page(client, named, slug):
    response = client.get(program_url(slug))
    assert response.status_code == 200, named
    program = Program.objects.get(slug=slug)
    assert program.name.encode() in response.content.replace(b"&#x27;", b"'")


def test_program_page_shows_contacts_related_and_last_reviewed(client):
    html = client.get(program_url("law-enforcement-support-center")).content.decode()
    assert 'href="tel:+18028726000"' in html
    assert "24/7" in html
    assert "Answered 24 hours a day, 7 days a week." in html
    assert "Related programs" in html and program_url("ice-tip-line") in html
    assert "Last reviewed:" in html and 'datetime="2026-11-29"' in html
    assert (
        '<link rel="canonical" href="http://127.0.0.1:8000/directory/programs/law-enforcement-support-center/">'
        in html
    )
    # Breadcrumbs: home, the first category, the program.
    assert 'class="usa-breadcrumb"' in html and "Information Sharing" in html


def test_numbers_and_mailboxes_are_links(client):
    html = client.get(program_url("ice-tip-line")).content.decode()
    assert 'href="tel:+18663472423"' in html  # 1-866-DHS-2-ICE, dialled as digits
    html = client.get(program_url("criminal-justice-stakeholder-forms")).content.decode()
    assert 'href="tel:+18883514024">1-888-351-4024</a> and ask' in html  # in the body text
    assert 'href="mailto:ERO.INFO@ice.dhs.gov"' in html


def test_unpublished_and_unknown_programs_are_a_styled_404(client):
    Program.objects.filter(slug="removal-statistics").update(is_published=False)
    for url in (
        program_url("removal-statistics"),
        program_url("no-such-program"),
        reverse("programs:category_detail", kwargs={"slug": "no-such-category"}),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Page not found" in response.content
        assert b"usa-header" in response.content


def test_home_lists_categories_with_programs_and_quick_links(client):
    html = client.get(reverse("home")).content.decode()
    for category in Category.objects.all():
        assert category.get_absolute_url() in html
    assert program_url("287g-program") in html
    assert reverse("programs:field_office_list") in html
    assert "Stakeholder request" in html and "Report a cyber incident" in html


def test_category_page_lists_only_its_published_programs(client):
    url = reverse("programs:category_detail", kwargs={"slug": "ice-access"})
    html = client.get(url).content.decode()
    assert program_url("border-enforcement-security-task-forces") in html
    assert program_url("foia-library") not in html


def test_faq_page_has_an_anchor_for_every_question(client):
    html = client.get(reverse("programs:faq")).content.decode()
    for item in FAQ.objects.all():
        assert f'id="{item.slug}"' in html
        assert f'href="#{item.slug}"' in html
    assert "Williston, Vermont" in html  # answers are in the page, not behind a script


# --- Search -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("LESC", "law-enforcement-support-center"),
        ("lesc", "law-enforcement-support-center"),
        ("287g", "287g-program"),
        ("287(g)", "287g-program"),
        ("287 (g)", "287g-program"),
        ("fugitive", "fugitive-operations"),
        ("cyber", "cyber-incident-reporting"),
        ("CAP", "criminal-apprehension-program"),
        ("Criminal Alien Program", "criminal-apprehension-program"),
        ("BEST", "border-enforcement-security-task-forces"),
        ("C3", "cyber-crimes-center"),
        ("FOTs", "fugitive-operations"),
        ("detainer", "immigration-detainer-notice-of-action"),
        ("counterfeit", "ipr-center"),
    ],
)
def test_search_puts_the_expected_page_first(client, query, first):
    links = result_links(search(client, query))
    assert links, f"nothing found for {query!r}"
    assert links[0] == program_url(first), f"{query!r}: {links[:3]}"


def test_287g_spellings_find_the_same_pages(client):
    found = {
        q: result_links(search(client, q)) for q in ("287g", "287(g)", "287 g", "Section 287(g)")
    }
    assert found["287g"] == found["287(g)"] == found["287 g"]
    assert program_url("ice-access") in found["287g"]  # its text says "287(g)" and "287g"
    assert found["Section 287(g)"][0] == program_url("287g-program")


def test_search_covers_faqs_and_highlights_matches(client):
    html = search(client, "NLETS").content.decode()
    assert "/directory/faq/#lesc-nlets-inquiry" in html
    assert "<mark>NLETS</mark>" in html
    assert "<mark>LESC</mark>" in search(client, "LESC").content.decode()


def test_search_escapes_what_it_shows(client):
    html = search(client, '<script>alert("x")</script>').content.decode()
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;" in html


def test_no_results_page_suggests_close_spellings(client):
    response = search(client, "fugitve")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing matches" in html
    assert "?q=fugitive" in html
    assert reverse("programs:faq") in html and "tel:+18028726000" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [("x" * 201, "limited to 200 characters"), ("!!! ???", "at least one word or number")],
)
def test_unsearchable_queries_get_a_clear_message(client, query, message):
    response = search(client, query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_empty_search_shows_the_form_with_examples(client):
    response = client.get(reverse("programs:search"))
    assert response.status_code == 200
    assert b"for example LESC" in response.content


def test_results_are_paginated_without_losing_the_query(client):
    category = CategoryFactory()
    ProgramFactory.create_batch(45, categories=[category], summary="Zebra crossing support.")
    first = search(client, "zebra").content.decode()
    assert "45 programs and resources match" in first
    assert "Page 1 of 3" in first and "?q=zebra&amp;page=2" in first
    third = client.get(reverse("programs:search"), {"q": "zebra", "page": "3"}).content.decode()
    assert len(re.findall(r'class="usa-collection__item"', third)) == 5
    assert client.get(reverse("programs:search"), {"q": "zebra", "page": "x"}).status_code == 200


def test_unpublished_programs_are_not_found(client):
    Program.objects.filter(slug="operation-firewall").update(is_published=False)
    assert program_url("operation-firewall") not in result_links(search(client, "Firewall"))


# --- Field offices ----------------------------------------------------------------------------


def test_the_map_links_every_state_dc_and_territory_to_its_offices(client):
    url = reverse("programs:field_office_list")
    html = client.get(url).content.decode()
    tiles = dict(
        re.findall(
            r'<a class="map-tile[^"]*" href="([^"]+)" aria-label="[^"]+" data-state="(\w\w)"', html
        )
    )
    codes = set(tiles.values())
    assert len(codes) == 51 + 4, sorted(codes)  # 50 states, DC, PR, VI, GU, MP
    covered = set(CoverageArea.objects.values_list("jurisdiction", flat=True))
    assert codes == covered
    for href, code in tiles.items():
        page = client.get(href.replace("&amp;", "&")).content.decode()
        offices = FieldOffice.objects.covering(code)
        assert offices.exists()
        for office in offices:
            assert (
                f'href="#{office.anchor}"'
                in page.split('id="coverage"', 1)[1].split("</section>")[0]
            )


def test_split_states_name_every_office_and_the_part_it_covers(client):
    html = client.get(reverse("programs:field_office_list"), {"state": "TX"}).content.decode()
    coverage = html.split('id="coverage"', 1)[1].split("</section>")[0]
    for office in ("Dallas", "El Paso", "Harlingen", "Houston", "San Antonio"):
        assert f"{office} field office" in coverage
    assert "Northern Texas" in coverage
    assert (
        'aria-label="Texas: split between the Dallas, El Paso, Harlingen, Houston and '
        'San Antonio field offices"' in html
    )


def test_every_office_is_in_the_plain_list_with_phone_and_mailbox(client):
    html = client.get(reverse("programs:field_office_list")).content.decode()
    for office in FieldOffice.objects.all():
        assert f'id="{office.anchor}"' in html
        assert f"mailto:{office.outreach_email}" in html
    assert 'href="tel:+14048931290"' in html  # Atlanta
    assert "No public telephone number is listed" in html  # Dallas and New Orleans


@pytest.mark.parametrize("state", ["ZZ", "<b>", "AS"])
def test_a_place_without_an_office_gets_a_message_not_an_error(client, state):
    response = client.get(reverse("programs:field_office_list"), {"state": state})
    assert response.status_code == 200
    assert b'id="state-error"' in response.content


def test_287g_page_shades_the_map_from_the_data_with_table_date_and_source(client):
    html = client.get(program_url("287g-program")).content.decode()
    section = html.split('id="participation-heading"', 1)[1]
    assert "832 signed agreements with 690 agencies in 40 states, as of July 18, 2025" in section
    assert "Source: ICE, list of 287(g) participating agencies, July 18, 2025." in section
    assert len(re.findall(r'<tr id="agreements-\w\w">', section)) == 40
    assert (
        '<tr id="agreements-FL"><th scope="row">Florida</th><td class="text-right">309</td>'
        in section
    )
    assert re.search(
        r'<g class="map-tile shade-5">\s*<rect[^>]*></rect>\s*<text[^>]*>FL</text>', section
    )
    assert re.search(
        r'<g class="map-tile shade-1">\s*<rect[^>]*></rect>\s*<text[^>]*>CA</text>', section
    )


def test_sitemap_lists_every_published_page(client):
    Program.objects.filter(slug="removal-statistics").update(is_published=False)
    xml = client.get(reverse("sitemap")).content.decode()
    for program in Program.objects.published():
        assert f"<loc>http://testserver{program.get_absolute_url()}</loc>" in xml
    assert program_url("removal-statistics") not in xml
    assert reverse("programs:field_office_list") in xml


# --- Speed: fixed query counts, cache, conditional GET ---------------------------------------


def _pages() -> dict[str, str]:
    return {
        "home": reverse("home"),
        "category": reverse("programs:category_detail", kwargs={"slug": "ice-access"}),
        "program": program_url("287g-program"),
        "faq": reverse("programs:faq"),
        "field offices": reverse("programs:field_office_list") + "?state=TX",
        "search": reverse("programs:search") + "?q=program",
        "no results": reverse("programs:search") + "?q=qqqqzzz",
        "sitemap": reverse("sitemap"),
    }


def _queries(django_assert_max_num_queries, url: str, bound: int = 50) -> int:
    # A signed-in-looking cookie bypasses the page cache, so the view itself is measured.
    client = Client()
    client.cookies["messages"] = "x"
    with django_assert_max_num_queries(bound) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_every_directory_page_runs_the_same_queries_with_500_programs(
    django_assert_max_num_queries, settings
):
    # Every page reads the revision: whether it was read in the last second (creating 500
    # programs takes longer on a loaded machine) must not change the count.
    settings.DIRECTORY_REVISION_SECONDS = 0
    before = {name: _queries(django_assert_max_num_queries, url) for name, url in _pages().items()}
    for name, count in before.items():
        assert count <= 8, f"{name}: {count} queries"

    category = Category.objects.get(slug="ice-access")
    program = Program.objects.get(slug="287g-program")
    made = ProgramFactory.create_batch(500, categories=[category], summary="Another program.")
    program.related.add(*made)
    for faq in FAQFactory.create_batch(50):
        faq.related_programs.add(*made[:20])
    # A search matching less than a page skips its COUNT; with 500 matches it runs it.
    before["search"] += 1
    for name, url in _pages().items():
        assert _queries(django_assert_max_num_queries, url, before[name]) <= before[name], name


def test_cached_page_costs_one_query_and_an_edit_shows_at_once(
    client, django_assert_max_num_queries
):
    url = program_url("foia-library")
    assert client.get(url)["X-Directory-Cache"] == "miss"
    with django_assert_max_num_queries(1):  # the revision, if not read in the last second
        response = client.get(url)
    assert response["X-Directory-Cache"] == "hit"

    program = Program.objects.get(slug="foia-library")
    program.summary = "Records ICE must publish, in one place."
    program.save()
    response = client.get(url)
    assert response["X-Directory-Cache"] == "miss"
    assert b"Records ICE must publish, in one place." in response.content


@pytest.mark.parametrize(
    "change",
    ["contact", "category", "faq", "office", "m2m", "delete"],
)
def test_every_kind_of_content_change_invalidates_the_cache(client, change):
    home = reverse("home")
    first = client.get(home)
    etag = first["ETag"]
    if change == "contact":
        Program.objects.get(slug="foia-library").contacts.create(
            label="Desk", phone="(202) 555-0100"
        )
    elif change == "category":
        Category.objects.filter(slug="forms").first().save()
    elif change == "faq":
        FAQ.objects.first().delete()
    elif change == "office":
        CoverageArea.objects.filter(jurisdiction="TX").first().delete()
    elif change == "m2m":
        Program.objects.get(slug="foia-library").categories.add(Category.objects.get(slug="forms"))
    else:
        Program.objects.get(slug="removal-statistics").delete()
    second = client.get(home, HTTP_IF_NONE_MATCH=etag)
    assert second.status_code == 200
    assert second["ETag"] != etag


def test_conditional_requests_get_304(client):
    url = reverse("programs:faq")
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"] and "Cookie" in first["Vary"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_admin_edit_invalidates_the_cached_page(client, role_client):
    url = program_url("foia-library")
    etag = client.get(url)["ETag"]
    editor, _user = role_client(Role.CONTENT_EDITOR)
    program = Program.objects.get(slug="foia-library")
    response = editor.post(
        reverse("admin:programs_program_change", args=[program.pk]),
        {
            "name": program.name,
            "slug": program.slug,
            "acronym": "FOIA",
            "aliases": "",
            "component": "ICE",
            "summary": "Changed in the admin.",
            "body": program.body,
            "categories": [c.pk for c in program.categories.all()],
            "related": [],
            "official_url": program.official_url,
            "feature": "",
            "is_published": "on",
            "last_reviewed": date(2026, 11, 30).isoformat(),
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "1",
            "links-0-id": program.links.get().pk,
            "links-0-program": program.pk,
            "links-0-title": "ICE FOIA Library",
            "links-0-url": "https://www.ice.gov/foia/library",
            "links-0-kind": "page",
            "links-0-description": "",
            "links-0-order": "0",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert b"Changed in the admin." in again.content
    assert b"November 30, 2026" in again.content


def test_signed_in_visitors_are_not_served_the_anonymous_page(clerk_client):
    response = clerk_client.get(reverse("home"))
    assert response.status_code == 200
    assert b"Sign out" in response.content
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response


def test_a_cached_page_has_the_headers_and_bytes_of_the_rendered_one(client):
    url = program_url("foia-library")
    first = client.get(url)
    second = client.get(url)
    assert (first["X-Directory-Cache"], second["X-Directory-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "Content-Language",
        "Vary",
        "Cache-Control",
        "ETag",
        "Last-Modified",
    ):
        assert second[header] == first[header], header
    assert not second.cookies


def test_an_edit_by_another_process_shows_within_the_revision_interval(client, settings):
    """Each process reads the revision at most every DIRECTORY_REVISION_SECONDS; a change
    made elsewhere (here: the row moved without this process's `bump()`) shows after that."""
    settings.DIRECTORY_REVISION_SECONDS = 60
    url = program_url("foia-library")
    etag = client.get(url)["ETag"]
    DirectoryRevision.objects.filter(pk=1).update(counter=F("counter") + 1)
    assert client.get(url)["ETag"] == etag  # still the revision read a moment ago
    settings.DIRECTORY_REVISION_SECONDS = 0
    assert client.get(url)["ETag"] != etag
