"""Pages with links that have no accessible name."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.accessibility.common import LINK, detail, listed, page_facts
from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding

_FIX = '请为每个链接提供文字：图片链接给图片写 alt（如 alt="返回首页"），图标链接加 aria-label 或 title。'


@check(name="link-missing-name", scope="site", needs=("pages",))
def link_missing_name(site: SiteContext) -> Iterator[Finding]:
    """Pages with links that have no accessible name.

    What it flags: a page with one or more links a screen reader can only announce as "link":
    an ``<a href>`` with no text, whose images have no ``alt`` (or an empty one), and without
    ``aria-label``, ``aria-labelledby`` or ``title``; an image-map ``<area href>`` without
    ``alt``; an element with ``role="link"`` and no name. Links to ``#`` or ``javascript:`` count
    too. One finding per page; ``detail`` gives ``count``, up to five link addresses in
    ``examples``, the WCAG success criteria (2.4.4 Link purpose, 4.1.2 Name, role, value) and
    the GB/T 37668-2019 requirement they correspond to.

    Why it matters: blind readers move through a page by its links; an unnamed link gives no
    clue where it leads. WCAG 2.1 2.4.4 and 4.1.2 (level A) and GB/T 37668-2019 require every
    link to have a name.

    Example: 页头的微博图标链接 ``<a href="https://weibo.com/xxx"><img src="wb.png"></a>``
    没有任何文字。

    How to fix: write the link's purpose as its text, as the ``alt`` of its image
    (``alt="政务微博"``), or as ``aria-label`` on an icon link.

    Known false positives: an icon drawn by CSS (``::before``, icon fonts) gives no name and
    is reported, which is right for screen readers. Not counted: links hidden from everyone
    (``display:none``, ``aria-hidden="true"``) and links with ``role="button"``. Not seen: links
    that scripts add; text inside a link but hidden by CSS still counts as its name.
    """
    for crawled in site.pages():
        facts = page_facts(crawled.page)
        site.tally.examined += facts.links
        unnamed = facts.unnamed_links
        if not unnamed:
            continue
        yield site.finding(
            at=crawled.page.url,
            message=(
                f"页面有 {len(unnamed)} 个链接没有可读的名称（无文字、图片无 alt），"
                f"如{listed(unnamed)}。{_FIX}"
            ),
            detail=detail(LINK, len(unnamed), unnamed),
            record=crawled.record_id,
            excerpt=unnamed[0],
        )
