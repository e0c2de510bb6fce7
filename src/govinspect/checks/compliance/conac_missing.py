"""Sites without the 党政机关网站标识 (the CONAC badge)."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding
from govinspect.parse.identity import site_identity

_FIX = (
    "请在页脚放置党政机关网站标识：在标识管理系统（机构编制部门）获取的代码"
    '（<span id="_ideConac"> 及 dcs.conac.cn 的脚本）应原样嵌入所有页面，'
    "点击标识应能打开 bszs.conac.cn 的证书页面。"
)


@check(name="conac-missing", scope="site", needs=("pages",))
def conac_missing(site: SiteContext) -> Iterator[Finding]:
    """Sites without the 党政机关网站标识.

    What it flags: a site whose homepage footer carries no 党政机关网站标识 (the red
    "party and government organ" badge of the CONAC organ-domain system): no
    ``<span id="_ideConac">`` with its script from ``dcs.conac.cn`` (also when an inline
    script writes them), no link to the certificate on ``bszs.conac.cn`` and no badge image
    from ``conac.cn``; or a badge in its error state (the image ``red_error.png``). One
    finding per site, at the homepage; ``detail.state`` is ``absent`` or ``error``.

    Why it matters: the badge is one of the six identifiers every page footer must show
    (D-FUN-ID); provinces also score that it opens the certificate.

    Example: 网站首页页脚没有党政机关网站标识。

    How to fix: embed the code issued by the badge system (span, script) unchanged in the
    footer template of every page; when it shows the error image, ask the issuing office to
    update the certificate for the site's current domain and name.

    Known false positives: a badge whose script is loaded by another script; the error
    state is only seen when the page itself carries ``red_error.png`` (the badge script's
    own answer is not run). Whether the badge script loads is judged by ``broken-link``.
    """
    if site.homepage_url is None:
        return
    identity = site_identity(site.read_pages, site.homepage_url)
    site.tally.examined += identity.examined
    front = identity.front
    if front is None or front.conac.state == "shown":
        return
    if front.conac.state == "error":
        what = f"的党政机关网站标识显示为错误状态（{front.conac.evidence}），标识与网站信息不符或已失效"
    else:
        what = "没有党政机关网站标识"
    yield site.finding(
        at=site.homepage_url,
        message=f"网站首页页脚{what}。{_FIX}",
        detail={
            "state": front.conac.state,
            "pages_showing": identity.showing["conac"],
            "pages_examined": identity.examined,
        },
        record=front.record_id,
        excerpt=front.conac.evidence or front.footer or None,
    )
