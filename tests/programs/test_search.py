"""Search internals: query parsing, highlighting, and the GIN index on PostgreSQL."""

import pytest
from django.db import connection

from programs.models import Program
from programs.search import QueryError, highlight, parse_query, search_faqs, search_programs


def test_287g_spellings_parse_to_one_term():
    for raw in ("287g", "287(g)", "287 (g)", "287 g", "287G", "287( g )"):
        assert [t.text for t in parse_query(raw).terms] == ["287g"], raw


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert [t.text for t in parse_query("what is the LESC").terms] == ["lesc"]
    assert [t.text for t in parse_query("the").terms] == ["the"]


def test_unusable_queries_raise_with_a_reason():
    with pytest.raises(QueryError, match="200 characters"):
        parse_query("a" * 201)
    with pytest.raises(QueryError, match="at least one word"):
        parse_query("?! --")
    assert parse_query("   ").terms == []


def test_highlight_marks_terms_and_their_endings_and_escapes_the_rest():
    parsed = parse_query("fugitives 287(g)")
    marked = highlight("Fugitive <teams> & 287(g) and 287g", parsed)
    assert marked == (
        "<mark>Fugitive</mark> &lt;teams&gt; &amp; <mark>287(g)</mark> and <mark>287g</mark>"
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_search_uses_the_gin_indexes():
    if connection.vendor != "postgresql":
        pytest.skip("full-text search with GIN indexes runs on PostgreSQL only")
    # At the scale where it matters the planner picks the GIN index over a scan.
    Program.objects.bulk_create(
        Program(
            name=f"Bulk program {n}",
            slug=f"bulk-program-{n}",
            summary="Support for partner agencies.",
            body=f"Paragraph {n} about task forces, training and information sharing.",
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE programs_program")
        cursor.execute("ANALYZE programs_faq")
        cursor.execute("SET enable_seqscan = off")  # the FAQ table stays tiny
    try:
        assert "programs_program_search" in search_programs(parse_query("fugitive")).explain()
        assert "programs_faq_search" in search_faqs(parse_query("LESC")).explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
