"""Sites whose host is not under gov.cn (or .政务)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding
from govinspect.parse.identity import is_gov_host

_FIX = (
    "政府网站英文域名应以.gov.cn结尾（中文域名以.政务结尾），"
    "请向上级主管单位申请规范域名并将网站迁移至该域名。"
)


@check(name="non-gov-domain", scope="site", needs=())
def non_gov_domain(site: SiteContext) -> Iterator[Finding]:
    """Sites whose host is not under gov.cn (or .政务).

    What it flags: a site whose registered address, or the address its homepage finally
    lands on after redirects, has a host that does not end in ``.gov.cn`` (nor in the
    Chinese suffix ``.政务``, ``xn--zfr164b`` in DNS). Look-alikes such as
    ``www.x.gov.cn.cn`` or ``gov.cn.example.com`` and bare IP addresses are not government
    domains. One finding per site, at the homepage (the registered address when the
    homepage was not fetched); ``detail.host`` is the offending host.

    Why it matters: the Guideline requires English domains ending in .gov.cn and Chinese
    domains ending in .政务, no other suffix (G-DOMAIN-SUFFIX); the 2019 indicators deduct
    for a non-conforming domain (D-FUN-NAME).

    Example: 网站首页跳转到的域名www.example.com不是.gov.cn域名。

    How to fix: apply for a domain under the region's or department's .gov.cn name, move
    the site there, and redirect the old address to it.

    Known false positives: sites that the registry marks as government sites but that are
    run by public institutions allowed other suffixes; a homepage redirect to a shared
    service platform outside gov.cn.
    """
    site.tally.examined += 1
    hosts = [("registered", urlsplit(site.site.url).hostname or "")]
    if site.homepage_url is not None:
        hosts.append(("homepage", urlsplit(site.homepage_url).hostname or ""))
    for where, host in hosts:
        if host and is_gov_host(host):
            continue
        said = "登记的网站地址" if where == "registered" else "网站首页跳转后"
        yield site.finding(
            at=site.homepage_url or site.site.url,
            record=site.homepage_record,
            message=f"{said}的域名“{host}”不是.gov.cn（或.政务）域名。{_FIX}",
            detail={"host": host, "where": where},
            excerpt=host,
        )
        return
