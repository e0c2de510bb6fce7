"""Pages with images that have no text alternative."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.accessibility.common import IMAGE, detail, listed, page_facts
from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding

_FIX = '请为传达信息的图片填写简要说明其内容的 alt（如 alt="市政府常务会议现场"）；纯装饰图片写 alt=""。'


@check(name="img-missing-alt", scope="site", needs=("pages",))
def img_missing_alt(site: SiteContext) -> Iterator[Finding]:
    """Pages with images that have no text alternative.

    What it flags: a page with one or more images a screen reader announces but cannot
    describe: an ``<img>`` without ``alt`` (and without ``aria-label``, ``aria-labelledby`` or
    ``title``), an ``alt`` of spaces only, an image button (``<input type="image">``) without a
    name, or an element with ``role="img"`` without one. One finding per page; ``detail``
    gives ``count``, up to five image addresses in ``examples``, the WCAG success criteria
    (1.1.1 Non-text content, 4.1.2 Name, role, value) and the GB/T 37668-2019 requirement they
    correspond to.

    Why it matters: blind readers hear the file name ("IMG_2031.jpg") or nothing at all.
    GB/T 37668-2019 and WCAG 2.1 (1.1.1, level A) require a text alternative for every image
    that carries information; the 2019 national indicators list information accessibility
    among the things a government site must provide.

    Example: 首页「图片新闻」中的 ``<img src="/images/2026/xw01.jpg">`` 没有 alt 属性。

    How to fix: give every image that carries information a short ``alt`` saying what it shows
    or does (``alt="市政府常务会议现场"``, ``alt="搜索"`` for a search button); give purely
    decorative images an empty ``alt=""`` so screen readers skip them.

    Known false positives: none known from the page as served. Not counted: decorative images
    (``alt=""``, ``role="presentation"``), images hidden from everyone (``display:none``,
    ``aria-hidden="true"``, inside ``<noscript>``), tracking pixels (1 px wide or high) and
    images inside a link or button whose own text names it. Not seen: images that scripts
    add, CSS background images, and whether an ``alt`` that exists actually describes the image.
    """
    for crawled in site.pages():
        facts = page_facts(crawled.page)
        site.tally.examined += facts.images
        unnamed = facts.unnamed_images
        if not unnamed:
            continue
        yield site.finding(
            at=crawled.page.url,
            message=f"页面有 {len(unnamed)} 张图片缺少替代文本（alt），如{listed(unnamed)}。{_FIX}",
            detail=detail(IMAGE, len(unnamed), unnamed),
            record=crawled.record_id,
            excerpt=unnamed[0],
        )
