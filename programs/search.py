"""Search across programs and FAQs.

On PostgreSQL: full-text search on weighted vectors (name > acronym and other names > summary >
body; question > answer), served by the GIN indexes of migration 0002, ranked with ts_rank.
On SQLite: the same terms matched as case-insensitive substrings of the same fields, scored with
the same weights, so both backends find the same pages in nearly the same order.

On both, a query that is exactly a program's name, acronym or other spelling ("LESC", "287g",
"287(g)", "FOTs") puts that program first, and "287(g)" is read as "287g" and the reverse.
"""

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.utils.safestring import SafeString, mark_safe

from .models import FAQ, Program, lookup_key

CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

#: Words that carry no meaning in a search (PostgreSQL drops them too).
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
    ]
)

_TOKEN = re.compile(r"287\s*(?:\(\s*g\s*\)|g\b)|\w+", re.UNICODE | re.IGNORECASE)
_SECTION_287G = re.compile(r"^287\s*(?:\(\s*g\s*\)|g)$", re.IGNORECASE)

#: (field, weight) of the programs' search vector; weights are PostgreSQL's defaults for A–D.
PROGRAM_FIELDS = (
    ("name", 1.0),
    ("acronym", 0.4),
    ("aliases", 0.4),
    ("summary", 0.2),
    ("body", 0.1),
)
FAQ_FIELDS = (("question", 1.0), ("answer", 0.2))
EXACT_MATCH_BOOST = 10.0
TERM_KEY_BOOST = 2.0


class QueryError(ValueError):
    """The query cannot be searched; the message says why, for the visitor."""


@dataclass(frozen=True)
class Term:
    text: str  # as searched (lower case)
    substrings: tuple[str, ...]  # what the SQLite path looks for
    highlight: str  # regular expression marking the term in text

    @property
    def is_section_287g(self) -> bool:
        return self.text == "287g"


@dataclass
class ParsedQuery:
    raw: str
    terms: list[Term] = field(default_factory=list)

    @property
    def key(self) -> str:
        return lookup_key(self.raw)


def _stem(word: str) -> str:
    """A light English stem for substring matching and highlighting."""
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("es", ""), ("ed", ""), ("s", "")):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    return word


def parse_query(raw: str) -> ParsedQuery:
    """Split the visitor's words into terms; raise QueryError with a reason when unusable."""
    raw = " ".join((raw or "").split())
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryError(f"Search words are limited to {MAX_QUERY_LENGTH} characters.")
    parsed = ParsedQuery(raw=raw)
    seen: set[str] = set()
    tokens = [token.lower() for token in _TOKEN.findall(raw)]
    meaningful = [t for t in tokens if t not in STOP_WORDS] or tokens
    for token in meaningful:
        if _SECTION_287G.match(token):
            term = Term("287g", ("287g", "287(g)", "287 (g)"), r"287\s*\(?\s*g\s*\)?(?!\w)")
        else:
            stem = _stem(token)
            term = Term(token, (stem,), r"(?<!\w)" + re.escape(stem) + r"\w*")
        if term.text not in seen:
            seen.add(term.text)
            parsed.terms.append(term)
    if raw and not parsed.terms:
        raise QueryError("Type at least one word or number to search for.")
    parsed.terms = parsed.terms[:MAX_TERMS]
    return parsed


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def program_vector() -> SearchVector:
    # Must stay identical to the indexed expression of migration 0002, or the index is unused.
    return (
        SearchVector("name", weight="A", config=CONFIG)
        + SearchVector("acronym", "aliases", weight="B", config=CONFIG)
        + SearchVector("summary", weight="C", config=CONFIG)
        + SearchVector("body", weight="D", config=CONFIG)
    )


def faq_vector() -> SearchVector:
    return SearchVector("question", weight="A", config=CONFIG) + SearchVector(
        "answer", weight="C", config=CONFIG
    )


def _ts_query(terms: list[Term]) -> SearchQuery:
    combined = None
    for term in terms:
        if term.is_section_287g:
            part = SearchQuery("287g", config=CONFIG) | SearchQuery(
                "287 g", search_type="phrase", config=CONFIG
            )
        else:
            # Terms are \w+ only, so the raw syntax cannot be broken; ":*" matches prefixes.
            part = SearchQuery(f"{term.text}:*", search_type="raw", config=CONFIG)
        combined = part if combined is None else combined & part
    return combined


def _substring_match(term: Term, fields: tuple[tuple[str, float], ...]) -> Q:
    condition = Q()
    for name, _weight in fields:
        for text in term.substrings:
            condition |= Q(**{f"{name}__icontains": text})
    return condition


