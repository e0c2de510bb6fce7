"""Public message boards (领导信箱, 政民互动, 12345 热线 …) read from a site's stored pages.

A board shows its messages in two kinds of page:

- a **list page**: one row per message, its title linking to the message, with the day it was
  written and often a status (已回复, 办理中 …) or the day it was answered, in table cells or
  spans beside the title (``标题 留言时间 状态`` rows);
- a **detail page**: the message and its reply as labelled fields — 留言标题, 留言时间 /
  来信时间 / 提交时间, 留言内容, then 回复单位 / 答复单位, 回复时间 / 答复时间 / 办理时间,
  回复内容 — in any order, as ``label：value`` text or as a table whose first row holds the labels
  and the next row the values.

A stored page keeps its readable text and its links, no DOM; labels are found in the text and
each label's value is the text up to the next label. :func:`read_boards` reads every page, merges
what the list rows and the detail pages say about each message (the detail page wins), and names
the board each message belongs to (the detail page's breadcrumb, else the list page's title).
Dates are the dates the pages display, never the day of the crawl.

It also finds what a reader can use to write to the site (:class:`Channel`): a board listing
messages, a page with a message form, a link named like a consultation channel.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from govinspect.model import Page
from govinspect.model.crawl import CrawledPage
from govinspect.parse.columns_lists import PlacedLink, find_breadcrumb, is_more_link, place_links
from govinspect.parse.columns_pages import page_identity
from govinspect.parse.dates_text import scan_dates

__all__ = [
    "Answer",
    "Channel",
    "Message",
    "MessageBoards",
    "in_places",
    "is_channel_name",
    "is_closed_notice",
    "read_boards",
    "read_message_page",
    "status_answer",
]

Answer = Literal["answered", "unanswered", "invalid"]
Field = Literal[
    "title", "submitted", "posted", "replied", "status", "reply", "replier", "question", "asker", "other"
]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_LABELS: dict[Field, tuple[str, ...]] = {
    "title": _words(
        "留言标题 信件标题 来信标题 咨询标题 诉求标题 问题标题 留言主题 信件主题 来信主题 标题 主题"
    ),
    "submitted": _words(
        "留言时间 留言日期 来信时间 来信日期 提交时间 提交日期 写信时间 写信日期 咨询时间 "
        "咨询日期 提问时间 提问日期 投诉时间 诉求时间 反映时间 发信时间 建言时间 求助时间 "
        "发件时间"
    ),
    # A generic date label: the message's date only on a page that also shows a reply's fields.
    "posted": _words("发布时间 发表时间 发布日期 时间 日期"),
    "replied": _words(
        "回复时间 回复日期 答复时间 答复日期 办理时间 办结时间 办结日期 反馈时间 反馈日期 "
        "处理时间 回复于 答复于 回信日期 回信时间"
    ),
    "status": _words("办理状态 处理状态 回复状态 答复状态 信件状态 留言状态 当前状态 状态"),
    "reply": _words(
        "回复内容 答复内容 办理结果 处理结果 回复意见 答复意见 办理情况 处理情况 反馈内容 "
        "反馈意见 答复正文 回复正文 部门回复 领导回复 官方回复 回复 答复"
    ),
    "replier": _words(
        "回复单位 答复单位 办理单位 处理单位 回复部门 答复部门 办理部门 承办单位 回复机构 答复机构"
    ),
    "question": _words(
        "留言内容 来信内容 信件内容 咨询内容 诉求内容 问题描述 投诉内容 网友留言 群众来信 内容"
    ),
    "asker": _words("留言人 来信人 写信人 咨询人 提问人 投诉人 姓名 网友"),
    "other": _words(
        "信件编号 留言编号 受理编号 编号 查询码 信件类型 留言类型 类型 分类 "
        "浏览次数 点击数 是否公开 受理时间 受理单位 序号 所属领域 阅读次数 满意度 批示情况 邮件字号 "
        "发布者"
    ),
}
_FIELD_OF = {label: name for name, labels in _LABELS.items() for label in labels}
_LABEL = re.compile(
    r"(?<![\u4e00-\u9fff\w])(?P<label>"
    + "|".join(sorted(map(re.escape, _FIELD_OF), key=len, reverse=True))
    + r")(?:\s*[:：]\s*|\s+|$)"
)

# Status phrases, the unanswered and invalid ones first: 未回复 holds 回复, 未办结 holds 办结.
_STATUS_PHRASES: tuple[tuple[str, Answer], ...] = (
    *((phrase, "invalid") for phrase in _words("不予受理 不受理 无效留言 重复留言")),
    *(
        (phrase, "unanswered")
        for phrase in _words(
            "尚未回复 尚未答复 暂未回复 暂无回复 等待回复 未回复 待回复 未答复 待答复 "
            "未办结 未处理 待处理 正在办理 办理中 处理中 受理中 已受理 已转办 "
            "转办中 未反馈 已转交 已交办 交办中 未受理 待受理 已签收 待办理 未办理 审核中 待审核 "
            "未完结"
        )
    ),
    *(
        (phrase, "answered")
        for phrase in _words(
            "已回复 已答复 已办结 已处理 已反馈 已完成 已解决 已经回复 "
            "已办理 办理完毕 已完结 已回信 办结 完结"
        )
    ),
)
_STATUS = re.compile("|".join(re.escape(phrase) for phrase, _ in _STATUS_PHRASES))
_ANSWER_OF = dict(_STATUS_PHRASES)

# Words naming a consultation channel, in a board's or a link's name.
_CHANNEL_WORDS = re.compile(
    r"信箱|留言|写信|来信|咨询|建言|建议|诉求|问政|政民互动|互动交流|12345|热线|网民|民意|投诉|求助|我要提问|提问"
)
# Short link texts that name a channel (a longer text is a news title that mentions one).
_CHANNEL_LINK = re.compile(r"信箱|留言|写信|来信|咨询|建言|问政|政民互动|互动交流|12345|诉求|热线|我要提问")
_CHANNEL_LINK_CHARS = 12
# A link text that names no board (我要写信, 留言): the board is that of the page it stands on.
_BOARD_WORDS = re.compile(r"信箱|咨询|建言|问政|互动|12345|诉求|热线|信访|举报|纪检|访谈|征集|调查")
# Forms that search the site are not channels.
_SEARCH_FORM = re.compile(r"search|query|sousuo|seach|keyword|\bq\b|\bwd\b|so\.|检索|搜索", re.IGNORECASE)
# Where a page's own text ends and the site's footer starts (a reply value runs up to it).
_FOOTER = re.compile(
    r"版权所有|主办单位|网站标识码|ICP备|公网安备|关于我们|网站地图|联系我们|返回顶部|打印本页|关闭窗口"
)
# A page saying that a channel is not open.
_CLOSED = re.compile(
    r"正在建设|建设中(?!心)|敬请期待|系统维护|维护中(?!心)|升级改造中|暂停使用|暂停服务|暂未开通|尚未开通|停止使用"
)
# The last crumb of a message page that names the page itself (信件详情, 正文, 查看留言).
_PAGE_CRUMB = re.compile(
    r"^(?:信件|留言|来信|咨询|内容)?(?:详情|详细|正文|内容|查看|浏览|阅读)(?:页|信息|内容)?$|^查看"
)
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|－|—|--| - )\s*")
_VALUE_CHARS = 400  # a value longer than this is body text, cut for the evidence
_ROW_AFTER_CHARS = 120  # text after a list row's title read for its dates and status
_ROW_BEFORE_CHARS = 60
_HEADER_LOOKBACK = 160  # text before the first row read for the list's column headings
_SHORTEST_TITLE = 4
_MIN_REPLY_CHARS = 6
_STATUS_AFTER_CHARS = 200  # text after the message's last field read for a status phrase


@dataclass(frozen=True, slots=True)
class Message:
    """One public message as the site shows it.

    ``answer`` is what the page says about the reply: ``answered`` (a reply, its date, or a
    status such as 已回复/已办结), ``unanswered`` (未回复, 办理中, an empty reply field …),
    ``invalid`` (不予受理, 重复留言) or None when the page says nothing about it.
    ``places`` are the names the message is filed under (breadcrumb crumbs, the board list's
    title), to tell excluded boards (网上信访, 纪检举报 …) apart.
    """

    url: str
    title: str
    board: str
    places: tuple[str, ...]
    submitted: datetime.date | None
    submitted_text: str
    replied: datetime.date | None
    replied_text: str
    status: str  # the status as displayed ("已回复", "办理状态：已转交…办理，尚未回复"); "" when none
    answer: Answer | None
    reply_text: str
    record_id: str | None
    from_detail: bool  # read from the message's own page (else only from a list row)


@dataclass(frozen=True, slots=True)
class Channel:
    """A way to write to the site: a board listing messages, a message form, or a link named like one."""

    url: str
    name: str
    kind: Literal["board", "message", "form", "link"]


@dataclass(frozen=True, slots=True)
class MessageBoards:
    """Every message the site's stored pages show, each once, and the channels they came through."""

    messages: tuple[Message, ...]
    channels: tuple[Channel, ...]  # boards, message pages and message forms the crawl stored
    channel_links: tuple[Channel, ...]  # links named like a channel (我要留言, 市长信箱 …), by target
    closed_links: tuple[Channel, ...]  # such links whose stored page says the channel is not open
    list_pages: tuple[str, ...]


