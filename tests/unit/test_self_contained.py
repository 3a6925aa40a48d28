"""A council clones this repository alone: nothing the app, its tests or its benchmarks
run may read ../shared (the project's guidance lives beside it only on our machines)."""

from __future__ import annotations

import re

from app.config import ROOT

# A path built to outside the repository: from ROOT.parent, or "../shared" in a string.
# (Docstrings may name the guidance in prose; code may not open it.)
OUTSIDE = re.compile(
    r"ROOT\.parent\b|(?<![\"'])[\"'](?![\"'])[^\"'\n]*\.\./shared|[\"']shared[\"']\s*/"
)


def test_no_code_that_runs_reads_outside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("app", "tests", "bench", "migrations", "data")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != ROOT / "tests" / "unit" / "test_self_contained.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_the_taxonomy_the_migration_seeds_ships_in_the_project() -> None:
    table = (ROOT / "data" / "themes" / "THEMES.md").read_text(encoding="utf-8")
    from app.text import themes

    for code in themes.CODES:
        assert f"| {code} |" in table
