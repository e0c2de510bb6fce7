"""Agreement of the accessibility checks with the expected outcomes of the W3C ACT rules.

Each test case of the matching ACT rules is parsed by ``parse_html`` and judged the way the
check judges a page; the verdict (passed / failed / inapplicable) is compared with the one the
ACT Rules Community Group expects. docs/accessibility.md publishes the table; reproduce it with
``.venv/bin/python tests/checks/test_act_agreement.py``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from govinspect.checks.accessibility.common import language_tag_valid, page_facts
from govinspect.model.page import Page
from govinspect.parse.html import parse_html

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "act-rules"
pytestmark = pytest.mark.skipif(
    not (CORPUS / "testcases.json").exists(), reason=f"the W3C ACT test cases are read from {CORPUS}"
)

# ACT rule id → the check measured against it
RULES = {
    "23a2a8": "img-missing-alt",
    "59796f": "img-missing-alt",
    "b5c3f8": "html-lang-missing",
    "bf051a": "html-lang-missing",
    "2779a5": "page-title-missing",
    "c487ae": "link-missing-name",
    "e086e5": "form-field-missing-label",
}
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def verdict(rule: str, page: Page) -> str:
    """Our outcome for one ACT rule on a parsed page: passed, failed or inapplicable."""
    facts = page_facts(page)
    lang = (facts.lang_attribute or "").strip()
    if rule == "b5c3f8":
        return "passed" if lang else "failed"
    if rule == "bf051a":
        if not lang:
            return "inapplicable"
        return "passed" if language_tag_valid(lang) else "failed"
    if rule == "2779a5":
        return "passed" if page.title.strip() else "failed"
    examined, unnamed = {
        "23a2a8": (facts.images, facts.unnamed_images),
        "59796f": (facts.images, facts.unnamed_images),
        "c487ae": (facts.links, facts.unnamed_links),
        "e086e5": (facts.fields, facts.unnamed_fields),
    }[rule]
    if unnamed:
        return "failed"
    return "passed" if examined else "inapplicable"


@dataclass(frozen=True)
class Case:
    rule: str
    title: str
    path: str
    expected: str
    ours: str


def run_cases() -> list[Case]:
    """Every test case of the matching rules, with the expected and our verdict."""
    listing = json.loads((CORPUS / "testcases.json").read_text(encoding="utf-8"))
    cases = []
    for entry in listing["testcases"]:
        rule = entry["ruleId"]
        if rule not in RULES:
            continue
        path = entry["relativePath"]
        if path.endswith(_HTML_SUFFIXES):
            text = (CORPUS / path).read_text(encoding="utf-8")
            ours = verdict(rule, parse_html(f"https://act-rules.example/{path}", text))
        else:  # an SVG or MathML document: the inspection parses HTML pages only
            ours = "inapplicable"
        cases.append(Case(rule, entry["testcaseTitle"], path, entry["expected"], ours))
    return cases


def agreement(cases: list[Case]) -> dict[str, tuple[int, int, int, int]]:
    """Per rule: (applicable cases agreed, applicable cases, inapplicable cases not failed, inapplicable)."""
    tally: Counter[tuple[str, str]] = Counter()
    for case in cases:
        if case.expected == "inapplicable":
            tally[case.rule, "inapplicable"] += 1
            tally[case.rule, "inapplicable_ok"] += case.ours != "failed"
        else:
            tally[case.rule, "applicable"] += 1
            tally[case.rule, "agreed"] += case.ours == case.expected
    return {
        rule: (
            tally[rule, "agreed"],
            tally[rule, "applicable"],
            tally[rule, "inapplicable_ok"],
            tally[rule, "inapplicable"],
        )
        for rule in RULES
    }


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return run_cases()


def test_every_matching_rule_has_test_cases(cases: list[Case]) -> None:
    assert {case.rule for case in cases} == set(RULES)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_agreement_with_act_on_applicable_cases_is_at_least_95_percent(cases: list[Case], rule: str) -> None:
    agreed, applicable, _, _ = agreement(cases)[rule]
    disagreements = [
        (case.title, case.expected, case.ours)
        for case in cases
        if case.rule == rule and case.expected != "inapplicable" and case.ours != case.expected
    ]
    assert agreed / applicable >= 0.95, disagreements


@pytest.mark.parametrize("rule", sorted(RULES))
def test_inapplicable_act_cases_are_never_failed(cases: list[Case], rule: str) -> None:
    failed = [
        case.title
        for case in cases
        if case.rule == rule and case.expected == "inapplicable" and case.ours == "failed"
    ]
    assert failed == []


def main() -> None:
    """Print the agreement table (the one in docs/accessibility.md) and every disagreement."""
    cases = run_cases()
    print("| ACT rule | check | applicable agreed | inapplicable not failed |")
    print("|---|---|---|---|")
    for rule, (agreed, applicable, inapplicable_ok, inapplicable) in agreement(cases).items():
        share = f"{agreed}/{applicable} ({agreed / applicable:.0%})"
        print(f"| {rule} | `{RULES[rule]}` | {share} | {inapplicable_ok}/{inapplicable} |")
    for case in cases:
        wrong = case.ours != case.expected and not (case.expected == "inapplicable" and case.ours != "failed")
        if wrong:
            print(
                f"disagree {case.rule} {case.title}: expected {case.expected}, ours {case.ours} ({case.path})"
            )


if __name__ == "__main__":
    main()
