"""Identity and compliance marks on a page: 网站标识码, ICP and 公安 filing numbers, the CONAC badge,
the 找错 entry, site search, a mobile viewport, and titles of the 政府网站工作年度报表.

Everything here reads one parsed :class:`~govinspect.model.page.Page` (or a host name, or a
title) and says what it shows; judging a site (which page must show what, against the registry)
is the checks' business (``govinspect.checks.compliance``). :func:`survey_site_identity` reads a
site's stored pages once and keeps what the compliance checks need, so the ten checks of one site
share one pass over its pages.

The machine signatures follow the national indicator notes (spec ``indicators.md`` §9.1–§9.3,
§9.6, §10): footer text ``网站标识码：1304000009`` or ``bm07000001``; ``京ICP备13012430号-6``;
``京公网安备 11010202000001号`` (or a link to ``www.beian.gov.cn`` with the 14-digit record code);
``<span id="_ideConac">`` with a script from ``dcs.conac.cn`` or a link to ``bszs.conac.cn``
(``red_error.png`` is the badge's error state); ``<script id="_jiucuo_" sitecode="…"
src="…/exposure/jiucuo.js">`` or a link to the 找错 service carrying the site code.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal
from urllib.parse import parse_qsl, unquote, urlsplit

from govinspect.model.crawl import CrawledPage
from govinspect.model.page import Page
from govinspect.model.site import bare_host

# Province abbreviations used by ICP and public-security filing numbers (§9.3, plus the older 滇黔蜀陇).
PROVINCE_CHARS = "京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼"
# GB/T 2260 province-level codes (34: 31 provinces, Taiwan, Hong Kong, Macao).
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42"}
    | {"43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"}
)
GOV_SUFFIX = ".gov.cn"
ZHENGWU_SUFFIX = ".xn--zfr164b"  # .政务 in its ASCII (IDNA) form
JIUCUO_HOSTS = frozenset({"zfwzgl.www.gov.cn", "pucha.kaipuyun.cn"})

_SITE_CODE = re.compile(
    r"(?:网站标识码|网站识别码|(?<![\w])标识码)\s*(?:为)?\s*[:：]?\s*([A-Za-z]{0,3}\s?\d{4,12})(?!\d)"
)
_SITE_CODE_FORMAT = re.compile(r"^(?:\d{10}|bm\d{8})$")
_ICP = re.compile(
    rf"([{PROVINCE_CHARS}])\s*ICP\s*([备证]?)\s*[:：]?\s*(\d{{6,10}})\s*号?(?:\s*[-－—]\s*(\d{{1,3}}))?",
    re.IGNORECASE,
)
_PSB = re.compile(rf"([{PROVINCE_CHARS}]?)\s*公网安备\s*号?\s*[:：]?\s*(\d{{10,16}})(?!\d)")
_PSB_LABEL = re.compile(r"公安(?:机关)?备案(?:编号|号)?\s*[:：]\s*(\d{10,16}(?:-\d{1,6})?)(?![\d-])")
_RECORD_CODE = re.compile(r"recordcode=(\d{14})(?!\d)", re.IGNORECASE)
_SITECODE_IN_SCRIPT = re.compile(r"sitecode\s*=\s*\\?['\"]?([A-Za-z0-9]+)", re.IGNORECASE)
_CODE_QUERY_KEYS = frozenset({"site_code", "sitecode", "code"})

# Site search: field names, form actions, link texts and URLs, script endpoints (§9.6 G-SEARCH).
_SEARCH_FIELD = re.compile(
    r"^(?:q|qt|wd|kw|key|keys|word|words|sw|s|w)$|search|keyword|query|sousuo|jiansuo|sword|chaxun|jsearch",
    re.IGNORECASE,
)
_LOGIN_FIELD = re.compile(
    r"pass(?:word)?|pwd|captcha|verifycode|username|loginname|phone|mobile", re.IGNORECASE
)
_SEARCH_URL = re.compile(
    r"(?<![a-z])search|sousuo|jiansuo|jsearch|was5/web|fulltext|/s\.(?:html?|jsp|do|aspx?)|/so/|/so\.|guestweb\d?/s\b",
    re.IGNORECASE,
)
_SEARCH_TEXT = re.compile(
    r"^\s*(?:站内|全站|高级|全文)?(?:搜\s*索|检\s*索)\s*$|站内搜索|全站搜索|站内检索|全文检索|高级搜索|高级检索"
)
_SEARCH_SCRIPT = re.compile(
    r"jsearchfront|was5/web/search|guestweb\d?/s\?|search\.(?:do|jsp|action|aspx?|html?)|searchword|sousuo",
    re.IGNORECASE,
)

# The 政府网站工作年度报表 (§9.6 G-ANNUAL, §10): a title naming the website and its yearly report.
_REPORT_WORDS = re.compile(r"年度(?:工作)?报表|工作报表|工作年报|网站年报|年度报告表")
_REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NOT_SITE_REPORT = re.compile(r"信息公开|监管|依申请|统计年鉴|决算|预算|财务")

_MOBILE_HOSTS = ("m.", "wap.", "mobile.")
_MOBILE_PATHS = ("/m/", "/wap/", "/mobile/")
_FOOTER_WORDS = ("主办单位", "主办：", "版权所有", "Copyright", "网站标识码", "ICP备")

MarkName = Literal["site_code", "icp", "psb", "conac", "jiucuo", "search", "viewport"]
ConacState = Literal["shown", "error", "absent"]
SearchKind = Literal["form", "link", "script"]


@dataclass(frozen=True, slots=True)
class JiucuoEntry:
    """A 我为政府网站找错 entry: the service's script or a link to the service."""

    kind: Literal["script", "link"]
    sitecode: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """A way into a site search: a search form, a link to a search page, or a search script."""

    kind: SearchKind
    url: str | None  # the form action or the link target (None for a script-only search box)


