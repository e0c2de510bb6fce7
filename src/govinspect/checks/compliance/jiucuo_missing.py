"""Sites without a working 我为政府网站找错 entry."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding
from govinspect.parse.identity import JiucuoEntry, site_code_problem, site_identity

_FIX = (
    "请在页脚嵌入“我为政府网站找错”入口："
    '<script id="_jiucuo_" sitecode="本站网站标识码" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js">'
    "</script>，sitecode须与本站网站标识码一致。"
)


@check(name="jiucuo-missing", scope="site", needs=("pages",))
def jiucuo_missing(site: SiteContext) -> Iterator[Finding]:
    """Sites without the 我为政府网站找错 entry.

    What it flags: a site whose homepage carries no entry to the national error-report
    service 我为政府网站找错 — neither the widget ``<script id="_jiucuo_" sitecode="…"
    src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js">`` (older sites load it from
    ``pucha.kaipuyun.cn``; also when an inline script writes it) nor a link to the service
    (``…/exposure/jiucuo.html?site_code=…``) or labelled 我为政府网站找错 — or whose entries
    all name another site: the ``sitecode`` differs from the registry's 网站标识码 (for a
    site without one, from the code its footer shows), or the widget has no ``sitecode`` at
    all. A wrong sitecode is also a ``site-code-missing`` (the footer's identifiers
    disagree). One finding per site, at the homepage; ``detail.problem`` is ``absent``,
    ``wrong-code`` or ``no-code``.

    Why it matters: the 2019 indicators deduct when the entry is not properly placed in
    the homepage footer (D-FUN-JIUCUO), and messages sent through a wrong sitecode reach
    another site's inbox, where they go unanswered.

    Example: 网站首页未设置“我为政府网站找错”入口。

    How to fix: paste the widget code from the national platform into the footer template
    of every page, with the site's own 网站标识码 as ``sitecode``.

    Known false positives: an entry added by a script that is itself loaded by another
    script, or placed in a frame the homepage does not embed.
    """
    if site.homepage_url is None:
        return
    identity = site_identity(site.read_pages, site.homepage_url)
    site.tally.examined += identity.examined
    front = identity.front
    if front is None:
        return
    footer_codes = [code for code in front.site_codes if site_code_problem(code) is None]
    own_code = site.site.site_code or (footer_codes[0] if footer_codes else None)
    verdict = _judge(front.jiucuo, own_code)
    if verdict is None:
        return
    problem, shown, why = verdict
    yield site.finding(
        at=site.homepage_url,
        message=f"网站首页{why}。{_FIX}",
        detail={
            "problem": problem,
            "sitecode": shown,
            "expected": own_code,
            "pages_showing": identity.showing["jiucuo"],
            "pages_examined": identity.examined,
        },
        record=front.record_id,
        excerpt=front.footer or None,
    )


def _judge(entries: tuple[JiucuoEntry, ...], own_code: str | None) -> tuple[str, str | None, str] | None:
    if not entries:
        return "absent", None, "未设置“我为政府网站找错”入口"
    codes = [entry.sitecode.strip() for entry in entries if entry.sitecode]
    if not codes:
        if all(entry.kind == "script" for entry in entries):
            return "no-code", None, "“我为政府网站找错”入口脚本缺少sitecode，无法对应到本网站"
        return None
    expected = own_code.strip().lower() if own_code else None
    if expected and all(code.lower() != expected for code in codes):
        return (
            "wrong-code",
            codes[0],
            f"“我为政府网站找错”入口的sitecode“{codes[0]}”与本站网站标识码“{own_code}”不一致",
        )
    return None
