"""The JSON report follows contract §3 and is the same document in every run."""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from report_samples import build_report

from govinspect.reports import report_to_dict, write_json

SCHEMA = json.loads((Path(__file__).parent / "report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def test_the_schema_itself_is_valid() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_report_matches_the_contract_schema() -> None:
    document = report_to_dict(build_report())
    errors = sorted(VALIDATOR.iter_errors(document), key=str)
    assert errors == []


def _drop(path: tuple[Any, ...]) -> Any:
    def mutate(document: dict[str, Any]) -> None:
        node: Any = document
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return mutate


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def mutate(document: dict[str, Any]) -> None:
        node: Any = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


@pytest.mark.parametrize(
    "mutate",
    [
        _drop(("sites", 0, "findings", 0, "fingerprint")),
        _drop(("sites", 0, "findings", 0, "evidence", "archive_record")),
        _drop(("sites", 0, "crawl", "archive")),
        _drop(("sites", 1, "score", "by_indicator")),
        _drop(("sites", 0, "site", "site_code")),
        _drop(("framework", "version")),
        _set(("sites", 0, "verdict"), "passed"),
        _set(("sites", 0, "findings", 0, "outcome"), "pass"),
        _set(("sites", 0, "crawl", "stopped_by"), "done"),
        _set(("sites", 0, "coverage", "broken-link", "examined"), "120"),
        _set(("schema",), "govinspect/report@2"),
    ],
)
def test_schema_rejects_a_document_that_breaks_the_contract(mutate: Any) -> None:
    document = copy.deepcopy(report_to_dict(build_report()))
    mutate(document)
    assert not VALIDATOR.is_valid(document)


def test_contract_keys_are_present_with_their_values() -> None:
    document = report_to_dict(build_report())
    assert document["schema"] == "govinspect/report@1"
    assert document["as_of"] == "2026-11-20"
    assert document["framework"] == {"id": "cn-gov-2019", "version": "2019.1"}
    assert document["registry_problems"] == ["第 7 行：缺少 url，已跳过"]
    county, department, unreachable = document["sites"]
    assert county["site"]["site_code"] == "3601230001"
    assert county["score"] is None
    assert county["vetoes"] == ["SV-COL-BLANK"]
    assert county["crawl"]["stopped_by"] == "max-pages"
    assert county["crawl"]["crawl_id"] == 7
    assert county["coverage"]["privacy-leak"]["error"] == "ValueError: 正则表达式错误"
    assert county["coverage"]["serious-typo"]["review"] == 1
    assert department["score"] == {
        "total": 92.5,
        "deductions": 7.5,
        "bonus": 0.0,
        "by_indicator": {"D-FUN-ID": -7.0, "D-LINK-OTHER": -0.5},
        "not_assessed": [],
        "unassessed_points": 0,
    }
    assert unreachable["verdict"] == "unverified"
    assert unreachable["notes"] == ["首页无法访问：域名无法解析（dns），所有检查均未进行。"]
    assert unreachable["crawl"]["finished_at"] is None


def test_findings_come_sorted_by_check_url_target_fingerprint() -> None:
    findings = report_to_dict(build_report())["sites"][0]["findings"]
    keys = [(f["check"], f["url"], f["target"] or "", f["fingerprint"]) for f in findings]
    assert keys == sorted(keys)
    assert [f["check"] for f in findings][:4] == ["broken-link"] * 4


def _shuffled(seed: int) -> Any:
    rng = random.Random(seed)
    report = build_report()
    sites = []
    for site_report in report.sites:
        findings = list(site_report.findings)
        rng.shuffle(findings)
        coverage_items = list(site_report.coverage.items())
        rng.shuffle(coverage_items)
        sites.append(
            dataclasses.replace(site_report, findings=tuple(findings), coverage=dict(coverage_items))
        )
    return dataclasses.replace(report, sites=tuple(sites))


def test_two_runs_in_any_order_give_identical_json() -> None:
    texts = []
    for seed in range(5):
        out = io.StringIO()
        write_json(_shuffled(seed), out)
        texts.append(out.getvalue())
    assert len(set(texts)) == 1


def test_written_json_is_readable_utf8_indented_by_two() -> None:
    out = io.StringIO()
    write_json(build_report(), out)
    text = out.getvalue()
    assert json.loads(text) == report_to_dict(build_report())
    assert "某某县人民政府" in text and "\\u" not in text
    assert text.splitlines()[1].startswith('  "schema"')
    assert text.endswith("}\n")


def test_detail_values_become_plain_json() -> None:
    findings = report_to_dict(build_report())["sites"][0]["findings"]
    (future,) = [f for f in findings if f["check"] == "date-in-future"]
    assert future["detail"] == {"date": "2027-01-05", "sources": ["meta", "text"], "score": None}
    # the document survives a strict round trip: no NaN, no Python-only types
    json.dumps(report_to_dict(build_report()), allow_nan=False)


def test_report_without_sites_is_still_valid() -> None:
    document = report_to_dict(build_report(sites=()))
    assert document["sites"] == []
    assert VALIDATOR.is_valid(document)