def _substring_score(terms: list[Term], fields: tuple[tuple[str, float], ...]):
    score = Value(0.0, output_field=FloatField())
    for term in terms:
        for name, weight in fields:
            hit = Q()
            for text in term.substrings:
                hit |= Q(**{f"{name}__icontains": text})
            score = score + Case(
                When(hit, then=Value(weight)), default=Value(0.0), output_field=FloatField()
            )
    return score


def _key_boost(parsed: ParsedQuery):
    boost = Case(
        When(lookup_keys__contains=f" {parsed.key} ", then=Value(EXACT_MATCH_BOOST)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    if len(parsed.terms) > 1:
        for term in parsed.terms:
            boost = boost + Case(
                When(
                    lookup_keys__contains=f" {lookup_key(term.text)} ", then=Value(TERM_KEY_BOOST)
                ),
                default=Value(0.0),
                output_field=FloatField(),
            )
    return boost


def search_programs(parsed: ParsedQuery) -> QuerySet:
    """Published programs matching every term, best first (annotated with `score`)."""
    programs = Program.objects.published()
    if not parsed.terms:
        return programs.none()
    if _uses_postgres():
        # Only the text-search condition filters, so the GIN index answers it; the other names
        # are in the vector (weight B), and an exact name or acronym still ranks first.
        query = _ts_query(parsed.terms)
        programs = (
            programs.annotate(document=program_vector())
            .filter(document=query)
            .annotate(score=SearchRank(F("document"), query) + _key_boost(parsed))
        )
    else:
        matched = Q()
        for term in parsed.terms:
            matched &= _substring_match(term, PROGRAM_FIELDS)
        exact = Q(lookup_keys__contains=f" {parsed.key} ") if parsed.key else Q(pk__in=[])
        programs = programs.filter(matched | exact).annotate(
            score=_substring_score(parsed.terms, PROGRAM_FIELDS) + _key_boost(parsed)
        )
    return programs.order_by("-score", "name")


def search_faqs(parsed: ParsedQuery) -> QuerySet:
    faqs = FAQ.objects.published()
    if not parsed.terms:
        return faqs.none()
    if _uses_postgres():
        query = _ts_query(parsed.terms)
        faqs = (
            faqs.annotate(document=faq_vector())
            .filter(document=query)
            .annotate(score=SearchRank(F("document"), query))
        )
    else:
        matched = Q()
        for term in parsed.terms:
            matched &= _substring_match(term, FAQ_FIELDS)
        faqs = faqs.filter(matched).annotate(score=_substring_score(parsed.terms, FAQ_FIELDS))
    return faqs.order_by("-score", "order")


def highlight(text: str, parsed: ParsedQuery) -> SafeString:
    """`text` escaped for HTML, with every searched term wrapped in <mark>."""
    if not parsed.terms:
        return mark_safe(html.escape(text))  # noqa: S308 - escaped just here
    pattern = re.compile("|".join(f"(?:{term.highlight})" for term in parsed.terms), re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(html.escape(text[last : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(html.escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def snippet(parsed: ParsedQuery, *texts: str, width: int = 220) -> SafeString:
    """The first passage of `texts` that mentions a term, about `width` characters, marked."""
    flat = [" ".join(text.replace("- ", "").split()) for text in texts if text]
    if parsed.terms:
        pattern = re.compile("|".join(f"(?:{t.highlight})" for t in parsed.terms), re.IGNORECASE)
        for text in flat:
            match = pattern.search(text)
            if match:
                start = max(0, match.start() - width // 3)
                if start:
                    start = text.find(" ", start) + 1 or start
                end = min(len(text), start + width)
                if end < len(text):
                    end = (
                        text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
                    )
                passage = text[start:end]
                prefix = "… " if start else ""
                suffix = " …" if end < len(text) else ""
                return mark_safe(prefix + highlight(passage, parsed) + suffix)  # noqa: S308
    first = flat[0] if flat else ""
    return highlight(first[:width] + (" …" if len(first) > width else ""), parsed)


def suggestions(raw: str, *, limit: int = 5) -> list[str]:
    """Names and acronyms close to what was typed, for the no-results page (one query)."""
    import difflib

    candidates: dict[str, str] = {}
    for name, acronym, aliases in Program.objects.published().values_list(
        "name", "acronym", "aliases"
    ):
        for text in [name, acronym, *aliases.splitlines()]:
            text = text.strip()
            if text:
                candidates.setdefault(text.lower(), name if text != acronym else acronym)
            for word in re.findall(r"[^\W\d_]{5,}", text.lower()):
                candidates.setdefault(word, word)
    words = [w for w in re.findall(r"\w+", raw.lower()) if w not in STOP_WORDS]
    found: list[str] = []
    for probe in [raw.lower(), *words]:
        for match in difflib.get_close_matches(probe, list(candidates), n=limit, cutoff=0.7):
            suggestion = candidates[match]
            if suggestion not in found:
                found.append(suggestion)
    return found[:limit]