@dataclass(frozen=True, slots=True)
class ConacBadge:
    """The 党政机关网站标识 as the page carries it: ``shown``, ``error`` (red_error.png) or ``absent``."""

    state: ConacState
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class AnnualReport:
    """A 政府网站工作年度报表 the site links to or publishes: its year, title and address."""

    year: int
    title: str
    url: str
    found_on: str


@dataclass(frozen=True, slots=True)
class PageMarks:
    """The identity and compliance marks one page (or the homepage with its frames) shows."""

    url: str
    record_id: str | None = None
    site_codes: tuple[str, ...] = ()  # codes printed after 网站标识码, as shown (may be malformed)
    meta_site_code: str | None = None
    icp: tuple[str, ...] = ()
    psb: tuple[str, ...] = ()
    conac: ConacBadge = ConacBadge("absent")
    jiucuo: tuple[JiucuoEntry, ...] = ()
    search: tuple[SearchEntry, ...] = ()
    viewport: str | None = None  # the viewport meta's content, None when the page declares none
    mobile: bool = False  # a mobile viewport, or a declared mobile version of the page
    footer: str = ""  # the end of the page text, where the marks sit: evidence for a finding

    def shows(self, mark: MarkName) -> bool:
        """Whether the page shows this mark at all (validity is the checks' judgement)."""
        if mark == "site_code":
            return bool(self.site_codes)
        if mark == "conac":
            return self.conac.state == "shown"
        if mark == "viewport":
            return self.mobile
        return bool(getattr(self, mark))


# -- single recognisers ----------------------------------------------------------------------------


def shown_site_codes(text: str) -> tuple[str, ...]:
    """The codes a page prints after 网站标识码 (``bm`` lower-cased, spaces removed), in order, once each."""
    found: dict[str, None] = {}
    for match in _SITE_CODE.finditer(text):
        code = re.sub(r"\s", "", match.group(1))
        found[code[:-8].lower() + code[-8:] if code[:2].lower() == "bm" else code] = None
    return tuple(found)


def site_code_problem(code: str) -> Literal["malformed", "unknown-region"] | None:
    """What is wrong with a 网站标识码 by itself: not 10 digits or bm + 8 digits, or an impossible region.

    A local code's first six digits are a GB/T 2260 division: a known province, a prefecture
    part 00–70 or 90, and a county part 00 when the prefecture part is 00.
    """
    if not _SITE_CODE_FORMAT.match(code):
        return "malformed"
    if code.startswith("bm"):
        return None
    return None if division_code_is_plausible(code[:6]) else "unknown-region"


def division_code_is_plausible(code: str) -> bool:
    """Whether a six-digit administrative-division code has the shape of a real one (not a full list)."""
    if len(code) != 6 or not code.isdigit() or code[:2] not in PROVINCE_CODES:
        return False
    prefecture, county = int(code[2:4]), code[4:]
    if prefecture == 0:
        return county == "00"
    return prefecture <= 70 or prefecture == 90


def icp_numbers(text: str) -> tuple[str, ...]:
    """ICP filing numbers shown in the text, normalised as ``京ICP备13012430号-6`` (``号`` may be left out;
    a commercial site's licence number ``京ICP证040089号`` and the old ``京ICP00000008号`` count too)."""
    found: dict[str, None] = {}
    for match in _ICP.finditer(text):
        suffix = f"-{match.group(4)}" if match.group(4) else ""
        found[f"{match.group(1)}ICP{match.group(2)}{match.group(3)}号{suffix}"] = None
    return tuple(found)