def in_places(message: Message, keywords: Iterable[str]) -> str | None:
    """The first keyword (网上信访, 纪检举报 …) naming the board or a place the message is filed under."""
    names = " ".join((message.board, *message.places))
    return next((keyword for keyword in keywords if keyword and keyword in names), None)


@dataclass(frozen=True, slots=True)
class _Token:
    field: Field
    start: int
    value_start: int


def status_answer(text: str) -> tuple[str, Answer] | None:
    """The first status phrase in ``text`` and what it says (已回复 → answered, 办理中 → unanswered)."""
    found = _STATUS.search(text)
    return (found.group(), _ANSWER_OF[found.group()]) if found else None


def is_channel_name(text: str) -> bool:
    """True for names of consultation channels: 市长信箱, 我要留言, 政民互动, 12345 热线 …"""
    return _CHANNEL_WORDS.search(text) is not None


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(_FIELD_OF[match.group("label")], match.start(), match.end()) for match in _LABEL.finditer(text)
    ]


def _leading_date(value: str, reference: datetime.date) -> tuple[datetime.date, str] | None:
    """The date a field value starts with (``2026-07-01 11:13:00``), with its text."""
    stripped = value.lstrip(" :：[(（【")
    for match in scan_dates(stripped, reference=reference):
        if match.start <= 1:
            return match.date, stripped[match.start : match.end]
        break
    return None


