"""The directory's public pages. Each runs a fixed number of queries whatever the number of
programs, and is served through the revision-keyed page cache (`programs/caching.py`)."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from leacorner.access import public

from . import participation
from .caching import directory_page
from .geography import GRID, HEIGHT, WIDTH, tiles
from .models import FAQ, TERRITORIES, Category, FieldOffice, Jurisdiction, Program
from .search import (
    MAX_QUERY_LENGTH,
    QueryError,
    parse_query,
    search_faqs,
    search_programs,
    snippet,
    suggestions,
)
from .sitemaps import SITEMAPS

RESULTS_PER_PAGE = 20
FAQ_RESULTS = 10
#: Pages of results (or of the sitemap) kept in the page cache; later ones are rendered each
#: time, so one search cannot fill the cache with page numbers.
MAX_CACHED_PAGE = 50


def canonical_url(path: str) -> str:
    return settings.SITE_URL + path


def _page_number(request: HttpRequest, parameter: str) -> int | None:
    """The page asked for (1 when none is), or None when it is not a page number the cache
    keeps; the view still answers it (the paginator shows the nearest page)."""
    raw = request.GET.get(parameter, "").strip()
    if not raw:
        return 1
    # Length first: int() of thousands of digits raises ValueError (Python's digit limit).
    if len(raw) <= 3 and raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_CACHED_PAGE:
        return int(raw)
    return None


def _chosen_place(request: HttpRequest) -> str:
    """The state or territory code of `?state=`, as the field-office page reads it."""
    return request.GET.get("state", "").strip().upper()


def _field_office_varies(request: HttpRequest) -> tuple | None:
    place = _chosen_place(request)
    return (place,) if not place or place in Jurisdiction.values else None


def _search_words(request: HttpRequest) -> str:
    """The visitor's words with the spacing normalised, as they are searched and shown."""
    return " ".join(request.GET.get("q", "").split())


def _search_varies(request: HttpRequest) -> tuple | None:
    words = _search_words(request)
    number = _page_number(request, "page")
    if len(words) > MAX_QUERY_LENGTH or number is None:
        return None  # answered with a message or a fallback page, not stored
    return (words, number)


def _sitemap_varies(request: HttpRequest) -> tuple | None:
    number = _page_number(request, "p")
    return None if number is None else (number,)


@public
@require_safe
@directory_page
def home(request: HttpRequest) -> HttpResponse:
    """The home page, at the site's root: what the portal is for, quick links, every category
    with its programs."""
    categories = Category.objects.with_published_programs()
    return render(
        request,
        "home.html",
        {"categories": categories, "canonical_url": canonical_url(reverse("home"))},
    )


@public
@require_safe
@directory_page
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    programs = category.programs.published().order_by("name")
    return render(
        request,
        "programs/category_detail.html",
        {
            "category": category,
            "programs": programs,
            "crumbs": [(category.name, "")],
            "canonical_url": canonical_url(category.get_absolute_url()),
        },
    )


@public
@require_safe
@directory_page
def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    program = get_object_or_404(
        Program.objects.published().prefetch_related(
            "categories",
            "contacts",
            "links",
            Prefetch("related", queryset=Program.objects.published().order_by("name")),
            Prefetch("faqs", queryset=FAQ.objects.published()),
        ),
        slug=slug,
    )
    categories = list(program.categories.all())
    crumbs = [(categories[0].name, categories[0].get_absolute_url())] if categories else []
    crumbs.append((program.name, ""))
    context = {
        "program": program,
        "categories": categories,
        "crumbs": crumbs,
        "canonical_url": canonical_url(program.get_absolute_url()),
    }
    if program.feature == Program.Feature.PARTICIPATION_287G:
        context["participation"] = {
            "tiles": participation.shaded_tiles(),
            "rows": participation.agreements_by_state(),
            "none": participation.states_without_agreements(),
            "as_of": participation.AS_OF,
            "source": participation.SOURCE,
            "total_agreements": participation.TOTAL_AGREEMENTS,
            "total_agencies": participation.TOTAL_AGENCIES,
            "state_count": len(participation.agreements_by_state()),
            "by_model": participation.BY_MODEL,
            "buckets": participation.BUCKETS,
            "width": WIDTH,
            "height": HEIGHT,
        }
    return render(request, "programs/program_detail.html", context)


@public
@require_safe
@directory_page
def faq(request: HttpRequest) -> HttpResponse:
    faqs = FAQ.objects.published().prefetch_related(
        Prefetch("related_programs", queryset=Program.objects.published().order_by("name"))
    )
    return render(
        request,
        "programs/faq.html",
        {
            "faqs": faqs,
            "crumbs": [(_("Frequently asked questions"), "")],
            "canonical_url": canonical_url(reverse("programs:faq")),
        },
    )


