"""Sites whose pages declare no mobile viewport."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding
from govinspect.parse.identity import site_identity

_FIX = (
    "请为网站提供适配手机浏览的页面：在页面<head>中声明"
    '<meta name="viewport" content="width=device-width, initial-scale=1">并采用自适应布局，'
    "或提供移动版网站并在页面中声明。"
)


@check(name="not-mobile-friendly", scope="site", needs=("pages",))
def not_mobile_friendly(site: SiteContext) -> Iterator[Finding]:
    """Sites whose pages declare no mobile viewport.

    What it flags: a site whose homepage declares no mobile viewport: no
    ``<meta name="viewport">`` of the device width (``width=device-width``, or an
    ``initial-scale`` without a fixed width — a fixed desktop width such as ``width=1200``
    does not count), and no declared mobile version (a ``mobile-agent`` or
    ``applicable-device`` meta, or a ``<link rel="alternate">`` to an ``m.``/``wap.``
    site). One finding per site, at the homepage; ``detail.viewport`` is the viewport
    declared, if any.

    Why it matters: the Guideline asks for pages that work on phones (G-MOBILE); most
    visitors of government sites come from mobile devices.

    Example: 网站首页未声明移动端视口（viewport），手机访问时页面按桌面宽度缩小显示。

    How to fix: declare ``<meta name="viewport" content="width=device-width,
    initial-scale=1">`` in the page template and make the layout responsive, or serve a
    mobile version and declare it.

    Known false positives: sites that send phones to a separate mobile site by a
    User-Agent redirect without declaring it in the page; a viewport does not prove the
    layout really adapts (a browser rendering test would).
    """
    if site.homepage_url is None:
        return
    identity = site_identity(site.read_pages, site.homepage_url)
    site.tally.examined += identity.examined
    front = identity.front
    if front is None or front.mobile:
        return
    declared = f"（声明的视口为“{front.viewport}”，为固定桌面宽度）" if front.viewport else ""
    yield site.finding(
        at=site.homepage_url,
        message=f"网站首页未声明适配手机的视口（viewport）{declared}，手机访问时页面按桌面宽度缩小显示。{_FIX}",
        detail={
            "viewport": front.viewport,
            "pages_showing": identity.showing["viewport"],
            "pages_examined": identity.examined,
        },
        record=front.record_id,
        excerpt=front.viewport,
    )