@dataclass
class _Fields:
    """What a run of labelled text says about one message."""

    title: str = ""
    submitted: tuple[datetime.date, str] | None = None
    replied: tuple[datetime.date, str] | None = None
    status: str = ""
    reply: str = ""
    reply_labels: int = 0  # reply fields present (with or without a value)
    message_labels: int = 0  # other fields of a message (content, asker, replier)
    labelled_submission: bool = False  # 留言时间 followed by its own date (not a heading row)
    posted: tuple[datetime.date, str] | None = None  # 发布时间 / 时间 before any reply field
    end: int = 0


def _values(text: str, tokens: list[_Token]) -> list[tuple[_Token, str]]:
    values = []
    for index, token in enumerate(tokens):
        end = tokens[index + 1].start if index + 1 < len(tokens) else len(text)
        footer = _FOOTER.search(text, token.value_start, end)
        end = footer.start() if footer else end
        values.append((token, text[token.value_start : end].strip()[:_VALUE_CHARS]))
    return values


def _heading_runs(values: list[tuple[_Token, str]], reference: datetime.date) -> _Fields:
    """Dates of a table whose labels stand in one row and values in the next (标题 留言时间 回复时间 …)."""
    fields = _Fields()
    run: list[_Token] = []
    for token, value in values:
        run.append(token)
        if not value:
            continue
        dated = [t.field for t in run if t.field in ("submitted", "replied")]
        if len(run) > 1 and dated:
            matches = list(scan_dates(value, reference=reference))
            for name, match in zip(dated, matches, strict=False):
                found = (match.date, value[match.start : match.end])
                if name == "submitted" and fields.submitted is None:
                    fields.submitted = found
                elif name == "replied" and fields.replied is None:
                    fields.replied = found
            if any(t.field == "status" for t in run) and not fields.status:
                said = status_answer(value)
                fields.status = said[0] if said else ""
        run = []
    return fields


