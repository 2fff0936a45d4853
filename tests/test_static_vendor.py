"""Static files: every file a page or a stylesheet names is there, and the vendored USWDS holds
only what is used (scripts/vendor_uswds.py trims it; these tests keep a trim from breaking a page).
"""

import re
import textwrap
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from scripts.vendor_uswds import (
    LICENCE,
    OUR_NOTE,
    VENDOR_DIR,
    VendoringError,
    file_references,
    files_to_vendor,
    portal_references,
)

ROOT = Path(__file__).resolve().parents[1]
STATIC_DIR = ROOT / "static"
TEMPLATES = sorted(
    path
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]
    for path in folder.rglob("*")
    if path.suffix in {".html", ".txt"}
)
STATIC_TAG = re.compile(r"{%\s*static\s")
STATIC_TAG_WITH_LITERAL = re.compile(r"""{%\s*static\s+(["'])(?P<path>[^"']+)\1""")


def test_every_static_tag_in_a_template_names_a_file_that_exists():
    named, unchecked, missing = set(), [], []
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        where = template.relative_to(ROOT)
        literals = [match["path"] for match in STATIC_TAG_WITH_LITERAL.finditer(text)]
        if len(literals) != len(STATIC_TAG.findall(text)):
            # A path computed at render time could name anything: this test could not see it.
            unchecked.append(f"{where}: a {{% static %}} tag without a quoted path")
        named.update(literals)
        missing += [f"{where}: {path}" for path in literals if finders.find(path) is None]
    assert not unchecked
    assert not missing, "templates name static files that are not there"
    # The scan itself works: the base template's stylesheet and an app template's icon.
    assert {
        "vendor/uswds/css/uswds.min.css",
        "vendor/uswds/img/usa-icons-bg/search--white.svg",
    } <= named


def test_every_file_a_stylesheet_or_script_names_exists():
    """Our CSS and JS and the vendored ones: `url()`, `@import` and source maps."""
    checked, missing = set(), []
    for path in sorted(STATIC_DIR.rglob("*")):
        if path.suffix not in {".css", ".js"}:
            continue
        name = path.relative_to(STATIC_DIR).as_posix()
        for target in file_references(name, path.read_text(encoding="utf-8")):
            checked.add(target)
            if finders.find(target) is None:
                missing.append(f"{name} names {target}")
    assert not missing, "stylesheets or scripts name files that are not there"
    assert "vendor/uswds/fonts/source-sans-pro/sourcesanspro-regular-webfont.woff2" in checked
    assert "vendor/uswds/css/uswds.min.css.map" in checked


def test_the_vendored_uswds_holds_only_what_the_portal_uses():
    """A file nothing names is dead weight that is collected, compressed and served anyway."""
    used = files_to_vendor(VENDOR_DIR, portal_references()) | {LICENCE, OUR_NOTE}
    present = {
        path.relative_to(VENDOR_DIR).as_posix() for path in VENDOR_DIR.rglob("*") if path.is_file()
    }
    assert present - used == set(), "unused files: run `make vendor`"
    assert used - present == set()


def test_references_are_read_as_the_manifest_storage_reads_them():
    # The source-map comment counts only at the start of a line, as for Django.
    stylesheet = textwrap.dedent("""
        @import "base.css";
        @font-face { src: url(../fonts/a.woff2?#iefix) format("woff2"); }
        .icon { background: url('../img/b.svg#shape'), url( "../img/c.png" ); }
        .inline { background: url("data:image/svg+xml,%3Csvg%3E%3C/svg%3E"); }
        .remote { background: url(https://example.gov/d.png), url(//cdn.example.gov/e.png); }
        .rooted { background: url(/f.png); }
        @supports (mask: url()) { .masked { mask: url(#clip); } }
        /*# sourceMappingURL=site.min.css.map */
    """)
    assert file_references("css/site.min.css", stylesheet) == {
        "css/base.css",
        "fonts/a.woff2",
        "img/b.svg",
        "img/c.png",
        "css/site.min.css.map",
    }
    script = 'const u = "url(x.png)";\n//# sourceMappingURL=site.min.js.map\n'
    assert file_references("js/site.min.js", script) == {"js/site.min.js.map"}
    assert file_references("img/a.svg", "url(b.svg)") == set()


def test_a_reference_out_of_the_vendored_folder_is_refused():
    with pytest.raises(VendoringError, match="outside"):
        file_references("css/site.css", "a { background: url(../../elsewhere.png) }")


def test_collectstatic_with_hashed_names_succeeds(settings, tmp_path):
    """Production collects with whitenoise's CompressedManifestStaticFilesStorage, which rewrites
    every reference to a hashed name through Django's ManifestStaticFilesStorage and stops on a
    missing one, so a trim that dropped a file a stylesheet names would fail the deploy. Django's
    class alone is used here: it is the part that reads references, and it takes a fraction of a
    second where compressing every file takes several."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = list((tmp_path / "vendor" / "uswds" / "css").glob("uswds.min.*.css"))
    assert len(hashed) == 1
    assert re.search(r"url\(\"?\.\./img/usa-icons/close\.[0-9a-f]{12}\.svg", hashed[0].read_text())
