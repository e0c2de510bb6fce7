"""The interaction checks on small sites: unanswered and late messages, a missing or broken channel."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

import pytest
from tests.checks.test_freshness_demo import build_variant, crawl_in_memory
from tests.parse.test_columns import HOME, crawl, gov_page

from govinspect.checks.api import SiteContext, all_checks
from govinspect.demo.blueprint import ESTATE
from govinspect.demo.build import BuiltSite
from govinspect.engine import run_checks
from govinspect.model.crawl import TargetStatus
from govinspect.model.finding import Finding
from govinspect.model.site import Site

T = date(2026, 11, 20)
CHECKS = ("message-unanswered", "message-slow-reply", "no-message-channel")
NAV = [("/hdjl/szxx/", "市长信箱"), ("/hdjl/xf/", "网上信访")]


def page(title: str, body: str) -> str:
    return gov_page(f"{title}_某某市人民政府", body, NAV)


def letter(
    board: tuple[str, str], title: str, submitted: str, reply: tuple[str, str] | None, status: str = ""
) -> str:
    url, name = board
    replied = (
        f"<tr><th>答复单位</th><td>{reply[1]}</td></tr><tr><th>答复时间</th><td>{reply[0]}</td></tr>"
        "<tr><th>答复内容</th><td>您好，您反映的问题已收悉，我单位已安排专人处理。</td></tr>"
        if reply
        else f"<tr><th>办理状态</th><td>{status or '办理中'}</td></tr>"
    )
    return page(
        title,
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="{url}">{name}</a>'
        " &gt; 信件详情</div>"
        f"<table><tr><th>信件标题</th><td>{title}</td></tr><tr><th>来信时间</th><td>{submitted}</td></tr>"
        f"<tr><th>来信内容</th><td>请问{title[2:-3]}怎么办理？</td></tr>{replied}</table>",
    )


def board_page(url: str, name: str, rows: list[tuple[str, str, str, str]]) -> str:
    cells = "".join(
        f'<tr><td><a href="{href}">{title}</a></td><td>{shown}</td><td>{status}</td></tr>'
        for href, title, shown, status in rows
    )
    return page(
        name,
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; {name}</div><h2>{name}</h2>'
        f'<a href="{url}write.html">我要写信</a><table><tr><th>标题</th><th>来信时间</th><th>状态</th></tr>'
        f"{cells}</table>",
    )


MAILBOX = ("/hdjl/szxx/", "市长信箱")
PETITION = ("/hdjl/xf/", "网上信访")
LETTERS = {
    # (board, title, submitted, reply or None, status)
    "1": (MAILBOX, "关于学校周边交通拥堵的咨询", "2026-07-01 09:30", None, "已转交市交通运输局办理"),
    "2": (
        MAILBOX,
        "关于城区停车收费标准的咨询",
        "2026-09-29 10:00",
        ("2026-10-24 15:00", "市发展改革委"),
        "",
    ),
    "3": (MAILBOX, "关于农贸市场改造进度的咨询", "2025-08-10 11:00", None, "待回复"),  # older than 12 months
    "4": (MAILBOX, "关于公租房申请条件的咨询", "2026-10-12 08:00", ("2026-10-14 17:00", "市住房保障局"), ""),
    "5": (MAILBOX, "关于老年证办理流程的咨询", "2026-10-19 08:00", None, "待回复"),  # less than 3 months old
    "6": (MAILBOX, "关于供水管网改造施工的咨询", "2026-03-02 09:00", ("2026-06-15 10:00", "市水务局"), ""),
    "7": (PETITION, "关于征地补偿标准的反映", "2026-06-01 09:00", None, "办理中"),  # 网上信访: excluded
}


def estate() -> dict[str, str]:
    pages = {HOME: page("首页", "<p>欢迎访问</p>")}
    for board_url, name in (MAILBOX, PETITION):
        rows = [
            (f"{board_url}{key}.html", title, submitted[:10], "已回复" if reply else status or "办理中")
            for key, (board, title, submitted, reply, status) in LETTERS.items()
            if board[0] == board_url
        ]
        pages[HOME + board_url[1:]] = board_page(board_url, name, rows)
        pages[HOME + board_url[1:] + "write.html"] = page("我要写信", "<p>请如实填写。</p>")
    for key, (board, title, submitted, reply, status) in LETTERS.items():
        pages[f"{HOME}{board[0][1:]}{key}.html"] = letter(board, title, submitted, reply, status)
    return pages


def context(pages: Mapping[str, str], statuses: Mapping[str, TargetStatus] | None = None) -> SiteContext:
    """The site as a crawl stores it: its pages, and a 200 answer for each unless ``statuses`` says more."""
    crawled = crawl(pages)
    answers = {item.page.url: status(item.page.url, 200) for item in crawled} | dict(statuses or {})
    return SiteContext(
        site=Site(name="某某市人民政府", url=HOME),
        as_of=T,
        homepage_url=HOME,
        statuses=answers,
        probes={},
        read_pages=lambda: iter(crawled),
        in_scope=lambda url: url.startswith(HOME),
    )


def findings(site: SiteContext, **framework: Mapping[str, Any]) -> dict[str, list[Finding]]:
    """Each check's findings, with the framework values given by check name (underscored)."""
    values = {name.replace("_", "-"): given for name, given in framework.items()}
    results = run_checks(site, [all_checks()[name] for name in CHECKS], parameters=values)
    assert not any(coverage.error for coverage in results.coverage.values()), results.coverage
    found: dict[str, list[Finding]] = {name: [] for name in CHECKS}
    for finding in results.findings:
        found[finding.check].append(finding)
    return found