def _is_reply_text(value: str) -> bool:
    """A reply's wording, not a status note standing where the reply would be (尚未回复, 暂无)."""
    if len(value) < _MIN_REPLY_CHARS or value.strip("（）()[]【】 ") in ("暂无", "无"):
        return False
    return _STATUS.match(value.lstrip("（([【 ")) is None


def _read_fields(text: str, reference: datetime.date) -> _Fields:
    """The labelled fields of a message in ``text`` (label order does not matter)."""
    values = _values(text, _tokens(text))
    fields = _Fields()
    for token, value in values:
        if token.field == "title" and not fields.title and value:
            fields.title = value[:200]
        elif token.field == "submitted" and fields.submitted is None:
            fields.submitted = _leading_date(value, reference)
            fields.labelled_submission = fields.submitted is not None
        elif token.field == "posted" and fields.posted is None and not fields.reply_labels:
            fields.posted = _leading_date(value, reference)
        elif token.field == "replied":
            fields.reply_labels += 1
            if fields.replied is None:
                fields.replied = _leading_date(value, reference)
        elif token.field == "status" and not fields.status and value:
            fields.status = value[:60]
        elif token.field == "reply":
            fields.reply_labels += 1
            if not fields.reply and _is_reply_text(value):
                fields.reply = value
        elif token.field in ("question", "asker", "replier"):
            fields.message_labels += 1
        fields.end = max(fields.end, token.value_start + len(value))
    if (
        fields.submitted is None
        and fields.posted is not None
        and fields.reply_labels
        and fields.message_labels
    ):
        fields.submitted, fields.labelled_submission = fields.posted, True
    heading = _heading_runs(values, reference)
    fields.submitted = fields.submitted or heading.submitted
    fields.replied = fields.replied or heading.replied
    fields.status = fields.status or heading.status
    return fields


def _answer(
    fields: _Fields, stated: tuple[str, Answer] | None, seen: tuple[str, Answer] | None = None
) -> Answer | None:
    """What the reply state is: a reply date, then the status field, then a reply text, then a
    status phrase seen near the message (``seen``), then reply fields left empty."""
    if any(said is not None and said[1] == "invalid" for said in (stated, seen)):
        return "invalid"
    if fields.replied is not None:
        return "answered"
    if stated is not None:
        return stated[1]
    if fields.reply:
        return "answered"  # a reply that says 正在办理中 is still a reply
    if seen is not None:
        return seen[1]
    if fields.reply_labels:
        return "unanswered"  # 回复时间： 回复内容： with nothing after them
    return None


def _page_name(page: Page) -> str:
    parts = [part for part in _TITLE_SEPARATORS.split(page.title.strip()) if part]
    return parts[0] if parts else ""


