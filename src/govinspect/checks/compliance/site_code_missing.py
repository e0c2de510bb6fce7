"""Sites whose footers do not show a valid 网站标识码 agreeing with registry, meta tag and 找错 entry."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding
from govinspect.parse.identity import PageMarks, site_code_problem, site_identity

_FIX = (
    "请在所有页面页脚的标识区标注正确的网站标识码（“网站标识码：”加10位数字或bm加8位数字），"
    '并与全国政府网站信息报送系统登记的标识码、页面<meta name="SiteIDCode">和“我为政府网站找错”'
    "入口的sitecode保持一致。"
)


@check(name="site-code-missing", scope="site", needs=("pages",))
def site_code_missing(site: SiteContext) -> Iterator[Finding]:
    """Sites whose footers do not show a valid 网站标识码.

    What it flags: a site whose homepage footer does not print 网站标识码 followed by a
    valid code, or prints one that is wrong. A valid code is 10 digits (the 6-digit
    administrative-division code of the organising region + a 4-digit serial, e.g.
    1304000009) or ``bm`` + 8 digits for State Council departments (bm07000001). The code
    is wrong when it is malformed, when its first six digits cannot be a division code,
    when it differs from the registry's 网站标识码 (or, without one, its region differs from
    the registry's region), when it differs from the page's ``<meta name="SiteIDCode">``,
    or when it differs from the 找错 entry's ``sitecode``: when shown, all three must
    agree. The meta tag and the 找错 entry alone do not count as showing the code. One
    finding per site, at the homepage; ``detail.found`` is the code shown (null when none
    is) and ``detail.problem`` says what is wrong (absent, malformed, unknown-region,
    registry-mismatch, region-mismatch, meta-mismatch, jiucuo-mismatch). A 找错 entry with
    another site's ``sitecode`` is also reported by ``jiucuo-missing``: the footer's
    identifiers disagree, and the entry sends messages to another site's inbox.

    Why it matters: the Guideline (《政府网站发展指引》) and the 2019 indicators ask every
    page footer to show the site's identifiers (D-FUN-ID: 网站标识 — 党政机关网站标识,
    网站标识码, ICP备案编号, 公安机关备案标识, 主办单位, 联系方式).

    Example: 网站首页页脚未显示网站标识码（仅页面元数据SiteIDCode含3401810001）。

    How to fix: print “网站标识码：<code>” in the footer template of every page, using the
    code the national registry assigned, and keep the SiteIDCode meta and the 找错 widget's
    sitecode identical to it.

    Known false positives: footers drawn by a script or loaded into the page after it
    opens (the inspection reads the page as served); codes shown only as an image. A
    homepage that is only an entry page (a redirect, frames, or fewer than five links) is
    judged with the pages it leads to. Division codes are checked by shape (a real
    province, a plausible prefecture and county part), not against the full GB/T 2260
    list, so a well-shaped code of a region that does not exist passes unless the
    registry says otherwise.
    """
    if site.homepage_url is None:
        return
    identity = site_identity(site.read_pages, site.homepage_url)
    site.tally.examined += identity.examined
    front = identity.front
    if front is None:
        return
    verdict = _judge(front, site.site.site_code, site.site.region_code)
    if verdict is None:
        return
    problem, found, why = verdict
    yield site.finding(
        at=site.homepage_url,
        message=f"网站首页页脚{why}。{_FIX}",
        detail={
            "found": found,
            "problem": problem,
            "expected": _normal(site.site.site_code) if site.site.site_code else None,
            "meta": front.meta_site_code,
            "jiucuo": sorted({entry.sitecode for entry in front.jiucuo if entry.sitecode}),
            "pages_showing": identity.showing["site_code"],
            "pages_examined": identity.examined,
        },
        record=front.record_id,
        excerpt=front.footer or None,
    )


def _judge(
    front: PageMarks, registered: str | None, region: str | None
) -> tuple[str, str | None, str] | None:
    """(problem, code shown, what to tell the editor) when the footer's code is missing or wrong."""
    expected = _normal(registered) if registered else None
    if not front.site_codes:
        extra = f"（仅页面元数据SiteIDCode含{front.meta_site_code}）" if front.meta_site_code else ""
        return "absent", None, f"未显示网站标识码{extra}"
    code = expected if expected in front.site_codes else front.site_codes[0]
    shape = site_code_problem(code)
    if shape == "malformed":
        return shape, code, f"显示的网站标识码“{code}”格式不正确（应为10位数字或bm加8位数字）"
    if shape == "unknown-region":
        return shape, code, f"显示的网站标识码“{code}”前6位“{code[:6]}”不是有效的行政区划代码"
    if expected and code != expected:
        return "registry-mismatch", code, f"显示的网站标识码“{code}”与登记的标识码“{expected}”不一致"
    if not expected and region and region.isdigit() and not code.startswith("bm") and code[:6] != region:
        return "region-mismatch", code, f"显示的网站标识码“{code}”的区划代码与登记的所属地区“{region}”不一致"
    meta = _normal(front.meta_site_code) if front.meta_site_code else None
    if meta and meta != code:
        return "meta-mismatch", code, f"显示的网站标识码“{code}”与页面元数据SiteIDCode“{meta}”不一致"
    jiucuo = sorted({_normal(e.sitecode) for e in front.jiucuo if e.sitecode} - {code})
    if jiucuo:
        return (
            "jiucuo-mismatch",
            code,
            f"显示的网站标识码“{code}”与“我为政府网站找错”入口的sitecode“{jiucuo[0]}”不一致",
        )
    return None


def _normal(code: str) -> str:
    code = code.strip()
    return "bm" + code[2:] if code[:2].lower() == "bm" else code
