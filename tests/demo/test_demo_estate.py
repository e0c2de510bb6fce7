"""The generated demo estate: deterministic, realistic, and its ground truth agrees with its pages."""

from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.demo import Estate, generate_estate, load_planted
from govinspect.demo.names import REAL_SITES

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "cn-gov-site-lists"
REGISTRY_COLUMNS = (
    "site_code", "name", "url", "organizer", "site_type", "level", "region_code", "region", "parent_code",
    "has_external_services", "status",
)  # fmt: skip
_DATE = re.compile(r"(?<!\d)(20\d\d)[-/](\d\d)[-/](\d\d)(?!\d)|\[(\d\d)-(\d\d)\]")


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def page_file(estate: Estate, url: str) -> Path:
    """The file behind a page URL of the estate (pages are addressed by path, not query, here)."""
    parts = urlsplit(url)
    path = parts.path.lstrip("/") or "index.html"
    return estate.root / "www" / (parts.hostname or "") / path


def page_text(estate: Estate, url: str) -> str:
    charset = {s["url"]: s["charset"] for s in json.loads(estate.ground_truth_path.read_text())["sites"]}
    site = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}/"
    return page_file(estate, url).read_bytes().decode(charset.get(site, "utf-8"))


def shown_dates(html: str, as_of: date) -> list[date]:
    """Dates a reader sees in list entries: 2026-11-20, 2026/11/20 or [11-20] (the year that keeps it ≤ T)."""
    found = []
    for year, month, day, short_month, short_day in _DATE.findall(html):
        if year:
            found.append(date(int(year), int(month), int(day)))
        else:
            shown = date(as_of.year, int(short_month), int(short_day))
            found.append(shown if shown <= as_of else shown.replace(year=as_of.year - 1))
    return found


def test_same_seed_same_estate_and_regeneration_leaves_nothing_behind(tmp_path: Path, as_of: date) -> None:
    first = generate_estate(tmp_path / "a", port=18080, as_of=as_of, seed=7)
    other = generate_estate(tmp_path / "b", port=18080, as_of=as_of, seed=8)
    expected = tree(first.root)
    assert tree(other.root) != expected
    again = generate_estate(tmp_path / "b", port=18080, as_of=as_of, seed=7)  # over the seed-8 estate
    assert tree(again.root) == expected
    assert again.planted == first.planted


def test_refuses_a_folder_that_holds_something_else(tmp_path: Path, as_of: date) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="not empty"):
        generate_estate(tmp_path, port=18080, as_of=as_of)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_generation_takes_under_two_seconds(estate: Estate, tmp_path: Path, as_of: date) -> None:
    started = time.process_time()
    generate_estate(tmp_path / "timed", port=18081, as_of=as_of)
    assert time.process_time() - started < 2.0


def test_estate_has_a_realistic_mix_of_sites(estate: Estate) -> None:
    truth = json.loads(estate.ground_truth_path.read_text())
    assert len(estate.sites) >= 10
    assert {s["style"] for s in truth["sites"]} >= {"list-span", "table", "meta-driven", "legacy"}
    assert {s["charset"] for s in truth["sites"]} == {"utf-8", "gbk"}
    assert {s.level for s in estate.sites} >= {"province", "city", "county"}
    assert {s.site_type for s in estate.sites} == {"portal", "department"}
    for site in estate.sites:
        assert re.fullmatch(r"\d{10}|bm\d{8}", site.site_code or ""), site.site_code
        host = urlsplit(site.url).hostname or ""
        pages = [p for p in (estate.root / "www" / host).rglob("*") if p.suffix in (".html", ".htm")]
        assert 30 <= len(pages) <= 150, (site.name, len(pages))


def test_registry_lists_every_site_with_every_contract_column(estate: Estate) -> None:
    text = estate.registry_path.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == REGISTRY_COLUMNS
    assert [row["url"] for row in rows] == [site.url for site in estate.sites]
    for row in rows:
        assert all(row[column] for column in REGISTRY_COLUMNS), row
        assert row["site_type"] in ("portal", "department") and row["status"] == "normal"
    codes = {row["site_code"] for row in rows}
    assert all(row["parent_code"] in codes or row["parent_code"].startswith("bm") for row in rows)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="cn-gov-site-lists corpus not available")