def psb_numbers(page: Page) -> tuple[str, ...]:
    """Public-security filing numbers: ``京公网安备 11010202000001号``, or a link to the filing site.

    The number is 14 digits; one of another length printed after 公网安备, or an old-style
    ``公安机关备案号：15081599004-00001``, still shows the mark.
    """
    found: dict[str, None] = {}
    for match in _PSB.finditer(page.text):
        found[match.group(2)] = None
    for match in _PSB_LABEL.finditer(page.text):
        found[match.group(1)] = None
    for link in page.links:
        if not link.hidden and "beian.gov.cn" in _host(link.url) and (code := _RECORD_CODE.search(link.url)):
            found[code.group(1)] = None
    return tuple(found)


def conac_badge(page: Page) -> ConacBadge:
    """The 党政机关网站标识: the dcs.conac.cn script (also written by an inline script), a link to
    bszs.conac.cn or the badge image; ``error`` when the page shows ``red_error.png``."""
    for image in page.images:
        if not image.hidden and _file_name(image.src) == "red_error.png":
            return ConacBadge("error", image.src)
    for script in page.scripts:
        if script.src and _host(script.src).endswith("conac.cn"):
            return ConacBadge("shown", script.src)
        if script.attribute("id") == "_ideConac" or "conac.cn" in _unescaped(script.inline_excerpt):
            return ConacBadge("shown", script.src or script.inline_excerpt[:200])
    for link in page.links:
        if not link.hidden and _host(link.url).endswith("conac.cn") and link.tag in ("a", "img", "area"):
            return ConacBadge("shown", link.url)
    return ConacBadge("absent")


def jiucuo_entries(page: Page) -> tuple[JiucuoEntry, ...]:
    """The 找错 entries: ``<script id="_jiucuo_" sitecode=…>`` loading ``…/exposure/jiucuo.js`` (also when
    an inline script writes it), or a link to the 找错 service or labelled 我为政府网站找错 (its
    ``site_code`` read from the query)."""
    entries: list[JiucuoEntry] = []
    for script in page.scripts:
        src = script.src or ""
        if script.attribute("id") == "_jiucuo_" or "/exposure/jiucuo" in src:
            entries.append(JiucuoEntry("script", script.attribute("sitecode"), script.src))
            continue
        inline = _unescaped(script.inline_excerpt)
        if "jiucuo.js" in inline:
            written = _SITECODE_IN_SCRIPT.search(inline)
            entries.append(JiucuoEntry("script", written.group(1) if written else None, None))
    for link in page.links:
        if link.tag not in ("a", "area") or link.hidden:
            continue
        parts = urlsplit(link.url)
        service = (parts.hostname or "").lower() in JIUCUO_HOSTS or "/exposure/jiucuo" in parts.path
        if service or "我为政府网站找错" in link.text:
            query = {key.lower(): value for key, value in parse_qsl(parts.query)}
            code = next((query[key] for key in _CODE_QUERY_KEYS if query.get(key)), None)
            entries.append(JiucuoEntry("link", code, link.url))
    return tuple(dict.fromkeys(entries))


def search_entries(page: Page) -> tuple[SearchEntry, ...]:
    """Ways into the site search: a search form (not a login form), a link to a search page, a script."""
    entries: list[SearchEntry] = []
    for form in page.forms:
        if any(_LOGIN_FIELD.search(name) for name in form.fields):
            continue
        if _SEARCH_URL.search(urlsplit(form.action).path + "?" + urlsplit(form.action).query) or any(
            _SEARCH_FIELD.search(name) for name in form.fields
        ):
            entries.append(SearchEntry("form", form.action or page.url))
    for link in page.links:
        if link.tag not in ("a", "area") or link.hidden:
            continue
        parts = urlsplit(link.url)
        if _SEARCH_TEXT.search(link.text) or _SEARCH_URL.search(parts.path):
            entries.append(SearchEntry("link", link.url))
    for script in page.scripts:
        if _SEARCH_SCRIPT.search(_unescaped(script.inline_excerpt)):
            entries.append(SearchEntry("script", None))
            break
    return tuple(dict.fromkeys(entries))


