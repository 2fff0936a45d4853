"""The web fonts cut to English and Spanish (scripts/subset_fonts.py): each file holds exactly
the characters of the range it is declared for, the stylesheet declares it so, and no text of a
template or a Spanish translation falls outside the range (such a page would fetch USWDS's full
fonts as well)."""

import importlib.util
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("subset_fonts", ROOT / "scripts/subset_fonts.py")
subset_fonts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(subset_fonts)
RANGE = subset_fonts.code_points()
CSS = (ROOT / "static/css/leacorner.css").read_text()


@pytest.mark.parametrize(("name", "source"), sorted(subset_fonts.FACES.items()))
def test_each_cut_font_holds_the_range_of_its_source(name, source):
    cut = TTFont(subset_fonts.TARGET / f"{name}.woff2")
    assert set(cut.getBestCmap()) == set(TTFont(source).getBestCmap()) & RANGE
    assert {"fpgm", "prep", "cvt "}.isdisjoint(cut.keys())  # no hinting
    assert (subset_fonts.TARGET / f"{name}.woff2").stat().st_size < 13_000


def test_the_stylesheet_declares_each_cut_font_with_the_range():
    declared = re.findall(r"url\(\.\./fonts/([\w-]+)\.woff2\)[^}]*unicode-range: ([^;]+);", CSS)
    assert dict(declared) == dict.fromkeys(subset_fonts.FACES, subset_fonts.UNICODE_RANGE)


def _texts():
    for pattern in ("templates/**/*.html", "*/templates/**/*.html", "*/locale/es/**/*.po"):
        yield from (p for p in ROOT.glob(pattern) if ".venv" not in p.parts)
    yield from (ROOT / "locale").glob("es/**/*.po")


def test_english_and_spanish_text_stays_inside_the_range():
    outside = {}
    for path in _texts():
        text = path.read_text()
        if path.suffix == ".po":  # the Spanish only, not the comments
            text = "".join(re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', text, re.MULTILINE))
        for char in set(text) - {chr(p) for p in RANGE}:
            outside.setdefault(char, path.relative_to(ROOT))
    assert not outside, outside
