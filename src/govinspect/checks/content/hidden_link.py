"""Links hidden from readers that lead off the site (暗链)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from govinspect.checks.api import SiteContext, check
from govinspect.checks.content.prohibited_content import (
    LINK_TAGS,
    classify_offsite_targets,
    read_term_files,
)
from govinspect.crawl.urls import normalize_url
from govinspect.model.finding import Finding, Outcome
from govinspect.model.page import LinkRef, Page
from govinspect.parse.prohibited import (
    Classification,
    Lexicon,
    classify_text,
    is_public_host,
    load_lexicon,
    registrable_domain,
)

# Techniques no drop-down menu or tab uses: text pushed off the screen, shrunk to nothing or
# coloured like its background exists only to be read by search engines.
CONCEALING_TECHNIQUES = frozenset({"off-screen", "zero-size", "zero-font", "same-colour"})
TECHNIQUE_WORDS = {
    "display-none": "display:none 隐藏",
    "visibility-hidden": "visibility:hidden 隐藏",
    "hidden-attribute": "hidden 属性隐藏",
    "off-screen": "定位到屏幕之外",
    "zero-size": "零尺寸容器隐藏",
    "zero-font": "字号为 0",
    "same-colour": "文字颜色与背景相同",
}
_FIX = "请立即删除该隐藏链接，排查页面模板和内容管理系统是否被植入暗链，修补漏洞并留存证据。"


@dataclass(frozen=True, slots=True)
class HiddenLink:
    """A hidden off-site link with what surrounds it on its page."""

    link: LinkRef
    target: str
    host: str
    block_size: int  # hidden links in the same run of hidden links (one hiding technique)
    block_offsite: int  # of those, links to other sites that are not public bodies
    public: bool  # the target is a government or other public host, or the site's own organisation


def hidden_offsite_links(page: Page, site: SiteContext, lexicon: Lexicon) -> list[HiddenLink]:
    """The page's hidden ``a``/``area`` links that leave the site, each with its run of hidden links.

    A run is a sequence of hidden links next to each other in the page, hidden the same way: a
    drop-down menu of 友情链接, or a block of planted spam links.
    """
    runs: list[list[LinkRef]] = []
    previous: str | None = None
    for link in page.links:
        if link.tag not in LINK_TAGS or not link.url.startswith(("http://", "https://")):
            continue
        technique = link.hidden_technique if link.hidden else None
        if technique is not None and technique == previous:
            runs[-1].append(link)
        elif technique is not None:
            runs.append([link])
        previous = technique
    own_domain = registrable_domain(urlsplit(site.site.url).hostname or "")
    found = []
    for run in runs:
        offsite = []
        for link in run:
            if not site.in_scope(link.url):
                host = urlsplit(link.url).hostname or ""
                public = registrable_domain(host) == own_domain or is_public_host(host, lexicon)
                offsite.append((link, host, public))
        unknown = sum(1 for _, _, public in offsite if not public)
        for link, host, public in offsite:
            target = normalize_url(link.url)
            if target is not None:
                found.append(HiddenLink(link, target, host, len(run), unknown, public))
    return found


def _judge(
    hidden: HiddenLink, anchor: Classification | None, target: Classification | None
) -> tuple[Outcome, str] | None:
    """Outcome and reason for one hidden off-site link, or None when it is a public body's menu entry."""
    if anchor is not None:
        return Outcome.FAIL, "spam-anchor"
    if target is not None:
        return Outcome.FAIL, "prohibited-target"
    if hidden.public:
        return None
    if hidden.link.hidden_technique in CONCEALING_TECHNIQUES:
        return Outcome.FAIL, "concealing-technique"
    if 2 * hidden.block_offsite > hidden.block_size:
        return Outcome.FAIL, "non-government-host"
    return Outcome.REVIEW, "menu-with-non-government-host"