def declares_mobile(page: Page) -> bool:
    """Whether the page is made for phones: a viewport of the device width (a fixed desktop width such as
    ``width=1200`` is not), or a declared mobile version (``mobile-agent``/``applicable-device`` meta,
    ``<link rel="alternate">`` to an ``m.``/``wap.`` site)."""
    viewport = page.meta_value("viewport")
    if viewport is not None:
        content = viewport.lower().replace(" ", "")
        if "device-width" in content or ("initial-scale" in content and not re.search(r"width=\d", content)):
            return True
    if page.meta_value("mobile-agent") or "mobile" in (page.meta_value("applicable-device") or "").lower():
        return True
    for link in page.links:
        if link.tag == "link" and "alternate" in link.rel.lower():
            parts = urlsplit(link.url)
            host = (parts.hostname or "").lower()
            if host.startswith(("m.", "wap.", "mobile.")) or parts.path.startswith(
                ("/m/", "/wap/", "/mobile/")
            ):
                return True
    return False


def annual_report_year(title: str) -> int | None:
    """The year a 政府网站工作年度报表 title reports on (``2025年度政府网站工作年度报表``,
    ``政府网站工作年度报表（2025年度）``), or None when the title is not one.

    The 政府信息公开工作年度报告 and the portals' 监管年度报表 are other reports and do not count.
    """
    if not ("网站" in title or "工作年度报表" in title) or not _REPORT_WORDS.search(title):
        return None
    if _NOT_SITE_REPORT.search(title):
        return None
    years = [int(year) for year in _REPORT_YEAR.findall(title)]
    return years[0] if years else None


def annual_reports(page: Page) -> tuple[AnnualReport, ...]:
    """Annual reports the page is (by its title) or links to (by the link's text)."""
    found: list[AnnualReport] = []
    if (year := annual_report_year(page.title)) is not None:
        found.append(AnnualReport(year, page.title, page.url, page.url))
    for link in page.links:
        if link.tag in ("a", "area", "img") and (year := annual_report_year(link.text)) is not None:
            found.append(AnnualReport(year, link.text, link.url, page.url))
    return tuple(found)


def required_report_year(as_of: date) -> int:
    """The year whose report must be out on day ``as_of``: the previous year's is due by 31 January."""
    return as_of.year - 1 if as_of.month >= 2 else as_of.year - 2


def is_gov_host(host: str) -> bool:
    """Whether a host name is under ``gov.cn`` or ``.政务`` (IDNA ``xn--zfr164b``); ports are ignored."""
    name = host.strip().lower().rstrip(".")
    if name.startswith("["):
        return False
    name = name.rsplit(":", 1)[0] if name.count(":") == 1 else name
    if not name.isascii():
        try:
            name = name.encode("idna").decode("ascii")
        except UnicodeError:
            return False
    return name == "gov.cn" or name.endswith(GOV_SUFFIX) or name.endswith(ZHENGWU_SUFFIX)


def footer_excerpt(text: str, limit: int = 240) -> str:
    """The end of a page's text, from its footer keywords on when there are any (for evidence)."""
    tail = text[-1500:]
    starts = [
        tail.rfind(word) for word in ("主办单位", "主办：", "版权所有", "Copyright", "网站标识码", "ICP备")
    ]
    start = min((at for at in starts if at >= 0), default=max(0, len(tail) - limit))
    return tail[start : start + limit]


def page_marks(page: Page, record_id: str | None = None) -> PageMarks:
    """Everything this module recognises on one page."""
    viewport = page.meta_value("viewport")
    return PageMarks(
        url=page.url,
        record_id=record_id,
        site_codes=shown_site_codes(page.text),
        meta_site_code=(page.meta_value("siteidcode") or "").strip() or None,
        icp=icp_numbers(page.text),
        psb=psb_numbers(page),
        conac=conac_badge(page),
        jiucuo=jiucuo_entries(page),
        search=search_entries(page),
        viewport=viewport,
        mobile=declares_mobile(page),
        footer=footer_excerpt(page.text),
    )


def merge_marks(first: PageMarks, *others: PageMarks) -> PageMarks:
    """The homepage's marks with those of the pages it is made of (frames) or leads to (an entry page)."""
    merged = first
    for other in others:
        conac = merged.conac if merged.conac.state != "absent" else other.conac
        merged = replace(
            merged,
            site_codes=tuple(dict.fromkeys(merged.site_codes + other.site_codes)),
            meta_site_code=merged.meta_site_code or other.meta_site_code,
            icp=tuple(dict.fromkeys(merged.icp + other.icp)),
            psb=tuple(dict.fromkeys(merged.psb + other.psb)),
            conac=conac,
            jiucuo=tuple(dict.fromkeys(merged.jiucuo + other.jiucuo)),
            search=tuple(dict.fromkeys(merged.search + other.search)),
            mobile=merged.mobile or other.mobile,
            viewport=merged.viewport or other.viewport,
            footer=merged.footer if merged.shows("icp") or not other.footer else other.footer,
        )
    return merged


