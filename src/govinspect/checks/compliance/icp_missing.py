"""Sites whose pages do not show an ICP filing number."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.checks.compliance.footer_mark import missing_filing_mark
from govinspect.model.finding import Finding

_FIX = (
    "请在所有页面页脚标注ICP备案编号（如“京ICP备05070218号”），"
    "并链接至工业和信息化部ICP备案管理系统（beian.miit.gov.cn）。"
)


@check(name="icp-missing", scope="site", needs=("pages",))
def icp_missing(site: SiteContext) -> Iterator[Finding]:
    """Sites whose pages do not show an ICP filing number.

    What it flags: a site whose homepage footer shows no ICP filing number (ICP备案编号):
    a province abbreviation, ``ICP备``, 6 to 10 digits and ``号``, optionally with a
    suffix (京ICP备13012430号-6). One finding per site, at the homepage; the detail says
    how many of the inspected pages show a number.

    Why it matters: the 2019 indicators deduct for each identifier missing from the page
    footer (D-FUN-ID: 党政机关网站标识, 网站标识码, ICP备案编号, 公安机关备案标识, 主办单位,
    联系方式), and every website in China must show its ICP filing number.

    Example: 网站首页页脚未显示ICP备案编号（检查的63个页面中有0个显示）。

    How to fix: add the filing number to the footer template of every page and link it
    to https://beian.miit.gov.cn/.

    Known false positives: a number shown only as an image, or written by a script after
    the page loads; a homepage that is a splash page is judged with the pages it leads to.
    """
    yield from missing_filing_mark(site, "icp", "ICP备案编号", _FIX)
