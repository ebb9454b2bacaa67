"""The structure the design promises: each outside tool has one owner, the CLI only parses and prints."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tthc_tools"

# outside library -> the only places allowed to import it
OWNERS = {
    "sqlalchemy": ("store/",),
    "alembic": ("store/",),
    "rich": ("ui.py",),
    "pytesseract": ("scan/tesseract.py",),
    "lxml": ("export/",),
    "click": ("cli/",),
    "pypdf": ("scan/pdf.py",),
    "docx": ("decisions/word.py",),
    "openpyxl": ("xlsx.py",),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_outside_library_has_one_owner(library: str) -> None:
    offenders = []
    for path in _modules():
        relative = path.relative_to(PACKAGE).as_posix()
        if library in _imports(path) and not relative.startswith(OWNERS[library]):
            offenders.append(relative)
    assert offenders == [], f"{library} imported outside {OWNERS[library]}: {offenders}"


def test_library_never_exits_or_prints() -> None:
    offenders = []
    for path in _modules():
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("cli/") or relative in ("ui.py", "__main__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name in ("print", "sys.exit", "exit", "quit"):
                    offenders.append(f"{relative}:{node.lineno} {name}")
    assert offenders == []


def test_modules_stay_readable() -> None:
    too_long = [
        f"{p.relative_to(PACKAGE)} ({n} lines)"
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    ]
    assert too_long == []