# -- one reading of a site ---------------------------------------------------------------------------

ENTRY_PAGE_MAX_LINKS = 5  # a homepage with fewer links than this is an entry (splash) page


@dataclass(frozen=True, slots=True)
class SiteIdentity:
    """What the compliance checks need from a site's stored pages, read once.

    ``front`` is the homepage's marks, merged with the pages it is built from (frames) or,
    for an entry page (a refresh, or fewer than :data:`ENTRY_PAGE_MAX_LINKS` links), the pages
    it leads to. ``showing`` counts, per mark, how many of the ``examined`` pages show it.
    """

    front: PageMarks | None
    examined: int
    showing: Counter[str] = field(default_factory=Counter)
    reports: tuple[AnnualReport, ...] = ()


_MARKS: tuple[MarkName, ...] = ("site_code", "icp", "psb", "conac", "jiucuo", "search", "viewport")


def survey_site_identity(pages: Iterable[CrawledPage], homepage_url: str | None) -> SiteIdentity:
    """Read a site's pages once: the homepage's marks, how many pages show each mark, annual reports."""
    wanted = _identity(homepage_url) if homepage_url else None
    home: PageMarks | None = None
    home_links: frozenset[str] = frozenset()
    fallback: tuple[int, PageMarks] | None = None
    marks_by_key: dict[str, PageMarks] = {}
    showing: Counter[str] = Counter()
    reports: list[AnnualReport] = []
    for crawled in pages:
        key = _identity(crawled.page.url)
        if key in marks_by_key:
            continue
        marks = page_marks(crawled.page, crawled.record_id)
        marks_by_key[key] = marks
        showing.update(mark for mark in _MARKS if marks.shows(mark))
        reports.extend(annual_reports(crawled.page))
        if key == wanted:
            home = marks
            home_links = _front_links(crawled.page)
        elif fallback is None or crawled.depth < fallback[0]:
            fallback = (crawled.depth, marks)
    if home is None and fallback is not None:  # no homepage address, or its page was not stored
        home = fallback[1]
    if home is not None and home_links:
        parts = [marks_by_key[key] for key in sorted(home_links) if key in marks_by_key and key != wanted]
        home = merge_marks(home, *parts)
    return SiteIdentity(home, len(marks_by_key), showing, tuple(reports))


def _front_links(page: Page) -> frozenset[str]:
    """Pages that make up the homepage: its frames, its refresh target, its links if it is an entry page."""
    anchors = [link for link in page.links if link.tag in ("a", "area")]
    entry = "refresh_url" in page.extra or len(anchors) < ENTRY_PAGE_MAX_LINKS
    chosen = [link.url for link in page.links if link.tag in ("frame", "iframe", "meta")]
    if entry:
        chosen.extend(link.url for link in anchors)
    return frozenset(_identity(url) for url in chosen)


_SURVEYS: weakref.WeakKeyDictionary[Callable[..., object], tuple[str | None, SiteIdentity]] = (
    weakref.WeakKeyDictionary()
)


def site_identity(read_pages: Callable[[], Iterator[CrawledPage]], homepage_url: str | None) -> SiteIdentity:
    """:func:`survey_site_identity` of a stored crawl, read once per crawl and shared by the checks that ask.

    Keyed by the crawl's page reader, which every check of one site run shares.
    """
    try:
        cached = _SURVEYS.get(read_pages)
    except TypeError:  # a reader that cannot be weakly referenced: no sharing
        return survey_site_identity(read_pages(), homepage_url)
    if cached is not None and cached[0] == homepage_url:
        return cached[1]
    survey = survey_site_identity(read_pages(), homepage_url)
    _SURVEYS[read_pages] = (homepage_url, survey)
    return survey


# -- small helpers -----------------------------------------------------------------------------------


def _identity(url: str) -> str:
    """Host without ``www.``, port, path and query: the scheme and a www twin do not make another page."""
    parts = urlsplit(url)
    try:
        port = parts.port if parts.port not in (None, 80, 443) else None
    except ValueError:
        port = None
    host = bare_host((parts.hostname or "").lower())
    where = f"{host}:{port}" if port else host
    return where + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _file_name(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1].lower()


def _unescaped(code: str) -> str:
    """Inline script text with ``unescape("%3Cscript…")`` and ``\\x3c``-style escapes undone."""
    if "%" in code:
        code = unquote(code)
    return code.replace("\\x3c", "<").replace("\\x3e", ">").replace("\\/", "/")
