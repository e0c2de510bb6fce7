"""Sites with no working online channel for consultation and suggestions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govinspect.checks.api import SiteContext, check
from govinspect.checks.interaction.message_unanswered import site_boards
from govinspect.crawl.urls import normalize_url
from govinspect.model.crawl import TargetStatus
from govinspect.model.finding import Finding, Outcome
from govinspect.parse.messages import Channel, is_closed_notice

# Channels that do not count (2019: 网上信访, 纪检举报), and those that are not for consultation.
DEFAULT_EXCLUDED_CHANNELS: tuple[str, ...] = ("信访", "纪检", "举报", "在线访谈", "访谈", "调查", "征集")
_FIX = (
    "请开设网上咨询建言渠道（如领导信箱、在线咨询、政民互动留言），确保能正常提交并公开答复；"
    "网上信访和纪检举报渠道不计入。"
)
_UNDECIDED = frozenset({"forbidden", "robots", "timeout", "too-large"})


def read_channel_parameters(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values: ``excluded_channel_keywords`` (channels that do not count)."""
    if set(given) - {"excluded_channel_keywords"}:
        raise ValueError(f"no-message-channel takes excluded_channel_keywords; got {dict(given)}")
    value = given.get("excluded_channel_keywords", DEFAULT_EXCLUDED_CHANNELS)
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"excluded_channel_keywords is a list of words, got {value!r}")
    return {"excluded": tuple(value)}


def _status(site: SiteContext, url: str) -> TargetStatus | None:
    return site.statuses.get(normalize_url(url) or url) or site.statuses.get(url)


def _works(status: TargetStatus | None) -> bool | None:
    """True: the page answered with content; False: it failed; None: not fetched, or refused."""
    if status is None or status.error in _UNDECIDED or status.status in (401, 403, 429):
        return None
    if status.error is not None or status.status is None or status.status >= 400 or status.says_not_found:
        return False
    if status.title and is_closed_notice(status.title):
        return False  # 系统维护中, 正在建设中
    return status.kind in (None, "html")


def _counts(channel: Channel, excluded: tuple[str, ...]) -> bool:
    return not any(keyword in channel.name for keyword in excluded if keyword)


@check(
    name="no-message-channel", scope="site", needs=("pages", "statuses"), parameters=read_channel_parameters
)
def no_message_channel(
    site: SiteContext, *, excluded: tuple[str, ...] = DEFAULT_EXCLUDED_CHANNELS
) -> Iterator[Finding]:
    """No working online channel for consultation and suggestions.

    What it flags: a site on which the crawl found no way for the public to ask or suggest
    something online. A channel works when the crawl stored, with a normal answer (not an
    error, a "not found" page or a notice that the channel is not open: 正在建设中, 系统维护),
    any of: a message board listing messages (领导信箱, 咨询投诉, 政民互动 …); a message
    page with its question and reply; a page named like a channel
    (我要写信, 在线咨询 …) with a form that posts something other than a site search; or the
    page a link named like a channel (市长信箱, 我要留言, 12345 …) leads to, on the site or on
    a shared platform elsewhere. Channels for 网上信访 and 纪检举报 (and 在线访谈, 调查征集)
    do not count, as the rules say. One finding per site, at its homepage: ``fail`` when no
    channel works, ``unverified`` when the only candidates could not be fetched (robots.txt,
    401/403, timeout).

    Why it matters: the national indicators (2019) veto a site that offers no effective online
    channel for consultation and suggestions (SV-INT-NOCHANNEL, 未提供网上有效咨询建言渠道).

    Example: 网站未提供有效的网上咨询建言渠道：首页和各页面均没有领导信箱、在线咨询或留言入口。

    How to fix: open a consultation channel (a leader's mailbox, online consultation, a
    message board on the unified interaction platform), link it from the homepage, and make
    sure messages can be sent and replies are published.

    Known false positives: a channel drawn only by a script, or linked only from an image
    without words, is not seen; a channel page the crawl did not reach (depth or page budget)
    is not known.
    """
    if site.homepage_url is None:
        return
    boards = site_boards(site)
    site.tally.examined += 1
    stored = [
        c for c in boards.channels if _counts(c, excluded) and _works(_status(site, c.url)) is not False
    ]
    if stored:
        return
    linked = [c for c in boards.channel_links if _counts(c, excluded)]
    verdicts = [(_works(_status(site, c.url)), c) for c in linked]
    if any(works for works, _ in verdicts):
        return
    broken = [c.url for works, c in verdicts if works is False]
    broken += [c.url for c in boards.closed_links if _counts(c, excluded) and c.url not in broken]
    unknown = [c.url for works, c in verdicts if works is None]
    said = "网站未提供有效的网上咨询建言渠道"
    if unknown:
        said += f"：{len(unknown)} 个咨询留言入口未能核实（如 {unknown[0]}），请人工确认"
    elif broken:
        said += f"：{len(broken)} 个咨询留言入口无法打开（如 {broken[0]}）"
    else:
        said += "：各页面均没有领导信箱、在线咨询或留言入口"
    yield site.finding(
        at=site.homepage_url,
        record=site.homepage_record,
        message=f"{said}。{_FIX}",
        outcome=Outcome.UNVERIFIED if unknown else Outcome.FAIL,
        detail={
            "broken_channels": broken,
            "unverified_channels": unknown,
            "excluded_channels": sorted(
                {c.name for c in (*boards.channels, *boards.channel_links) if not _counts(c, excluded)}
            ),
        },
    )
