"""Pages, and sites linked from pages, that carry gambling, pornographic, violent or fraudulent content."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from govinspect.checks.api import SiteContext, check
from govinspect.crawl.urls import normalize_url
from govinspect.model.finding import Finding, Outcome
from govinspect.model.page import LinkRef, Page
from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html
from govinspect.parse.prohibited import Classification, Lexicon, classify_text, load_lexicon

FOUND_ON_LIMIT = 50
LINK_TAGS = frozenset({"a", "area"})
_FIX_PAGE = "请立即核查页面是否被篡改或植入违法信息，删除相关内容，排查网站安全漏洞并留存证据。"
_FIX_LINK = "请立即删除该外部链接（该域名可能已过期并被赌博、色情网站抢注），并定期核查所有外部链接。"


def read_term_files(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values of prohibited-content and hidden-link: ``term_files: [path, …]``.

    Each file has the format of the built-in ``prohibited_terms.yaml`` and is merged into it.
    """
    if set(given) - {"term_files"}:
        raise ValueError(f"takes term_files (a list of YAML files); got {dict(given)}")
    files = given.get("term_files") or []
    if isinstance(files, str):
        files = [files]
    if not isinstance(files, list) or not all(isinstance(path, str) for path in files):
        raise ValueError(f"term_files must be a list of file paths; got {files!r}")
    return {"term_files": tuple(files)}


def page_text(page: Page) -> str:
    """What a reader or a search engine reads of a page: title, keywords, description, body text."""
    parts = [page.title, page.meta_value("keywords") or "", page.meta_value("description") or "", page.text]
    return "。\n".join(part for part in parts if part)


def classify_offsite_targets(
    site: SiteContext, lexicon: Lexicon, wanted: Collection[str] | None = None
) -> tuple[dict[str, Classification], int]:
    """Off-site HTML link targets (all, or the ``wanted`` normalised URLs) whose fetched page
    carries prohibited content, by normalised URL; and how many stored pages were read."""
    found: dict[str, Classification] = {}
    read = 0
    for url, status in site.statuses.items():
        if wanted is not None and url not in wanted:
            continue
        if status.role != "target" or status.kind != "html" or status.record_id is None:
            continue
        if site.in_scope(url) or site.in_scope(status.final_url):
            continue
        stored = site.read_body(status.record_id)
        if stored is None:
            continue
        read += 1
        html, encoding = decode_html(stored.body, stored.content_type)
        verdict = classify_text(page_text(parse_html(status.final_url, html, encoding)), lexicon)
        if verdict is not None:
            found[url] = verdict
    return found, read


def _details(verdict: Classification) -> dict[str, Any]:
    return {
        "category": verdict.category,
        "label": verdict.label,
        "terms": list(verdict.terms),
        "strong_terms": list(verdict.strong_terms),
        "strength": verdict.strength,
    }


def _outcome(verdict: Classification) -> Outcome:
    return Outcome.FAIL if verdict.strength == "strong" else Outcome.REVIEW


def is_offsite_hidden(link: LinkRef, site: SiteContext) -> bool:
    """A link a reader cannot see that leads off the site (what ``hidden-link`` reports)."""
    return link.hidden and link.tag in LINK_TAGS and not site.in_scope(link.url)


def _visible_text(page: Page, site: SiteContext) -> str:
    """The page's text without the anchors of hidden off-site links (those are ``hidden-link`` findings)."""
    text = page_text(page)
    for link in page.links:
        if link.text and is_offsite_hidden(link, site):
            text = text.replace(link.text, " ")
    return text


@dataclass
class _Linked:
    pages: set[str] = field(default_factory=set)
    anchor: str = ""


@check(name="prohibited-content", scope="site", needs=("pages", "statuses"), parameters=read_term_files)
def prohibited_content(site: SiteContext, term_files: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Pages, and sites linked from pages, that carry gambling, pornographic, violent or fraudulent content.

    What it flags: a page of the site whose title, keywords, description or text carries
    gambling (网上赌场, 真人百家乐, 注册送彩金 …), pornographic, violent or terrorist
    content, sales of guns or drugs, or fraudulent advertising (代开发票, 刷单兼职 …); and a
    visible link to another site whose page now carries such content — typically an expired
    domain of a former partner site bought by a gambling or pornography site. One finding per
    page; one per linked off-site page, at the lowest (sorted) page that links to it, with
    ``target`` the off-site address and ``detail.found_on`` the linking pages. ``fail`` when the
    text carries two distinct strong terms of one category (or a spam pattern such as
    澳门…娱乐场 or 注册…送彩金); ``review`` when it carries one strong term with two weaker ones.
    A single word never fires: 彩票 on a welfare-lottery page, 办证 in a service guide.

    Why it matters: the national indicators (2019) veto a site that publishes or links to
    reactionary, violent or pornographic content (SV-SEC-ILLEGAL), including external domains
    hijacked by gambling and pornography sites.

    Example: 页面“http://www.example.gov.cn/news/1.html”含有赌博内容（新葡京娱乐城、真人百家乐、注册送38元彩金）。

    How to fix: for a page, find out how the content got there (a tampered page, a hacked
    content system, an unmoderated message board), remove it, close the hole and keep the
    evidence; for a link, remove it and review the site's external links regularly.

    Known false positives: news about fighting crime (严厉打击网络赌博, 扫黄打非, 反诈宣传) is not
    counted when the sentence names the fight or the warning (打击, 整治, 查处, 防范, 警惕, 严禁,
    举报 …); a report that quotes a spam advertisement at length without such words may still
    fire and needs a person to look. Links hidden from readers are reported by ``hidden-link``,
    not here. Extra term lists come from the framework parameter ``term_files``.
    """
    lexicon = load_lexicon(term_files)
    for crawled in site.pages():
        page = crawled.page
        site.tally.examined += 1
        verdict = classify_text(_visible_text(page, site), lexicon)
        if verdict is None:
            continue
        terms = "、".join(verdict.strong_terms[:5])
        yield site.finding(
            at=page.url,
            message=f"页面含有{verdict.label}内容（{terms}）。{_FIX_PAGE}",
            outcome=_outcome(verdict),
            detail={**_details(verdict), "via": "page"},
            record=crawled.record_id,
            excerpt=verdict.excerpt,
        )

    targets, read = classify_offsite_targets(site, lexicon)
    site.tally.examined += read
    if not targets:
        return
    linked: dict[str, _Linked] = {}
    records: dict[str, str | None] = {}
    for crawled in site.pages():
        for link in crawled.page.links:
            if link.tag not in LINK_TAGS or link.hidden:
                continue
            target = normalize_url(link.url)
            if target is None or target not in targets:
                continue
            entry = linked.setdefault(target, _Linked())
            entry.pages.add(crawled.page.url)
            entry.anchor = entry.anchor or link.text
            records.setdefault(crawled.page.url, crawled.record_id)
    for target, entry in sorted(linked.items()):
        verdict = targets[target]
        pages = sorted(entry.pages)
        terms = "、".join(verdict.strong_terms[:5])
        anchor = f"「{entry.anchor[:40]}」" if entry.anchor else ""
        yield site.finding(
            at=pages[0],
            message=f"外部链接{anchor}（{target}）指向的网页含有{verdict.label}内容（{terms}）。{_FIX_LINK}",
            outcome=_outcome(verdict),
            target=target,
            detail={
                **_details(verdict),
                "via": "link",
                "anchor": entry.anchor,
                "found_on": pages[:FOUND_ON_LIMIT],
                "found_on_count": len(pages),
            },
            record=site.statuses[target].record_id,
            excerpt=verdict.excerpt,
        )