@check(name="hidden-link", scope="site", needs=("pages", "statuses"), parameters=read_term_files)
def hidden_link(site: SiteContext, term_files: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Links hidden from readers that lead off the site (暗链).

    What it flags: a link to another site placed in an element readers cannot see — hidden by
    ``display:none``, ``visibility:hidden``, the ``hidden`` attribute, a position far off the
    screen, a zero-size box, a zero font size, or text coloured like its background — set by an
    inline style or by the page's own ``<style>`` rules. One finding per page and target.
    ``fail`` when the link leads to a host that is not a public body (not gov.cn, .政务, .edu.cn,
    .org.cn …, nor a listed state medium), when its anchor text is spam (北京赛车pk10,
    澳门新葡京, 代开发票 …), when the linked page carries gambling or pornography, or when it is
    hidden in a way no menu uses (off-screen, zero size, zero font, same colour). ``review`` when a
    drop-down menu of mostly government links also holds a link to another kind of host.
    Hidden links to other government sites (友情链接 and 站群 drop-down menus), to other hosts
    of the site's own domain, and hidden links inside the site are not reported.

    Why it matters: hidden links (暗链) are planted by attackers to sell search-engine rank to
    gambling, pornography and fraud sites; the national indicators (2019) veto a site that
    links to such content (SV-SEC-ILLEGAL, which names 暗链 explicitly).

    Example: 页面“http://www.example.gov.cn/index.html”中有隐藏的外部链接「北京赛车pk10」
    （http://www.pk10-app.com/），隐藏方式：display:none 隐藏。

    How to fix: remove the link from the page or template, find how it got there (a tampered
    template, a hacked content system, a compromised server), close the hole and keep the
    evidence; check the other pages made from the same template.

    Known false positives: menus, tabs and pop-ups that scripts show later count as hidden
    (the inspection runs no script); a drop-down menu linking to a company or another
    non-government site is reported (``fail`` alone, ``review`` inside a menu of government
    links). Not seen: links written by scripts, hidden by external stylesheets, by ``opacity``,
    ``clip`` or ``transform``. Extra spam terms and public hosts come from the framework
    parameter ``term_files``.
    """
    lexicon = load_lexicon(term_files)
    found: list[tuple[str, str | None, HiddenLink]] = []
    for crawled in site.pages():
        site.tally.examined += 1
        found.extend(
            (crawled.page.url, crawled.record_id, hidden)
            for hidden in hidden_offsite_links(crawled.page, site, lexicon)
        )
    targets, _ = classify_offsite_targets(site, lexicon, {hidden.target for _, _, hidden in found})
    reported: set[tuple[str, str]] = set()
    for page_url, record, hidden in found:
        if (page_url, hidden.target) in reported:
            continue
        anchor = classify_text(hidden.link.text, lexicon, min_strong=1) if hidden.link.text else None
        target = targets.get(hidden.target)
        judged = _judge(hidden, anchor, target)
        if judged is None:
            continue
        reported.add((page_url, hidden.target))
        outcome, reason = judged
        technique = hidden.link.hidden_technique or "display-none"
        words = TECHNIQUE_WORDS.get(technique, technique)
        anchor_text = hidden.link.text[:60]
        named = f"「{anchor_text}」" if anchor_text else ""
        spam = anchor or target
        content = f"，链接内容涉及{spam.label}" if spam is not None else ""
        yield site.finding(
            at=page_url,
            message=f"页面中有隐藏的外部链接{named}（{hidden.target}），隐藏方式：{words}{content}。{_FIX}",
            outcome=outcome,
            target=hidden.target,
            detail={
                "technique": technique,
                "reason": reason,
                "anchor": hidden.link.text,
                "host": hidden.host,
                "public_host": hidden.public,
                "block_size": hidden.block_size,
                "category": spam.category if spam is not None else None,
                "terms": list(spam.terms) if spam is not None else [],
            },
            record=record,
            excerpt=anchor_text or hidden.target,
            locator=page_url,
        )
