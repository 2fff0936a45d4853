"""Cut the four web fonts every page uses down to the characters English and Spanish need.

USWDS's Source Sans Pro and Merriweather files (regular and bold of each, `static/vendor/uswds/`,
byte for byte the release's) carry Latin Extended glyphs and hinting instructions: 84 KB of the
home page's first visit. This writes `static/fonts/<name>.woff2` with only the characters of
`UNICODE_RANGE` (Basic Latin, Latin-1 — every Spanish letter and ¿ ¡ — and the punctuation the
templates use) and no hinting, which browsers on phones and high-density screens ignore; about
11.7 KB each. `static/css/leacorner.css` declares them with the same `unicode-range`, after the
USWDS stylesheet: a page whose text stays inside the range downloads only the small files; a
character outside it (the ễ of "Nguyễn") makes the browser fetch USWDS's full file for that face
as well, so every name is still drawn in the site's typeface where the font has the glyph.

    .venv/bin/python scripts/subset_fonts.py      # or: make fonts

Needs fontTools (installed with fpdf2, a dependency of the portal) and brotli (whitenoise's).
`tests/test_fonts.py` checks the files against this script's range and the CSS.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "static" / "vendor" / "uswds" / "fonts"
TARGET = ROOT / "static" / "fonts"

# Google Fonts' "latin" range, with the arrows and the ✕ of the templates.
UNICODE_RANGE = (
    "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, "
    "U+0329, U+2000-206F, U+20AC, U+2122, U+2190-2193, U+2212, U+2215, U+2715, U+FEFF, U+FFFD"
)
FACES = {
    "source-sans-pro-regular": VENDOR / "source-sans-pro" / "sourcesanspro-regular-webfont.woff2",
    "source-sans-pro-bold": VENDOR / "source-sans-pro" / "sourcesanspro-bold-webfont.woff2",
    "merriweather-regular": VENDOR / "merriweather" / "Latin-Merriweather-Regular.woff2",
    "merriweather-bold": VENDOR / "merriweather" / "Latin-Merriweather-Bold.woff2",
}


def code_points(unicode_range: str = UNICODE_RANGE) -> set[int]:
    points = set()
    for part in unicode_range.split(","):
        first, _dash, last = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def subset(source: Path, target: Path) -> None:
    from fontTools import subset as fonttools_subset
    from fontTools.ttLib import TTFont

    options = fonttools_subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    font = TTFont(source)
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(unicodes=code_points())
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)


def main() -> int:
    TARGET.mkdir(exist_ok=True)
    for name, source in FACES.items():
        target = TARGET / f"{name}.woff2"
        subset(source, target)
        print(
            f"{target.relative_to(ROOT)}: {source.stat().st_size:,} -> {target.stat().st_size:,} B"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
