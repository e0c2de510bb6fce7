"""serious-typo on small sites: outcomes, one finding per page and wrong form, framework parameters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from govinspect.checks.api import SiteContext, all_checks
from govinspect.engine import CheckResults, run_checks
from govinspect.model.crawl import CrawledPage
from govinspect.model.finding import Outcome
from govinspect.model.page import Page
from govinspect.model.site import Site

HOME = "http://www.example.gov.cn/"


def crawled(path: str, text: str, title: str = "某某县人民政府") -> CrawledPage:
    return CrawledPage(Page(url=HOME + path, title=title, text=text), depth=1, record_id=f"<urn:uuid:{path}>")


def run(pages: list[CrawledPage], parameters: Mapping[str, Any] | None = None) -> CheckResults:
    context = SiteContext(
        site=Site(name="某某县人民政府", url=HOME),
        as_of=date(2026, 11, 20),
        homepage_url=HOME,
        statuses={},
        probes={},
        read_pages=lambda: iter(pages),
        in_scope=lambda url: True,
    )
    given = {"serious-typo": parameters} if parameters is not None else None
    return run_checks(context, [all_checks()["serious-typo"]], given)


def test_a_listed_wrong_form_fails_and_a_suspicion_asks_for_review() -> None:
    results = run(
        [
            crawled("a.html", "庆祝中华人民共合国成立75周年。李强、习近平、赵乐际等出席大会。"),
            crawled("b.html", "县政府召开常务会议，研究部署冬季安全生产工作。"),
        ]
    )
    assert results.coverage["serious-typo"].examined == 2
    assert results.coverage["serious-typo"].error is None
    by_found = {finding.detail["found"]: finding for finding in results.findings}
    assert set(by_found) == {"中华人民共合国", "李强、习近平"}
    certain, suspected = by_found["中华人民共合国"], by_found["李强、习近平"]
    assert (certain.outcome, certain.detail["expected"]) == (Outcome.FAIL, "中华人民共和国")
    assert (suspected.outcome, suspected.detail["expected"]) == (Outcome.REVIEW, "习近平、李强")
    assert certain.url == HOME + "a.html" and certain.evidence.archive_record == "<urn:uuid:a.html>"
    assert certain.evidence.excerpt == "庆祝中华人民共合国成立75周年。"
    assert "中华人民共和国" in certain.message and "中华人民共合国" in certain.message
    assert certain.fingerprint != suspected.fingerprint


def test_one_finding_per_page_and_wrong_form_title_included() -> None:
    text = "经国务园批准，我县退出贫困县序列。国务园办公厅印发通知。"
    results = run([crawled("a.html", text, title="经国务园批准 我县退出贫困县序列"), crawled("b.html", text)])
    assert sorted((f.url, f.detail["found"]) for f in results.findings) == [
        (HOME + "a.html", "国务园"),
        (HOME + "b.html", "国务园"),
    ]
    in_title = crawled("c.html", "正文无误。", title="关于中国共产档成立105周年的通知")
    assert run([in_title]).findings[0].detail == {
        "found": "中国共产档",
        "expected": "中国共产党",
        "category": "party",
        "kind": "listed",
    }


def test_correct_pages_with_look_alike_names_give_nothing() -> None:
    results = run(
        [
            crawled("a.html", "县委副书记李强同志主持会议。中华北路与人民南路交叉口施工期间请绕行。"),
            crawled("b.html", "国家主席习近平同国务院总理李强、全国人大常委会委员长赵乐际一同出席。"),
        ]
    )
    assert results.findings == ()
    assert results.coverage["serious-typo"].examined == 2


def test_the_framework_adds_term_files_and_can_keep_to_certain_errors(tmp_path: Path) -> None:
    local = tmp_path / "local.yaml"
    local.write_text("terms:\n- {term: 怀宁县人民政府, category: organ, wrong: [怀宁县人民正府]}\n", "utf-8")
    pages = [crawled("a.html", "怀宁县人民正府关于印发工作要点的通知。李强、习近平出席。")]
    results = run(pages, {"extra_terms_files": [str(local)], "report_suspicions": False})
    assert [(f.detail["found"], f.outcome) for f in results.findings] == [("怀宁县人民正府", Outcome.FAIL)]
    # without the file: the shipped 人民政府 (fail) and the suspicion (review)
    assert {f.detail["found"] for f in run(pages).findings} == {"人民正府", "李强、习近平"}


@pytest.mark.parametrize(
    ("parameters", "error"),
    [
        ({"extra_terms": []}, "takes extra_terms_files and report_suspicions"),
        ({"extra_terms_files": "terms.yaml"}, "list of paths"),
        ({"extra_terms_files": ["/nonexistent/terms.yaml"]}, "not found"),
        ({"report_suspicions": "yes"}, "true or false"),
    ],
)
def test_wrong_parameters_are_reported_as_the_checks_error(parameters: dict[str, Any], error: str) -> None:
    coverage = run([crawled("a.html", "国务园")], parameters).coverage["serious-typo"]
    assert coverage.error is not None and error in coverage.error


def test_a_malformed_term_file_is_the_checks_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("terms: [{term: 国务院, category: ministry}]\n", "utf-8")
    results = run([crawled("a.html", "国务园")], {"extra_terms_files": [str(broken)]})
    coverage = results.coverage["serious-typo"]
    assert coverage.error is not None and "broken.yaml" in coverage.error
