"""Refresh the vendored U.S. Web Design System in `static/vendor/uswds/` from its npm package.

Who runs it: a developer moving the portal to another USWDS release, or one who has made a
template, our CSS or JS name a USWDS file that is not vendored yet (an icon, say). It needs only
Python's standard library and the `npm` client, which fetches from the registry it is set up for;
Node.js is never needed to run the portal itself.

    make vendor                              # or: python3 scripts/vendor_uswds.py
    python3 scripts/vendor_uswds.py --check  # only report how the tree differs; exit 1 if it does

What it guarantees:
- The release is the pinned one: the registry's published integrity for `USWDS_VERSION` must be
  `USWDS_INTEGRITY`, and the downloaded tarball must hash to it (sha512, and sha1 against the
  published shasum), or nothing in the tree is touched.
- `static/vendor/uswds/` then holds exactly the files the portal uses, byte for byte as released:
  every `vendor/uswds/<file>` that a template, our own CSS or JS or Python code names (a
  `{% static %}` tag, a `url()`, a `static()` call), every file that a kept stylesheet names in
  `url(...)`, `@import` or its source-map comment, and that a kept script names in its source-map
  comment, followed until nothing new turns up (whitenoise's manifest storage rewrites exactly
  those references, and `collectstatic` stops on a missing one), plus the licence. Everything
  else is removed; `VENDORED.md`, which is ours, is left alone.
- It is re-runnable: the same release and the same references give the same tree.

To move to another release: set `USWDS_VERSION` below and run the script; it stops and prints
the integrity the registry publishes for that version. Check it against the release notes or a
second source, put it in `USWDS_INTEGRITY`, run again, update `VENDORED.md`, and run the tests
(`tests/test_static_vendor.py`, then the browser tests for the look and axe-core checks).
"""

import argparse
import base64
import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

USWDS_PACKAGE = "@uswds/uswds"
USWDS_VERSION = "3.14.0"
USWDS_INTEGRITY = "sha512-kwZ50TqGszxj3+MQhm+c84hI0y8rIKoc7ZLKbuHg+8rTkFisp9lXOMRD2wclyyuYZahpADxMvaPong7bwL7cew=="  # noqa: E501 - one hash, kept whole to compare

PROJECT_ROOT = Path(__file__).resolve().parents[1]
VENDOR_DIR = PROJECT_ROOT / "static" / "vendor" / "uswds"
# Ours, kept across refreshes: where the copy comes from and how to refresh it.
OUR_NOTE = "VENDORED.md"
# The package root's licence lands beside the note; every other file comes from `package/dist/`.
LICENCE = "LICENSE.md"

# Where the portal names vendored files: templates, our own stylesheets and scripts, Python code.
SOURCE_SUFFIXES = frozenset({".html", ".txt", ".py", ".css", ".js"})
# Not the portal's sources: tooling, installed packages, collected or uploaded files, and the
# vendored front-end itself (its own references are followed from the package, not the tree).
SKIPPED_DIRS = frozenset({"node_modules", "staticfiles", "var", "__pycache__"})
SKIPPED_PATHS = frozenset({PROJECT_ROOT / "static" / "vendor", Path(__file__).resolve()})
# A file (not a folder) under vendor/uswds/, as a template or stylesheet spells it.
PORTAL_REFERENCE = re.compile(r"vendor/uswds/((?:[\w@-][\w@.-]*/)*[\w@-][\w@.-]*\.[A-Za-z0-9]+)")

# The references Django's manifest storage rewrites (and so needs to exist): `url()` and
# `@import` in stylesheets, the source-map comment in stylesheets and scripts. Like Django's,
# `url()` and `@import` match anywhere in the text, comments included, and the source-map
# comment only at the start of a line.
CSS_URL = re.compile(
    r"""url\(\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^'")\s]*))\s*\)""",
    re.IGNORECASE,
)
CSS_IMPORT = re.compile(r"""@import\s+(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
CSS_SOURCE_MAP = re.compile(r"^/\*#[ \t]sourceMappingURL=(?P<bare>.*?)[ \t]*\*/$", re.MULTILINE)
JS_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=(?P<bare>.*?)\s*$", re.MULTILINE)
# A scheme (data:, https:, ...), a protocol-relative or absolute URL, or a fragment alone names
# no file beside the stylesheet; Django leaves those alone too.
NOT_A_FILE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/|#)", re.IGNORECASE)


class VendoringError(Exception):
    """The release or the references are not what the tree needs; nothing was changed."""


def portal_references(root: Path = PROJECT_ROOT) -> set[str]:
    """The files under `vendor/uswds/` that the portal's own sources name, relative to it."""
    return {
        match.group(1)
        for path in _portal_sources(root)
        for match in PORTAL_REFERENCE.finditer(path.read_text(encoding="utf-8", errors="replace"))
    }


def _portal_sources(root: Path) -> Iterator[Path]:
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in SKIPPED_DIRS
            and here / name not in SKIPPED_PATHS
        )
        for name in sorted(files):
            path = here / name
            if path.suffix in SOURCE_SUFFIXES and path not in SKIPPED_PATHS:
                yield path