def read_message_page(
    page: Page, *, reference: datetime.date, record_id: str | None = None, heading_rows: bool = True
) -> Message | None:
    """The message a detail page shows, or None when the page is not one message and its reply.

    A message page dates its message with a label (留言时间, 来信时间 …) and shows at least one
    other field of a message (留言内容, 留言人, 回复时间, 回复内容, 办理状态 …). With
    ``heading_rows`` False, a date under a heading row of labels (a list's ``标题 留言时间 状态``)
    does not make a message page: the caller knows the page is a list.
    """
    fields = _read_fields(page.text, reference)
    if fields.submitted is None or not (heading_rows or fields.labelled_submission):
        return None
    start = page.text.find(fields.submitted[1])
    region = page.text[max(0, start) : fields.end + _STATUS_AFTER_CHARS]
    stated = status_answer(fields.status)
    seen = status_answer(region.replace(fields.reply, " ") if fields.reply else region)
    evidence = fields.message_labels + fields.reply_labels + bool(fields.status) + (seen is not None)
    if not evidence:
        return None
    title = fields.title or _page_name(page)
    crumb = find_breadcrumb(page.text)
    places = list(crumb.names if crumb else ())
    while places and (places[-1] == title or _PAGE_CRUMB.search(places[-1])):
        places.pop()  # 首页 > 市长信箱 > 信件详情: the last crumb names the page, not its board
    column = page.meta_value("columnname")
    if column:
        places.append(column)
    board = places[-1] if places else ""
    return Message(
        url=page.url,
        title=title,
        board=board,
        places=tuple(places),
        submitted=fields.submitted[0],
        submitted_text=fields.submitted[1],
        replied=fields.replied[0] if fields.replied else None,
        replied_text=fields.replied[1] if fields.replied else "",
        status=fields.status or (seen[0] if seen else ""),
        answer=_answer(fields, stated, seen),
        reply_text=fields.reply,
        record_id=record_id,
        from_detail=True,
    )


@dataclass(frozen=True, slots=True)
class _Row:
    title: str
    url: str
    dates: tuple[tuple[datetime.date, str], ...]
    status: tuple[str, Answer] | None
    fields: _Fields


def _segments(text: str, placed: list[PlacedLink], index: int) -> tuple[str, str]:
    link = placed[index]
    before_start = max(placed[index - 1].end if index else 0, link.start - _ROW_BEFORE_CHARS)
    after_end = min(
        placed[index + 1].start if index + 1 < len(placed) else len(text), link.end + _ROW_AFTER_CHARS
    )
    return text[before_start : link.start], text[link.end : max(after_end, link.end)]


def _side_status(segment: str, last: bool) -> tuple[str, Answer] | None:
    found = list(_STATUS.finditer(segment))
    if not found:
        return None
    chosen = found[-1] if last else found[0]
    return chosen.group(), _ANSWER_OF[chosen.group()]


def _list_rows(page: Page, in_scope: Callable[[str], bool], reference: datetime.date) -> list[_Row]:
    """Rows of the lists on a page: each link to an item, with the dates and status beside it."""
    text = page.text
    placed = [
        link
        for link in place_links(text, page.links)
        if not link.pagination and not is_more_link(link.text) and len(link.text.strip()) >= _SHORTEST_TITLE
        and in_scope(link.url) and page_identity(link.url) != page_identity(page.url)
    ]  # fmt: skip
    sides = [_segments(text, placed, index) for index in range(len(placed))]
    dates_before = sum(any(scan_dates(before, reference=reference)) for before, _ in sides)
    dates_after = sum(any(scan_dates(after, reference=reference)) for _, after in sides)
    dated_sides = [before if dates_before > dates_after else after for before, after in sides]
    # The status column's side is judged on the dated rows only (navigation links have neither).
    in_rows = [
        side
        for side, text in zip(sides, dated_sides, strict=True)
        if any(scan_dates(text, reference=reference))
    ]
    status_before = sum(_STATUS.search(before) is not None for before, _ in in_rows)
    status_after = sum(_STATUS.search(after) is not None for _, after in in_rows)
    rows = []
    for link, (before, after), dated in zip(placed, sides, dated_sides, strict=True):
        statused = before if status_before > status_after else after
        fields = _read_fields(dated, reference)
        dates = tuple((m.date, dated[m.start : m.end]) for m in scan_dates(dated, reference=reference))
        status = _side_status(statused, last=statused is before)
        rows.append(_Row(link.text.strip(), link.url, dates, status, fields))
    return rows