@public
@require_safe
@directory_page(varies_on=_field_office_varies)
def field_office_list(request: HttpRequest) -> HttpResponse:
    """Every ERO field office on a tile map, in a select and in a plain list.

    `?state=TX` (from the select, or from a map tile without JavaScript) shows the offices
    covering that state or territory first, with the part each covers where it is split.
    """
    offices = list(FieldOffice.objects.with_areas())
    covering: dict[str, list[tuple[FieldOffice, str]]] = {}
    for office in offices:
        for area in office.areas.all():
            covering.setdefault(area.jurisdiction, []).append((office, area.note))
    names = dict(Jurisdiction.choices)
    base = reverse("programs:field_office_list")

    map_tiles = []
    for tile in tiles():
        found = covering.get(tile.code, [])
        if not found:
            continue  # nothing to link to; every place in the data has an office
        office_names = [office.name for office, _note in found]
        if len(office_names) == 1:
            label = _("%(place)s: %(office)s field office") % {
                "place": tile.name,
                "office": office_names[0],
            }
        else:
            label = _("%(place)s: split between the %(offices)s field offices") % {
                "place": tile.name,
                "offices": ", ".join(office_names[:-1]) + _(" and ") + office_names[-1],
            }
        tile.label = label
        tile.href = f"{base}?state={tile.code}#coverage"
        tile.css_class = "split" if len(found) > 1 else ""
        map_tiles.append(tile)

    chosen = _chosen_place(request)
    error = ""
    selection = None
    if chosen:
        if chosen in covering:
            selection = {"code": chosen, "name": names[chosen], "offices": covering[chosen]}
            for tile in map_tiles:
                if tile.code == chosen:
                    tile.css_class += " selected"
        elif chosen in names:
            error = _("No field office is listed for %(place)s. Call ERO's information line.") % {
                "place": names[chosen]
            }
        else:
            error = _("Choose a state or territory from the list.")

    places = sorted(
        ((code, str(names[code])) for code in covering),
        key=lambda item: (item[0] in TERRITORIES, item[1]),
    )
    return render(
        request,
        "programs/field_office_list.html",
        {
            "offices": offices,
            "map_tiles": map_tiles,
            "width": WIDTH,
            "height": HEIGHT,
            "places": places,
            "chosen": chosen,
            "selection": selection,
            "error": error,
            "tile_count": len(GRID),
            "crumbs": [(_("ERO field offices"), "")],
            "canonical_url": canonical_url(base),
        },
    )


def _results_page(results, number: str | None):
    """The page of `results` asked for. Most searches match less than a page: then the first
    page is read with one query, without the COUNT that would match every program again."""
    paginator = Paginator(results, RESULTS_PER_PAGE)
    if number not in (None, "", "1"):
        return paginator.get_page(number)
    first = list(results[: RESULTS_PER_PAGE + 1])
    if len(first) <= RESULTS_PER_PAGE:
        return Paginator(first, RESULTS_PER_PAGE).get_page(1)
    return Page(first[:RESULTS_PER_PAGE], 1, paginator)  # the COUNT runs for "Page 1 of N"


@public
@require_safe
@directory_page(varies_on=_search_varies)
def search(request: HttpRequest) -> HttpResponse:
    raw = _search_words(request)
    context: dict = {
        "search_query": raw,
        "page_query": urlencode({"q": raw}),
        "crumbs": [(_("Search"), "")],
        "canonical_url": canonical_url(reverse("programs:search")),
    }
    try:
        parsed = parse_query(raw)
    except QueryError as error:
        context["error"] = str(error)
        return render(request, "programs/search.html", context, status=200)
    if not parsed.terms:
        return render(request, "programs/search.html", context)

    page = _results_page(search_programs(parsed), request.GET.get("page"))
    programs = [
        {
            "program": program,
            "title": snippet(parsed, program.name, width=300),
            "snippet": snippet(parsed, program.summary, program.body, program.aliases),
        }
        for program in page.object_list
    ]
    faqs = []
    if page.number == 1:
        faqs = [
            {
                "faq": item,
                "title": snippet(parsed, item.question, width=400),
                "snippet": snippet(parsed, item.answer),
            }
            for item in search_faqs(parsed)[:FAQ_RESULTS]
        ]
    context.update(
        {
            "parsed": parsed,
            "page": page,
            "programs": programs,
            "faqs": faqs,
            "result_count": page.paginator.count,
        }
    )
    if not programs and not faqs:
        context["suggestions"] = suggestions(raw)
        context["categories"] = Category.objects.all()
    return render(request, "programs/search.html", context)


@public
@require_safe
@directory_page(varies_on=_sitemap_varies)
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps=SITEMAPS)