def file_references(name: str, text: str) -> set[str]:
    """The files that the stylesheet or script `name` refers to, as paths beside `name`.

    `name` is a POSIX path relative to the vendored folder; a reference that climbs out of it
    raises `VendoringError`, since the manifest storage could not resolve it either.
    """
    if name.endswith(".css"):
        patterns = (CSS_URL, CSS_IMPORT, CSS_SOURCE_MAP)
    elif name.endswith(".js"):
        patterns = (JS_SOURCE_MAP,)
    else:
        return set()
    found = set()
    for pattern in patterns:
        for match in pattern.finditer(text):
            url = next(value for value in match.groupdict().values() if value is not None)
            # `font.woff2?#iefix`, `sprite.svg#icon`: the file is the part before either.
            path = re.split(r"[?#]", url.strip(), maxsplit=1)[0]
            if not path or NOT_A_FILE.match(url.strip()):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
            if resolved.startswith("../"):
                raise VendoringError(f"{name} refers to {url}, outside the vendored folder")
            found.add(resolved)
    return found


def files_to_vendor(dist: Path, named: Iterable[str]) -> set[str]:
    """`named` and everything they refer to, followed through `dist` until nothing new appears.

    Raises `VendoringError` if a named or referred-to file is not in `dist`: the portal would
    show a broken page, or `collectstatic` would stop.
    """
    kept: set[str] = set()
    pending = [(name, "the portal") for name in sorted(set(named))]
    while pending:
        name, named_by = pending.pop()
        if name in kept:
            continue
        if not (dist / name).is_file():
            raise VendoringError(f"{named_by} names vendor/uswds/{name}, which USWDS does not ship")
        kept.add(name)
        text = (dist / name).read_text(encoding="utf-8") if name.endswith((".css", ".js")) else ""
        pending.extend((target, name) for target in sorted(file_references(name, text)))
    return kept


def fetch_release(workdir: Path) -> Path:
    """Download the pinned release into `workdir`, check it, unpack it; return `package/`."""
    spec = f"{USWDS_PACKAGE}@{USWDS_VERSION}"
    published = json.loads(_npm("view", spec, "dist", "--json"))
    if published.get("integrity") != USWDS_INTEGRITY:
        raise VendoringError(
            f"The registry publishes {published.get('integrity')} for {spec}; the script pins "
            f"{USWDS_INTEGRITY}. If you are moving to {spec}, check that value and pin it."
        )
    packed = json.loads(_npm("pack", spec, "--json", "--pack-destination", str(workdir)))
    tarball = workdir / packed[0]["filename"]
    content = tarball.read_bytes()
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(content).digest()).decode()
    shasum = hashlib.sha1(content, usedforsecurity=False).hexdigest()
    if integrity != USWDS_INTEGRITY or shasum != published.get("shasum"):
        raise VendoringError(f"{tarball.name} does not match the integrity published for {spec}")
    unpacked = workdir / "unpacked"
    with tarfile.open(tarball) as archive:
        # The "data" filter (Python 3.11.4 and later) refuses absolute paths, links out of the
        # folder and device files.
        archive.extractall(unpacked, filter="data")
    package = unpacked / "package"
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    if version != USWDS_VERSION:
        raise VendoringError(f"{tarball.name} holds version {version}, not {USWDS_VERSION}")
    return package


def _npm(*args: str) -> str:
    # Fixed arguments; --ignore-scripts so that no package code runs while fetching.
    completed = subprocess.run(  # noqa: S603
        ["npm", *args, "--ignore-scripts"],  # noqa: S607 - the developer's own npm client
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise VendoringError(f"npm {' '.join(args)} failed:\n{completed.stderr.strip()}")
    return completed.stdout


def planned_tree(package: Path, named: Iterable[str]) -> dict[str, Path]:
    """What `static/vendor/uswds/` should hold: its relative path → the released file."""
    dist = package / "dist"
    plan = {name: dist / name for name in files_to_vendor(dist, named)}
    plan[LICENCE] = package / LICENCE
    return plan


def differences(plan: dict[str, Path], target: Path) -> list[str]:
    """How the tree at `target` differs from `plan`, one line per file; empty when it does not."""
    present = _tree_files(target) - {OUR_NOTE}
    lines = [f"extra    {name}" for name in sorted(present - plan.keys())]
    for name in sorted(plan):
        if name not in present:
            lines.append(f"missing  {name}")
        elif (target / name).read_bytes() != plan[name].read_bytes():
            lines.append(f"changed  {name}")
    return lines


def install(plan: dict[str, Path], target: Path) -> None:
    """Make `target` hold exactly `plan` (and our note): copy what differs, delete the rest."""
    for name in sorted(_tree_files(target) - plan.keys() - {OUR_NOTE}):
        (target / name).unlink()
    for name, source in sorted(plan.items()):
        destination = target / name
        if not destination.is_file() or destination.read_bytes() != source.read_bytes():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
    # Deepest first, so that a folder emptied of folders goes too.
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def _tree_files(target: Path) -> set[str]:
    if not target.is_dir():
        return set()
    return {path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_file()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="only report how static/vendor/uswds/ differs from the refreshed tree",
    )
    arguments = parser.parse_args(argv)
    try:
        named = portal_references()
        with tempfile.TemporaryDirectory(prefix="uswds-") as workdir:
            plan = planned_tree(fetch_release(Path(workdir)), named)
            changes = differences(plan, VENDOR_DIR)
            size = sum(path.stat().st_size for path in plan.values())
            if not arguments.check:
                install(plan, VENDOR_DIR)
    except VendoringError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"USWDS {USWDS_VERSION}: {len(plan)} files, {size:,} bytes, {len(changes)} to change")
    for line in changes:
        print(f"  {line}")
    return 1 if arguments.check and changes else 0


if __name__ == "__main__":
    sys.exit(main())
