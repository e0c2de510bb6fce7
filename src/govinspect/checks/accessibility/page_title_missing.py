"""Pages without a title."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.accessibility.common import TITLE, detail
from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding

_FIX = "请在页面 <head> 中写明 <title>，说明本页内容和所属网站，如「关于印发××的通知_××市人民政府」。"


@check(name="page-title-missing", scope="site", needs=("pages",))
def page_title_missing(site: SiteContext) -> Iterator[Finding]:
    """Pages without a title.

    What it flags: a page with no ``<title>`` element, or whose first ``<title>`` is empty or
    spaces only (a title inside an SVG drawing does not count). One finding per page;
    ``detail`` gives ``count`` (1), ``examples`` (empty), the WCAG success criterion (2.4.2
    Page titled) and the GB/T 37668-2019 requirement it corresponds to.

    Why it matters: the title is what a screen reader announces first, what a browser tab,
    a bookmark and a search result show. WCAG 2.1 2.4.2 (level A) and GB/T 37668-2019 require
    every page to have a title describing its topic or purpose.

    Example: 文章页 ``<title></title>`` 为空，浏览器标签页只显示网址。

    How to fix: give each page template a ``<title>`` built from the page's own heading and
    the site's name.

    Known false positives: a title set by a script after the page loads is not seen. Whether
    a title that exists describes the page (W3C ACT rule c4a8a4) is not judged.
    """
    for crawled in site.pages():
        site.tally.examined += 1
        if crawled.page.title.strip():
            continue
        yield site.finding(
            at=crawled.page.url,
            message=f"页面没有标题（<title> 缺失或为空）。{_FIX}",
            detail=detail(TITLE, 1),
            record=crawled.record_id,
        )
