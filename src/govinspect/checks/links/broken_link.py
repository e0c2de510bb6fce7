"""Links that do not open."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from govinspect.checks.api import SiteContext, check
from govinspect.crawl.urls import normalize_url, origin
from govinspect.model.crawl import HostProbe, TargetStatus
from govinspect.model.finding import Finding, Outcome
from govinspect.parse.sniff import guess_kind_from_url

FOUND_ON_LIMIT = 50
_CHECKED_TAGS = frozenset(
    {"a", "area", "img", "script", "link", "iframe", "frame", "source", "embed", "object", "meta"}
)
_RESOURCE_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "manifest"})
_UNVERIFIED_STATUS = frozenset({401, 403, 407, 429})
_FAILING_ERRORS = frozenset({"dns", "connect", "timeout", "tls", "protocol", "redirect-loop"})
_UNVERIFIED_ERRORS = {
    "robots": "robots.txt 禁止抓取",
    "forbidden": "目标为内网或保留地址，按安全规则未访问",
    "too-large": "内容超过抓取大小上限",
}
_ERROR_WORDS = {
    "dns": "域名无法解析",
    "connect": "无法建立连接",
    "timeout": "超时无响应",
    "tls": "加密连接（证书）错误",
    "protocol": "服务器响应格式错误",
    "redirect-loop": "重定向循环或次数过多",
    "soft-404": "页面显示“不存在”",
}
_FIX = "请修正链接地址、恢复目标文件，或删除该链接。"
_ALLOW = "请确认目标可访问，必要时将检查程序加入白名单后复查。"
_INDEX_PATHS = frozenset(
    {"", "/", "/index.html", "/index.htm", "/index.shtml", "/index.jsp", "/default.html"}
)


@dataclass
class _Seen:
    pages: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    text: str = ""
    record: str | None = None
    first_page: str | None = None
    on_homepage: bool = False


@dataclass(frozen=True, slots=True)
class _Verdict:
    outcome: Outcome
    error: str
    why: str


def is_soft_404(status: TargetStatus, probe: HostProbe | None, homepage_url: str | None) -> bool:
    """A 200 answer that is really a "not found" page.

    Either the page says so itself (页面不存在, 404 …, in its title or in a
    short body), or it has the exact shape of what the host answers for a path
    that cannot exist: redirected to the same place, or the same title with a
    body of the same length (sites that serve the homepage for every missing URL).
    """
    if status.status != 200:
        return False
    if status.says_not_found:
        return True
    if probe is None or probe.status != 200 or status.final_url == homepage_url:
        return False
    if status.redirects and probe.final_url == status.final_url:
        return urlsplit(status.url).path not in _INDEX_PATHS
    if probe.title and status.title == probe.title and probe.text_length and status.text_length is not None:
        return abs(status.text_length - probe.text_length) <= max(20, probe.text_length // 50)
    return False


def _probe_for(site: SiteContext, status: TargetStatus) -> HostProbe | None:
    if status.status != 200 or status.says_not_found or not site.probes:
        return None
    return site.probes.get(origin(status.final_url))


def judge(status: TargetStatus, probe: HostProbe | None, homepage_url: str | None) -> _Verdict | None:
    """Whether a fetched target is broken (fail), undecidable (unverified), or fine (None)."""
    if status.error in _UNVERIFIED_ERRORS:
        return _Verdict(Outcome.UNVERIFIED, status.error, _UNVERIFIED_ERRORS[status.error])
    if status.error in _FAILING_ERRORS:
        return _Verdict(Outcome.FAIL, status.error, _ERROR_WORDS[status.error])
    if status.status is not None and status.status in _UNVERIFIED_STATUS:
        return _Verdict(Outcome.UNVERIFIED, "http", f"服务器拒绝检查程序访问（HTTP {status.status}）")
    if status.status is not None and status.status >= 400:
        return _Verdict(Outcome.FAIL, "http", f"HTTP {status.status} 错误")
    if is_soft_404(status, probe, homepage_url):
        return _Verdict(Outcome.FAIL, "soft-404", _ERROR_WORDS["soft-404"])
    return None


def _kind(target: str, tags: set[str]) -> str:
    if "img" in tags:
        return "image"
    if tags & {"script", "link"}:
        return "script-style"
    guessed = guess_kind_from_url(target)
    return guessed if guessed in ("page", "attachment", "image", "script-style") else "other"


def _collect(site: SiteContext, problems: set[str]) -> tuple[dict[str, _Seen], int]:
    """Where each problem target is linked from; and how many distinct fetched targets were linked."""
    seen: dict[str, _Seen] = {target: _Seen() for target in problems}
    linked: set[str] = set()
    for crawled in site.pages():
        page = crawled.page
        on_homepage = page.url == site.homepage_url
        for link in page.links:
            if link.tag not in _CHECKED_TAGS:
                continue
            if link.tag == "link" and not any(p in _RESOURCE_RELS for p in link.rel.lower().split()):
                continue
            target = normalize_url(link.url)
            if target is None:
                continue
            linked.add(target)
            entry = seen.get(target)
            if entry is None:
                continue
            entry.pages.add(page.url)
            entry.tags.add(link.tag)
            if not entry.text and link.text:
                entry.text = link.text[:120]
            if on_homepage:
                entry.on_homepage = True
            if entry.first_page is None or page.url < entry.first_page:
                entry.first_page, entry.record = page.url, crawled.record_id
    return seen, sum(1 for target in linked if target in site.statuses)


@check(name="broken-link", scope="site", needs=("pages", "statuses", "probes"))
def broken_link(site: SiteContext) -> Iterator[Finding]:
    """Links that do not open.

    What it flags: every distinct link target of the site — pages, attachments,
    images, scripts, styles and links to other sites — that cannot be opened:
    the address does not resolve, the server refuses or drops the connection,
    gives no complete answer within the timeout (15 s by default), answers an
    HTTP error (404, 410, 500 …), loops in redirects, or answers 200 with a page
    that says 页面不存在 (a "soft 404"). One finding per target, at the first
    page (in sorted order) that links to it, with every linking page listed.

    Why it matters: the national indicators deduct points for every unusable
    link on the homepage (D-LINK-HOME) and on other pages (D-LINK-OTHER).

    Could not verify: a target that answers 401, 403 or 429, that robots.txt
    forbids, that is a private address nobody named, or that is too large to
    read is reported as ``unverified``, never as broken. Ask the server's
    administrator to allow the inspector's User-Agent, then check again.

    Example: 「政策文件」页链接的 /zcwj/2023/notice.pdf 返回 HTTP 404。

    How to fix: correct the address, restore the missing file, or remove the link.

    Known false positives: servers that answer 404 to automated clients only
    (the finding's evidence shows the answer as received); pages whose title
    and length are exactly those of the site's not-found page.
    """
    verdicts = {
        url: verdict
        for url, status in site.statuses.items()
        if (verdict := judge(status, _probe_for(site, status), site.homepage_url)) is not None
    }
    seen, site.tally.examined = _collect(site, set(verdicts))
    for target in sorted(verdicts):
        entry = seen[target]
        if not entry.pages:
            continue  # fetched, but linked from no stored page (robots.txt, a redirect's first hop)
        status, verdict = site.statuses[target], verdicts[target]
        pages = sorted(entry.pages)
        where = "首页" if entry.on_homepage else f"「{pages[0]}」等 {len(pages)} 个页面"
        if verdict.outcome is Outcome.FAIL:
            message = f"{where}上的链接无法打开（{verdict.why}）：{target}。{_FIX}"
        else:
            message = f"{where}上的链接无法核实（{verdict.why}）：{target}。{_ALLOW}"
        yield site.finding(
            at=pages[0],
            target=target,
            outcome=verdict.outcome,
            message=message,
            detail={
                "status": status.status,
                "error": verdict.error,
                "internal": site.in_scope(target),
                "kind": _kind(target, entry.tags),
                "on_homepage": entry.on_homepage,
                "found_on": pages[:FOUND_ON_LIMIT],
                "found_on_count": len(pages),
                "final_url": status.final_url,
                "error_detail": status.error_detail,
                "target_record": status.record_id,
            },
            record=entry.record,
            excerpt=entry.text or None,
        )
