"""The standard-error summary: one line per site, then its findings counted by check and outcome."""

from __future__ import annotations

import dataclasses

from report_samples import build_report

from govinspect.reports import render_summary
from govinspect.reports.summary import REGISTRY_PROBLEMS_SHOWN


def test_summary_lists_each_site_with_verdict_score_and_counts() -> None:
    lines = render_summary(build_report()).splitlines()
    head = "监测时间点 2026-11-20，指标体系 cn-gov-2019（版本 2019.1）："
    assert lines[0] == head + "3 个网站，合格 1，不合格 1，无法检查 1"
    county = lines.index(
        "[不合格] 某某县人民政府 https://www.xian.gov.cn/ 得分：不计分（触发单项否决）；"
        "单项否决：SV-COL-BLANK 空白栏目"
    )
    department = lines.index("[合格] 某某市发展和改革委员会 https://fgw.city.gov.cn/ 得分：92.5 分")
    town = lines.index("[无法检查] 某某镇人民政府 https://zhen.example.gov.cn/ 得分：不计分（网站无法检查）")
    assert county < department < town
    county_lines = lines[county + 1 : department]
    assert "  broken-link 链接不可用：不合格 3，无法核实 1" in county_lines
    assert "  serious-typo 严重错别字：需人工复核 1" in county_lines
    assert "  column-blank 空白栏目：不合格 2" in county_lines
    assert "  检查出错（结果不完整）：privacy-leak" in county_lines
    assert lines[town + 1] == "  原因：首页无法访问：域名无法解析（dns），所有检查均未进行。"


def test_summary_quotes_a_few_registry_problems_and_counts_the_rest() -> None:
    problems = tuple(f"第 {line} 行：缺少 url" for line in range(2, 12))
    text = render_summary(dataclasses.replace(build_report(), registry_problems=problems))
    assert "登记表有 10 行问题，已跳过：" in text
    assert all(problem in text for problem in problems[:REGISTRY_PROBLEMS_SHOWN])
    assert problems[REGISTRY_PROBLEMS_SHOWN] not in text
    assert f"……另有 {10 - REGISTRY_PROBLEMS_SHOWN} 行，见报告" in text