def test_unanswered_messages_within_the_year_and_older_than_three_months_are_reported_at_their_own_page() -> (
    None
):
    found = findings(context(estate()))["message-unanswered"]
    assert [f.url for f in found] == [HOME + "hdjl/szxx/1.html"]
    detail = found[0].detail
    assert (detail["title"], detail["submitted"], detail["age_days"]) == (
        "关于学校周边交通拥堵的咨询",
        "2026-07-01",
        142,
    )
    assert "市长信箱" in found[0].message and "2026-07-01" in found[0].message


def test_the_late_reply_switch_counts_a_reply_after_more_than_three_months() -> None:
    switched = {"late_reply_counts_as_unanswered": True}
    urls = {f.url for f in findings(context(estate()), message_unanswered=switched)["message-unanswered"]}
    assert urls == {HOME + "hdjl/szxx/1.html", HOME + "hdjl/szxx/6.html"}


def test_excluded_boards_are_configurable() -> None:
    nothing_excluded: dict[str, Any] = {"excluded_board_keywords": []}
    urls = {
        f.url for f in findings(context(estate()), message_unanswered=nothing_excluded)["message-unanswered"]
    }
    assert HOME + "hdjl/xf/7.html" in urls


def test_slow_replies_are_counted_in_working_days_of_the_official_calendar() -> None:
    found = {f.url: f for f in findings(context(estate()))["message-slow-reply"]}
    assert set(found) == {HOME + "hdjl/szxx/2.html", HOME + "hdjl/szxx/6.html"}
    detail = found[HOME + "hdjl/szxx/2.html"].detail
    assert (detail["submitted"], detail["replied"], detail["working_days"]) == (
        "2026-09-29",
        "2026-10-24",
        14,
    )
    assert detail["calendar"] == "official"
    relaxed = {"max_working_days": 20}
    assert [f.url for f in findings(context(estate()), message_slow_reply=relaxed)["message-slow-reply"]] == [
        HOME + "hdjl/szxx/6.html"
    ]


def test_a_site_with_a_board_has_a_channel_and_one_without_any_has_none() -> None:
    assert findings(context(estate()))["no-message-channel"] == []
    bare = {HOME: page("首页", "<p>欢迎访问</p>")}
    bare_nav = {
        url: html.replace("市长信箱", "政务公开").replace("网上信访", "工作动态")
        for url, html in bare.items()
    }
    found = findings(context(bare_nav))["no-message-channel"]
    assert [(f.url, f.outcome.value) for f in found] == [(HOME, "fail")]