def test_site_names_and_hosts_are_real(estate: Estate) -> None:
    listed: dict[str, set[str]] = {}
    for name in ("govwebcrawler_gov_urls.csv", "ptc_local_websites.csv", "ptc_national_websites.csv"):
        with (CORPUS / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                url = row.get("index_url") or row.get("Url") or ""
                listed.setdefault(urlsplit(url.strip()).hostname or "", set()).add(row.get("gov_code", ""))
    for site in REAL_SITES:
        assert site.host in listed, site.host
        codes = listed[site.host] - {""}
        assert not codes or site.region_code in codes, (site.host, codes)


def test_ground_truth_file_round_trips(estate: Estate) -> None:
    truth = json.loads(estate.ground_truth_path.read_text())
    assert truth["as_of"] == "2026-11-20" and truth["port"] == estate.port
    assert [s["url"] for s in truth["sites"]] == [s.url for s in estate.sites]
    assert all(set(s) >= {"name", "url", "site_code", "style"} for s in truth["sites"])
    assert load_planted(estate.ground_truth_path) == estate.planted
    assert {p.check for p in estate.planted} <= set(truth["covered_checks"])
    assert sorted(truth["resolve"]) == sorted(estate.resolve)


def test_broken_links_cover_every_planted_kind(estate: Estate) -> None:
    links = [p for p in estate.planted if p.check == "broken-link"]
    failed = [p for p in links if p.outcome == "fail"]
    unverified = [p for p in links if p.outcome == "unverified"]
    assert {p.detail["error"] for p in failed} == {"http", "dns", "connect", "soft-404", "redirect-loop"}
    assert {p.detail["status"] for p in failed if p.detail["error"] == "http"} == {404, 410, 500}
    assert {p.detail["status"] for p in failed if p.detail["error"] == "redirect-loop"} == {302}
    assert {p.detail["kind"] for p in failed} == {"page", "attachment", "image", "script-style"}
    assert {p.detail["internal"] for p in failed} == {True, False}
    assert {p.detail["on_homepage"] for p in failed} == {True, False}
    assert {(p.detail["error"], p.detail["status"]) for p in unverified} == {
        ("http", 401),
        ("http", 403),
        ("http", 429),
        ("robots", None),
        ("forbidden", None),
    }
    assert max(p.detail["found_on_count"] for p in failed) >= 5
    targets = Counter((p.site_url, p.target) for p in links)
    assert max(targets.values()) == 1  # one finding per distinct target and site


def test_broken_link_entries_name_the_lowest_linking_page(estate: Estate) -> None:
    for problem in estate.planted:
        if problem.check != "broken-link":
            continue
        found_on = problem.detail["found_on"]
        assert problem.url == min(found_on) == found_on[0]
        assert problem.detail["found_on_count"] == len(found_on) <= 50
        assert problem.detail["on_homepage"] == (problem.site_url in found_on)
        assert "#" not in (problem.target or "")


def test_freshness_problems_are_recorded(estate: Estate, as_of: date) -> None:
    checks = Counter(p.check for p in estate.planted)
    assert checks["column-not-updated"] >= 4
    assert (
        checks["column-blank"] >= 1 and checks["homepage-not-updated"] >= 1 and checks["date-in-future"] >= 1
    )
    windows = {"2 weeks": 14, "6 months": 183, "1 year": 365}
    for problem in estate.planted:
        if problem.check == "column-not-updated":
            newest = date.fromisoformat(problem.detail["newest_date"])
            assert (as_of - newest).days > windows[problem.detail["window"]]
        if problem.check == "date-in-future":
            assert date.fromisoformat(problem.detail["date"]) > as_of
            assert problem.detail["date"][:4] in page_text(estate, problem.url or "")


def test_dates_count_back_from_as_of(tmp_path: Path) -> None:
    later = date(2027, 3, 1)
    shifted = generate_estate(tmp_path / "later", port=18080, as_of=later)
    future = next(p for p in shifted.planted if p.check == "date-in-future")
    assert date.fromisoformat(future.detail["date"]) == later + timedelta(days=363)
    homepage = next(p for p in shifted.planted if p.check == "homepage-not-updated")
    assert later - date.fromisoformat(homepage.detail["newest_date"]) > timedelta(days=14)


def test_homepages_show_the_freshness_the_ground_truth_claims(estate: Estate, as_of: date) -> None:
    stale = {p.site_url for p in estate.planted if p.check == "homepage-not-updated"}
    for site in estate.sites:
        shown = [d for d in shown_dates(page_text(estate, site.url), as_of) if d <= as_of]
        fresh = any((as_of - d).days <= 14 for d in shown)
        assert fresh != (site.url in stale), site.name


def test_blank_column_lists_nothing_but_a_placeholder(estate: Estate) -> None:
    for problem in estate.planted:
        if problem.check == "column-blank":
            html = page_text(estate, problem.url or "")
            parser = LexborHTMLParser(html)
            main = parser.css_first(".main")
            assert main is not None and "暂无信息" in main.text()
            assert not parser.css(".main .list li") and not parser.css(".main .list tr")


def test_footers_match_the_identifier_problems(estate: Estate) -> None:
    markers = {
        "site-code-missing": "网站标识码",
        "icp-missing": "ICP备",
        "psb-missing": "公网安备",
        "conac-missing": "_ideConac",
        "jiucuo-missing": "找错",
        "not-mobile-friendly": 'name="viewport"',
    }
    for check, marker in markers.items():
        missing = {p.site_url for p in estate.planted if p.check == check}
        assert missing, check
        for site in estate.sites:
            assert (marker in page_text(estate, site.url)) == (site.url not in missing), (check, site.name)


def test_message_problems_match_the_message_pages(estate: Estate) -> None:
    seen: Counter[str] = Counter()
    for problem in estate.planted:
        if problem.check not in ("message-unanswered", "message-slow-reply"):
            continue
        seen[problem.check] += 1
        text = LexborHTMLParser(page_text(estate, problem.url or "")).body.text()  # type: ignore[union-attr]
        assert "留言时间" in text and problem.detail["submitted"] in text
        if problem.check == "message-unanswered":
            assert "回复时间" not in text
        else:
            assert "回复时间" in text and problem.detail["replied"] in text
    assert seen["message-unanswered"] >= 2 and seen["message-slow-reply"] >= 2


def test_incomplete_service_guides_lack_exactly_the_listed_elements(estate: Estate) -> None:
    elements = (
        "事项名称",
        "设定依据",
        "申请条件",
        "办理材料",
        "办理地点",
        "办理时间",
        "联系电话",
        "办理流程",
    )
    incomplete = [p for p in estate.planted if p.check == "service-guide-incomplete"]
    assert len(incomplete) >= 2
    for problem in incomplete:
        parser = LexborHTMLParser(page_text(estate, problem.url or ""))
        labels = {th.text() for th in parser.css("table.guide th")}
        assert [e for e in elements if e not in labels] == problem.detail["missing"]


def test_policies_and_interpretations_link_to_each_other(estate: Estate) -> None:
    site = estate.sites[0]
    folder = estate.root / "www" / (urlsplit(site.url).hostname or "")
    policies = [p for p in folder.rglob("*.html") if "相关解读" in p.read_text(encoding="utf-8")]
    assert len(policies) >= 3
    copied = [p for p in estate.planted if p.check == "interpretation-copied"]
    assert copied and all(p.target for p in copied)


def test_attachments_are_real_documents(estate: Estate) -> None:
    files = [p for p in (estate.root / "www").rglob("*") if p.suffix in (".pdf", ".docx", ".xlsx", ".png")]
    by_kind = {
        suffix: [p for p in files if p.suffix == suffix] for suffix in (".pdf", ".docx", ".xlsx", ".png")
    }
    assert all(by_kind.values())
    pdf = by_kind[".pdf"][0].read_bytes()
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref = int(pdf.rsplit(b"startxref", 1)[1].split()[0])
    assert pdf[xref:].startswith(b"xref")
    with zipfile.ZipFile(by_kind[".docx"][0]) as docx:
        assert "<w:t>" in docx.read("word/document.xml").decode("utf-8")
    workbook = openpyxl.load_workbook(by_kind[".xlsx"][0])
    assert workbook.active is not None and workbook.active["A1"].value == "序号"
    assert by_kind[".png"][0].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_gbk_site_text_is_gbk(estate: Estate) -> None:
    truth = json.loads(estate.ground_truth_path.read_text())
    gbk = [s for s in truth["sites"] if s["charset"] == "gbk"]
    assert len(gbk) == 1
    homepage = page_file(estate, gbk[0]["url"]).read_bytes()
    assert 'charset=gbk"' in homepage.decode("gbk")
    with pytest.raises(UnicodeDecodeError):
        homepage.decode("utf-8")