def _heading_order(text: str, first_row: int) -> list[Field]:
    """The date columns a list's heading row names, in order (留言时间 … 回复时间)."""
    heading = text[max(0, first_row - _HEADER_LOOKBACK) : first_row]
    fields = [t.field for t in _tokens(heading) if t.field in ("submitted", "posted", "replied")]
    return ["submitted" if name == "posted" else name for name in fields]


def _row_message(row: _Row, order: list[Field], board: str, page: Page, record_id: str | None) -> Message:
    submitted = row.fields.submitted if row.fields.labelled_submission else None
    replied = row.fields.replied
    if submitted is None and replied is None and row.dates:
        if order == ["replied"]:
            replied = row.dates[0]
        elif len(row.dates) >= 2 and order[:2] == ["replied", "submitted"]:
            replied, submitted = row.dates[0], row.dates[1]
        elif len(row.dates) >= 2:
            submitted, replied = row.dates[0], row.dates[1]
            if order[:2] != ["submitted", "replied"] and replied[0] < submitted[0]:
                submitted, replied = replied, submitted  # no heading: the earlier day is the message's
        else:
            submitted = row.dates[0]
    fields = replace(row.fields, submitted=submitted, replied=replied)
    return Message(
        url=row.url,
        title=row.title,
        board=board,
        places=(board,) if board else (),
        submitted=submitted[0] if submitted else None,
        submitted_text=submitted[1] if submitted else "",
        replied=replied[0] if replied else None,
        replied_text=replied[1] if replied else "",
        status=row.status[0] if row.status else "",
        answer=_answer(fields, row.status),
        reply_text="",
        record_id=record_id,
        from_detail=False,
    )


def _board_name(page: Page) -> str:
    crumb = find_breadcrumb(page.text)
    column = page.meta_value("columnname")
    return column or (crumb.names[-1] if crumb else "") or _page_name(page)


def _merge(detail: Message, listed: Message) -> Message:
    """The detail page's message, completed with what its list row says."""
    places = tuple(dict.fromkeys((*detail.places, *listed.places)))
    merged = replace(detail, places=places, board=detail.board or listed.board)
    if merged.submitted is None:
        merged = replace(merged, submitted=listed.submitted, submitted_text=listed.submitted_text)
    if merged.replied is None and listed.replied is not None:
        merged = replace(merged, replied=listed.replied, replied_text=listed.replied_text)
        if merged.answer != "invalid":
            merged = replace(merged, answer="answered")
    if merged.answer is None:
        merged = replace(merged, answer=listed.answer, status=merged.status or listed.status)
    return merged


def _context_name(page: Page) -> str:
    """The names a page stands under: its breadcrumb, column and title (网上信访 我要写信)."""
    crumb = find_breadcrumb(page.text)
    names = (*(crumb.names if crumb else ()), page.meta_value("columnname") or "", _page_name(page))
    return " ".join(dict.fromkeys(name for name in names if name))


def _form_channel(page: Page) -> Channel | None:
    """A message form: a form that posts something other than a search, on a page named like a channel."""
    name = _context_name(page)
    if not is_channel_name(f"{name} {page.title}"):
        return None
    for form in page.forms:
        if _SEARCH_FORM.search(form.action) or any(_SEARCH_FORM.search(field) for field in form.fields):
            continue
        if form.method.lower() == "post" or len(form.fields) >= 3:
            return Channel(page.url, name, "form")
    return None


def _listed_messages(
    lists: list[tuple[Page, str | None, list[_Row]]], details: Mapping[str, Message]
) -> tuple[dict[str, Message], list[Page]]:
    """The messages the board lists show, by page identity, and the board list pages."""
    listed: dict[str, Message] = {}
    boards: list[Page] = []
    for page, record_id, rows in lists:
        if page_identity(page.url) in details:
            continue
        linked = [row for row in rows if page_identity(row.url) in details]
        name = _board_name(page)
        if linked:
            chosen = [row for row in rows if row in linked or (row.status is not None and bool(row.dates))]
        elif sum(row.status is not None for row in rows) >= 2 and is_channel_name(f"{name} {page.title}"):
            chosen = [row for row in rows if row.status is not None and row.dates]
        else:
            continue
        boards.append(page)
        first = page.text.find(chosen[0].title) if chosen else -1
        order = _heading_order(page.text, first) if first >= 0 else []
        for row in chosen:
            listed.setdefault(page_identity(row.url), _row_message(row, order, name, page, record_id))
    return listed, boards