def status(url: str, code: int | None, error: str | None = None) -> TargetStatus:
    return TargetStatus(
        url, "page", "GET", url, code, error, "", "text/html", "html", (), None, None, False, None
    )


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        (status("http://12345.xx.gov.cn/", 200), None),
        (status("http://12345.xx.gov.cn/", 502), "fail"),
        (status("http://12345.xx.gov.cn/", None, "robots"), "unverified"),
    ],
)
def test_a_link_to_a_shared_platform_counts_when_its_page_answers(
    answer: TargetStatus, outcome: str | None
) -> None:
    home = gov_page(
        "某某市人民政府", '<a href="http://12345.xx.gov.cn/">12345在线咨询</a><a href="/xf/">网上信访</a>', []
    )
    found = findings(context({HOME: home}, {answer.url: answer}))["no-message-channel"]
    assert [f.outcome.value for f in found] == ([outcome] if outcome else [])


# -- many board layouts: precision and recall on sites built from the common real layouts --------


def detail_table(title: str, asked: str, reply: tuple[str, str] | None, status: str) -> str:
    """领导信箱: a two-column table of labels and values, reply in a second table."""
    rows = f"<tr><th>留言标题</th><td>{title}</td></tr><tr><th>留言时间</th><td>{asked}</td></tr>"
    rows += "<tr><th>留言内容</th><td>希望有关部门尽快答复。</td></tr>"
    if reply:
        rows += f"<tr><th>回复单位</th><td>{reply[1]}</td></tr><tr><th>回复时间</th><td>{reply[0]}</td></tr>"
        rows += "<tr><th>回复内容</th><td>您好，您反映的问题已收悉并已处理。</td></tr>"
    else:
        rows += "<tr><th>回复时间</th><td></td></tr><tr><th>回复内容</th><td></td></tr>"
    return f"<table>{rows}</table><p>{status}</p>"


def detail_spans(title: str, asked: str, reply: tuple[str, str] | None, status: str) -> str:
    """12345 热线: labelled spans, the reply block first, dates in Chinese."""

    def chinese(day: str) -> str:
        d = date.fromisoformat(day[:10])
        return f"{d.year}年{d.month}月{d.day}日"

    answer = (
        f"<div><span>答复单位：</span>{reply[1]}<span>答复时间：</span>{chinese(reply[0])}"
        "<span>答复内容：</span>经核实，已协调有关单位解决。</div>"
        if reply
        else ""
    )
    return (
        f"{answer}<div><span>信件标题：</span>{title}<span>来信时间：</span>{chinese(asked)}"
        f"<span>办理状态：</span>{status or ('已办结' if reply else '办理中')}"
        "<span>来信内容：</span>请予解决。</div>"
    )


def detail_dl(title: str, asked: str, reply: tuple[str, str] | None, status: str) -> str:
    """政民互动: a definition list, status in its own field."""
    items = f"<dt>主题</dt><dd>{title}</dd><dt>提交时间</dt><dd>{asked}</dd>"
    items += "<dt>咨询内容</dt><dd>请问如何办理？</dd>"
    items += f"<dt>状态</dt><dd>{status or ('已回复' if reply else '待回复')}</dd>"
    if reply:
        items += f"<dt>答复时间</dt><dd>{reply[0]}</dd><dt>答复内容</dt><dd>感谢您的来信，答复如下。</dd>"
    return f"<dl>{items}</dl>"


def list_table(rows: list[tuple[str, str, str, str, str]]) -> str:
    cells = "".join(
        f'<tr><td><a href="{url}">{title}</a></td><td>{asked}</td><td>{status}</td></tr>'
        for url, title, asked, _, status in rows
    )
    return f"<table><tr><th>标题</th><th>留言时间</th><th>状态</th></tr>{cells}</table>"


def list_spans(rows: list[tuple[str, str, str, str, str]]) -> str:
    items = "".join(
        f'<li><a href="{url}">{title}</a><span class="zt">[{status}]</span>'
        f'<span class="sj">{asked}</span></li>'
        for url, title, asked, _, status in rows
    )
    return f"<ul>{items}</ul>"


def list_two_dates(rows: list[tuple[str, str, str, str, str]]) -> str:
    cells = "".join(
        f'<tr><td>{n + 1}</td><td>{status}</td><td><a href="{url}">{title}</a></td>'
        f"<td>{asked}</td><td>{replied}</td></tr>"
        for n, (url, title, asked, replied, status) in enumerate(rows)
    )
    heading = "<tr><th>序号</th><th>状态</th><th>标题</th><th>来信时间</th><th>回复时间</th></tr>"
    return f"<table>{heading}{cells}</table>"


