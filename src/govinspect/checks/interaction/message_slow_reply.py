"""Public messages answered more than 5 working days after they were written."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import Window
from govinspect.checks.interaction.message_unanswered import (
    DEFAULT_EXCLUDED_BOARDS,
    ONE_YEAR,
    excluded_keywords,
    site_boards,
)
from govinspect.model.finding import Finding
from govinspect.parse.messages import in_places
from govinspect.parse.workdays import WorkdayCalendar, calendar_from_values, read_calendar_file

_FIX = "请在规定的工作日内答复留言；确需延期的，应向留言人说明原因。"
OFFICIAL_CALENDAR = WorkdayCalendar()


def read_slow_reply_parameters(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values: max_working_days, window_months, excluded_board_keywords, and the calendar:
    ``calendar_file`` (a YAML file of holidays and workdays) and/or inline ``holidays``/``workdays``."""
    known = {
        "max_working_days",
        "window_months",
        "excluded_board_keywords",
        "calendar_file",
        "holidays",
        "workdays",
    }
    if set(given) - known:
        raise ValueError(f"message-slow-reply takes {', '.join(sorted(known))}; got {dict(given)}")
    limit = int(given.get("max_working_days", 5))
    months = int(given.get("window_months", 12))
    if limit < 0 or months <= 0:
        raise ValueError(f"max_working_days must be 0 or more and window_months positive; got {dict(given)}")
    calendar = calendar_from_values(
        {key: given[key] for key in ("holidays", "workdays") if key in given}, "message-slow-reply"
    )
    if given.get("calendar_file"):
        from_file = read_calendar_file(str(given["calendar_file"]))
        calendar = WorkdayCalendar(
            calendar.extra_holidays | from_file.extra_holidays,
            calendar.extra_workdays | from_file.extra_workdays,
        )
    return {
        "max_working_days": limit,
        "window": Window(months=months),
        "excluded": excluded_keywords(given, "excluded_board_keywords"),
        "calendar": calendar,
    }


@check(name="message-slow-reply", scope="site", needs=("pages",), parameters=read_slow_reply_parameters)
def message_slow_reply(
    site: SiteContext,
    *,
    max_working_days: int = 5,
    window: Window = ONE_YEAR,
    excluded: tuple[str, ...] = DEFAULT_EXCLUDED_BOARDS,
    calendar: WorkdayCalendar = OFFICIAL_CALENDAR,
) -> Iterator[Finding]:
    """Public messages answered more than 5 working days after they were written.

    What it flags: a message on the site's public message board, written within the 12 months
    before the monitoring day T, whose reply is dated more than 5 working days after the day
    it was written. Working days follow the State Council's official holiday calendar: public
    holidays do not count, the weekend days declared working days (调休上班) do. They are
    counted from the day after the message was written up to the day of the reply: written on
    a Friday and answered the next Monday is 1 working day. Both days are the ones the site
    displays (留言时间 … 回复时间 / 答复时间 / 办理时间), never the day of the crawl. One
    finding per message, at the message's own page. Boards left out of ``message-unanswered``
    (在线访谈, 调查征集, 网上信访, 纪检举报) are left out here too. For a year the official
    calendar does not know yet, working days are Monday to Friday and the finding says so
    (``detail.calendar``); a calendar file given in the framework (``calendar_file``) fills
    the gap.

    Why it matters: the national indicators (2019) expect simple questions to be answered
    online within 5 working days (D-INT-REPLY, 办理答复), and provincial reports criticise
    boards that answer later.

    Example: 留言「关于学区划分问题的咨询」（省长信箱）于 2026-09-29 提交，2026-10-24 才答复，
    用时 14 个工作日（国庆假期不计），超过 5 个工作日。

    How to fix: answer within the deadline; when a question needs longer, tell the writer
    why and when the answer will come.

    Known false positives: a board that shows the day a reply was approved or published
    (办结时间) rather than the day it was given looks slower than it was; a local holiday
    not in the national calendar counts as a working day unless the calendar file lists it.
    """
    boards = site_boards(site)
    earliest = window.start(site.as_of)
    for message in boards.messages:
        if message.submitted is None or message.replied is None or in_places(message, excluded) is not None:
            continue
        if not earliest <= message.submitted <= site.as_of or message.replied < message.submitted:
            continue
        site.tally.examined += 1
        count = calendar.working_days_between(message.submitted, message.replied)
        if count.days <= max_working_days:
            continue
        where = f"留言「{message.title}」" + (f"（{message.board}）" if message.board else "")
        note = (
            "官方节假日安排"
            if count.official
            else f"{'、'.join(map(str, count.unknown_years))}年的节假日安排未知，按周一至周五计"
        )
        yield site.finding(
            at=message.url,
            message=(
                f"{where}于 {message.submitted} 提交，{message.replied} 才答复，用时 {count.days} 个工作日"
                f"（{note}），超过 {max_working_days} 个工作日。{_FIX}"
            ),
            detail={
                "title": message.title,
                "submitted": message.submitted.isoformat(),
                "replied": message.replied.isoformat(),
                "working_days": count.days,
                "max_working_days": max_working_days,
                "board": message.board,
                "calendar": "official" if count.official else "weekdays",
                "weekday_years": list(count.unknown_years),
            },
            record=message.record_id,
            excerpt=f"{message.title} {message.submitted_text} {message.replied_text}".strip(),
        )
