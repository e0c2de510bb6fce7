"""The check catalogue: contract names, documentation kept in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govinspect.checks.api import all_checks
from govinspect.cli.checks_cmd import check_page

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT.parent / "shared" / "spec" / "contract.md"


def test_every_check_has_a_documentation_page_matching_its_docstring() -> None:
    for name, spec in all_checks().items():
        page = ROOT / "docs" / "checks" / f"{name}.md"
        assert page.exists(), f"run `govinspect checks docs` to write {page}"
        assert page.read_text(encoding="utf-8") == check_page(spec), (
            f"{page} is stale: run `govinspect checks docs`"
        )
        for part in ("What it flags", "Why it matters", "Example", "How to fix", "Known false positives"):
            assert part in spec.doc, f"{name}: docstring lacks '{part}'"


@pytest.mark.skipif(
    not CONTRACT.exists(), reason=f"the contract is read from {CONTRACT} (beside the checkout)"
)
def test_check_names_state_a_problem_and_contract_names_are_used_verbatim() -> None:
    catalogue = set(re.findall(r"^\| `([a-z0-9-]+)` \|", CONTRACT.read_text(encoding="utf-8"), re.MULTILINE))
    assert "broken-link" in catalogue
    for name in all_checks():
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", name)
        assert not name.endswith("-check"), "a check is named after the problem, not the action"