DETAILS = (detail_table, detail_spans, detail_dl)
LISTS = (list_table, list_spans, list_two_dates)
TOPICS = (
    "公交线路调整",
    "小区停车难",
    "老旧小区加装电梯",
    "学区划分",
    "医保异地就医备案",
    "路灯不亮",
    "燃气管道改造",
)


def layout_site(
    seed: int, detail: Callable[..., str], listing: Callable[..., str], stored: bool
) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """A site with a 市长信箱 and a 网上信访 board in one layout; the planted (check, url) problems."""
    rng = random.Random(seed)
    pages = {HOME: page("首页", "<p>欢迎访问</p>")}
    truth: set[tuple[str, str]] = set()
    for board_url, name in (MAILBOX, PETITION):
        rows = []
        plans: list[tuple[int, int | None]] = [(age, rng.choice((1, 2, 3, None))) for age in (2, 9, 30, 55)]
        plans += [(rng.randrange(100, 340), None) for _ in range(2)]  # unanswered for more than 3 months
        plans += [(rng.randrange(30, 300), rng.randrange(20, 40)) for _ in range(2)]  # answered weeks later
        plans += [
            (rng.randrange(400, 600), None),
            (rng.randrange(120, 300), 1),
            (rng.randrange(120, 300), -1),
        ]
        for n, (age, after) in enumerate(plans):
            asked_day = T - timedelta(days=age)
            replied_day = asked_day + timedelta(days=after) if after is not None and after >= 0 else None
            if replied_day is not None and replied_day > T:
                replied_day = None
            url = f"{board_url}{seed}_{n}.html"
            title = f"关于{rng.choice(TOPICS)}问题的咨询（{n}）"
            asked = f"{asked_day.isoformat()} 09:{n:02d}"
            reply = (f"{replied_day.isoformat()} 16:00", "市政府办公室") if replied_day else None
            if after == -1:  # says 已回复 but shows no reply date
                status = "已回复"
            else:
                status = (
                    "已回复" if reply else rng.choice(("办理中", "待回复", "已转交有关部门办理，尚未回复"))
                )
            shown_reply = replied_day.isoformat() if replied_day else ""
            rows.append((url, title, asked_day.isoformat(), shown_reply, status))
            if stored:
                pages[HOME + url[1:]] = page(
                    title,
                    f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; '
                    f'<a href="{board_url}">{name}</a></div>' + detail(title, asked, reply, status),
                )
            if name != "市长信箱":
                continue
            dated_in_list = stored or listing is list_two_dates
            if reply is None and after != -1 and 100 <= age <= 350:
                truth.add(("message-unanswered", HOME + url[1:]))
            elif reply is not None and after is not None and after >= 20 and age <= 350 and dated_in_list:
                truth.add(("message-slow-reply", HOME + url[1:]))
        pages[HOME + board_url[1:]] = page(
            name,
            f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; {name}</div>'
            f"<h2>{name}</h2>{listing(rows)}",
        )
    return pages, truth


def test_precision_and_recall_over_the_common_board_layouts() -> None:
    planted: set[tuple[str, str]] = set()
    found: set[tuple[str, str]] = set()
    for seed, (detail, listing, stored) in enumerate(itertools.product(DETAILS, LISTS, (True, False))):
        if not stored and detail is not DETAILS[0]:
            continue  # the list alone: one variant per list layout is enough
        pages, truth = layout_site(seed, detail, listing, stored)
        planted |= {(check, f"{seed}:{url}") for check, url in truth}
        for check, results in findings(context(pages)).items():
            found |= {(check, f"{seed}:{f.url}") for f in results if f.outcome.value == "fail"}
    for check in ("message-unanswered", "message-slow-reply"):
        mine = {f for f in found if f[0] == check}
        truth = {p for p in planted if p[0] == check}
        precision = len(mine & truth) / len(mine) if mine else 1.0
        recall = len(mine & truth) / len(truth)
        print(
            f"{check}: planted {len(truth)}, found {len(mine)}, "
            f"precision {precision:.2f}, recall {recall:.2f}"
        )
        assert precision >= 0.95 and recall >= 0.95, (check, sorted(mine - truth), sorted(truth - mine))
    assert not {f for f in found if f[0] == "no-message-channel"}


