"""Sites whose pages do not show a public-security filing number."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.checks.compliance.footer_mark import missing_filing_mark
from govinspect.model.finding import Finding

_FIX = (
    "请在所有页面页脚标注公安机关备案标识和备案号（如“京公网安备 11010202000001号”），"
    "并链接至全国互联网安全管理服务平台（www.beian.gov.cn）的备案信息页面。"
)


@check(name="psb-missing", scope="site", needs=("pages",))
def psb_missing(site: SiteContext) -> Iterator[Finding]:
    """Sites whose pages do not show a public-security filing number.

    What it flags: a site whose homepage footer shows no public-security filing
    (公安机关备案标识): neither text such as 京公网安备 11010202000001号 (a province
    abbreviation, 公网安备, 14 digits) or 公安机关备案号：11010202000001, nor a visible link to
    ``www.beian.gov.cn/portal/registerSystemInfo?recordcode=<14 digits>`` (the badge).
    One finding per site, at the homepage.

    Why it matters: the 2019 indicators deduct for each identifier missing from the page
    footer (D-FUN-ID), and the public-security filing mark is one of the six.

    Example: 网站首页页脚未显示公安机关备案号（检查的29个页面中有0个显示）。

    How to fix: add the filing mark and number to the footer template of every page, linked
    to the site's record on www.beian.gov.cn.

    Known false positives: a number shown only inside an image without a link to the
    filing site; footers written by a script after the page loads.
    """
    yield from missing_filing_mark(site, "psb", "公安机关备案号", _FIX)