def _channel_links(page: Page) -> Iterator[Channel]:
    """Links whose short text names a channel; a generic one (我要写信) takes the page's names."""
    for link in page.links:
        text = link.text.strip()
        if (
            link.tag == "a"
            and not link.hidden
            and len(text) <= _CHANNEL_LINK_CHARS
            and _CHANNEL_LINK.search(text)
        ):
            name = text if _BOARD_WORDS.search(text) else f"{_context_name(page)} {text}"
            yield Channel(link.url, name, "link")


def is_closed_notice(text: str) -> bool:
    """True for a page that says the channel is not open (正在建设中, 系统维护, 暂停使用 …)."""
    return _CLOSED.search(text) is not None


def read_boards(
    pages: Iterable[CrawledPage],
    *,
    reference: datetime.date,
    in_scope: Callable[[str], bool] = lambda url: True,
) -> MessageBoards:
    """Every message shown by the site's pages, merged by its URL, and the site's message channels.

    A list page is a page with rows leading to message pages, or, when the message pages were
    not stored, a page named like a board (信箱, 留言, 咨询 …) with at least two rows showing a
    message status. A list row is a message only on such a page. A link named like a channel
    whose page says the channel is not open (正在建设中, 系统维护 …) is in ``closed_links``.
    """
    details: dict[str, Message] = {}
    lists: list[tuple[Page, str | None, list[_Row]]] = []
    channels: dict[str, Channel] = {}
    links: dict[tuple[str, str], Channel] = {}
    closed: set[str] = set()
    for crawled in pages:
        page = crawled.page
        links.update(((c.url, c.name), c) for c in _channel_links(page) if (c.url, c.name) not in links)
        rows = [row for row in _list_rows(page, in_scope, reference) if row.dates or row.status]
        message = read_message_page(
            page,
            reference=reference,
            record_id=crawled.record_id,
            heading_rows=not any(r.dates for r in rows),
        )
        if message is not None:
            details[page_identity(page.url)] = message
        if rows:
            lists.append((page, crawled.record_id, rows))
        form = _form_channel(page)
        if form is not None:
            channels.setdefault(page_identity(page.url), form)
        elif is_closed_notice(page.text):
            closed.add(page_identity(page.url))
    listed, boards = _listed_messages(lists, details)
    for board in boards:
        channels.setdefault(page_identity(board.url), Channel(board.url, _board_name(board), "board"))
    messages: dict[str, Message] = {}
    for key, message in details.items():
        messages[key] = _merge(message, listed[key]) if key in listed else message
        channels.setdefault(key, Channel(message.url, messages[key].board or message.title, "message"))
    # A board whose message pages show dated replies shows them on every answered message: a page
    # of that board that shows no reply and no status at all has none.
    answering = {m.board for m in messages.values() if m.from_detail and m.replied is not None}
    for key, message in messages.items():
        if message.answer is None and message.board in answering:
            messages[key] = replace(message, answer="unanswered")
    for key, message in listed.items():
        messages.setdefault(key, message)
    ordered = sorted(messages.values(), key=lambda m: (m.submitted or datetime.date.min, m.url), reverse=True)
    is_closed = [
        page_identity(c.url) in closed and page_identity(c.url) not in channels for c in links.values()
    ]
    return MessageBoards(
        messages=tuple(ordered),
        channels=tuple(channels.values()),
        channel_links=tuple(c for c, shut in zip(links.values(), is_closed, strict=True) if not shut),
        closed_links=tuple(c for c, shut in zip(links.values(), is_closed, strict=True) if shut),
        list_pages=tuple(board.url for board in boards),
    )