def test_petition_and_discipline_boards_are_not_a_consultation_channel() -> None:
    only_petitions = {
        url: html.replace("市长信箱", "纪检举报")
        for url, html in estate().items()
        if "/szxx/" not in url or url.endswith("/szxx/")
    }
    only_petitions.pop(HOME + "hdjl/szxx/")
    found = findings(context(only_petitions))["no-message-channel"]
    assert [f.outcome.value for f in found] == ["fail"]
    assert found[0].detail["excluded_channels"]


def test_a_mailbox_link_whose_page_is_missing_is_not_a_working_channel() -> None:
    home = gov_page("某某市人民政府", '<a href="/hdjl/szxx/">市长信箱</a>', [])
    missing = status(HOME + "hdjl/szxx/", 404)
    found = findings(context({HOME: home}, {missing.url: missing}))["no-message-channel"]
    assert [(f.outcome.value, f.detail["broken_channels"]) for f in found] == [
        ("fail", [HOME + "hdjl/szxx/"])
    ]


# -- the demo estate, built and crawled in memory in each CMS style -------------------------------


def demo_findings(built: BuiltSite) -> set[tuple[str, str]]:
    pages = crawl_in_memory(built)
    site = SiteContext(
        site=built.site,
        as_of=T,
        homepage_url=built.site.url,
        statuses={item.page.url: status(item.page.url, 200) for item in pages},
        probes={},
        read_pages=lambda: iter(pages),
        in_scope=lambda url: True,
    )
    return {(f.check, f.url) for f in run_checks(site, [all_checks()[name] for name in CHECKS]).findings}


@pytest.mark.parametrize("rotation", [0, *(pytest.param(n, marks=pytest.mark.slow) for n in (1, 2, 3))])
def test_the_demo_estate_in_every_style_is_judged_as_planted(rotation: int) -> None:
    """Each site of the demo estate drawn in another CMS style (rotation) keeps its planted problems."""
    rng = random.Random(f"interaction-{rotation}")
    planted: set[tuple[str, str]] = set()
    found: set[tuple[str, str]] = set()
    for plan in ESTATE:
        built = build_variant(plan, rng, rotation, rotation, False)
        planted |= {(p.check, p.url or "") for p in built.problems if p.check in CHECKS}
        found |= demo_findings(built)
    for check in CHECKS:
        mine = {pair for pair in found if pair[0] == check}
        truth = {pair for pair in planted if pair[0] == check}
        assert truth, f"the demo estate plants no {check}"
        hits = len(mine & truth)
        assert hits / len(mine) >= 0.95 and hits / len(truth) >= 0.95, (
            sorted(mine - truth),
            sorted(truth - mine),
        )


def test_a_mailbox_page_that_says_it_is_closed_is_not_a_working_channel() -> None:
    home = gov_page("某某市人民政府", '<a href="/hdjl/szxx/">市长信箱</a>', [])
    closed = gov_page("市长信箱", "<p>系统维护中，暂停使用，敬请谅解。</p>", [])
    found = findings(context({HOME: home, HOME + "hdjl/szxx/": closed}))["no-message-channel"]
    assert [(f.outcome.value, f.detail["broken_channels"]) for f in found] == [
        ("fail", [HOME + "hdjl/szxx/"])
    ]


@pytest.mark.parametrize(
    ("check", "given"),
    [
        ("message-unanswered", {"unanswered_after_months": 12, "window_months": 12}),
        ("message-unanswered", {"excluded_board_keywords": "网上信访"}),
        ("message-slow-reply", {"max_working_days": -1}),
        ("message-slow-reply", {"holidays": ["2027-13-01"]}),
        ("no-message-channel", {"excluded": ["信访"]}),
    ],
)
def test_framework_values_that_make_no_sense_are_refused(check: str, given: dict[str, Any]) -> None:
    reader = all_checks()[check].read_parameters
    assert reader is not None
    with pytest.raises(ValueError):
        reader(given)
