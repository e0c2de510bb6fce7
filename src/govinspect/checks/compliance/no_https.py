"""Sites not served over HTTPS."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from govinspect.checks.api import SiteContext, check
from govinspect.model.finding import Finding

_FIX = "请为网站部署有效的HTTPS证书，并将http访问自动跳转到https地址。"


@check(name="no-https", scope="site", needs=())
def no_https(site: SiteContext) -> Iterator[Finding]:
    """Sites not served over HTTPS.

    What it flags: a site whose homepage, as the inspection finally fetched it after
    redirects, came over plain ``http``: the registered address does not redirect to an
    ``https`` one. One finding per site, at the homepage; ``detail.https_pages`` counts
    the site's pages that did come over https (a site that has a certificate but does not
    redirect its homepage to it).

    Why it matters: without HTTPS, pages and forms (messages, applications) travel
    unencrypted and can be altered on the way. No retrieved national indicator requires
    it (G-HTTPS): frameworks treat it as a configurable best-practice item.

    Example: 网站首页通过http访问（http://www.example.gov.cn/），未跳转到https。

    How to fix: install a valid certificate, serve the site over https and redirect every
    http address to its https twin.

    Known false positives: none known for the homepage itself; an invalid certificate on
    an https homepage makes the homepage unreachable and is reported by the availability
    and link checks instead.
    """
    if site.homepage_url is None:
        return
    site.tally.examined += 1
    if urlsplit(site.homepage_url).scheme == "https":
        return
    https_pages = sum(
        1
        for status in site.statuses.values()
        if status.role == "page"
        and status.final_url.startswith("https://")
        and site.in_scope(status.final_url)
    )
    yield site.finding(
        at=site.homepage_url,
        record=site.homepage_record,
        message=f"网站首页通过http访问（{site.homepage_url}），未使用HTTPS加密。{_FIX}",
        detail={"homepage": site.homepage_url, "https_pages": https_pages},
        excerpt=site.homepage_url,
    )
