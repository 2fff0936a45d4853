"""Which way imports go (docs/architecture.md): the foundation below everything, the flows
beside each other, the roof (leacorner/urls.py) above them all."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOWS = ("programs", "stakeholder_forms", "cyber_reports")
APPS = ("accounts", *FLOWS)


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports (absolute imports; relative ones stay inside)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def modules(package: str, *, skip: tuple[str, ...] = ()) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts and path.name not in skip
    ]


@pytest.mark.parametrize("path", modules("leacorner", skip=("urls.py",)), ids=str)
def test_the_foundation_imports_no_app(path):
    assert not imported_packages(path) & set(APPS), "only leacorner/urls.py may import an app"


@pytest.mark.parametrize("path", modules("accounts"), ids=str)
def test_accounts_imports_no_flow(path):
    assert not imported_packages(path) & set(FLOWS)


@pytest.mark.parametrize("flow", FLOWS)
def test_the_flows_never_import_each_other(flow):
    others = set(FLOWS) - {flow}
    for path in modules(flow):
        assert not imported_packages(path) & others, path


def test_shared_test_support_imports_neither_the_tests_nor_the_benchmarks():
    for path in modules("testkit"):
        assert not imported_packages(path) & {"tests", "bench"}, path
    for path in modules("bench"):
        assert "tests" not in imported_packages(path), path


def test_no_python_file_outside_migrations_is_over_600_lines():
    long = [
        f"{path.relative_to(ROOT)}: {lines}"
        for package in (*APPS, "leacorner", "bench", "testkit", "tests")
        for path in modules(package)
        if (lines := len(path.read_text().splitlines())) > 600
    ]
    assert long == []
