"""Loading the new-media accounts to inspect from an account registry file (docs/new-media-registry.md).

The file is read like the site registry (CSV in UTF-8 or GBK/GB18030, or the first
sheet of an XLSX workbook, Chinese or English column names). Every row is checked
on its own: a row without platform, account id or name, or with a value outside a
fixed list, is reported with its line number and left out; the other rows are
still loaded. A row naming an account already listed (the same platform and id)
is merged into the first one and reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from govinspect.model.account import Account, AccountStatus, Platform, SourceKind
from govinspect.registry.read import RawRow, read_rows
from govinspect.registry.result import RegistryError
from govinspect.registry.values import BadValue, clean_text, level, web_address

T = TypeVar("T")
_Problem = tuple[int, str]  # (line, message)

HEADER_SEARCH_ROWS = 10  # title rows above the header that are tolerated
REQUIRED = ("platform", "account_id", "name")

# field → Chinese column name used in messages
CHINESE_NAMES: Mapping[str, str] = {
    "platform": "平台",
    "account_id": "账号ID",
    "name": "账号名称",
    "url": "账号主页",
    "feed": "订阅源",
    "source": "采集方式",
    "owner": "账号主体",
    "organizer": "开办单位",
    "region_code": "行政区划代码",
    "region": "所属地区",
    "level": "层级",
    "status": "账号状态",
    "opened_on": "开设日期",
    "changed_on": "变更日期",
    "cancelled_on": "注销日期",
}

_ALIASES: Mapping[str, tuple[str, ...]] = {
    "platform": ("platform", "平台", "平台类型", "账号类型", "新媒体类型", "媒体类型", "类型"),
    "account_id": (
        "account_id",
        "id",
        "uid",
        "账号id",
        "账号",
        "平台账号",
        "微信号",
        "原始id",
        "抖音号",
        "快手号",
    ),
    "name": ("name", "account_name", "账号名称", "新媒体名称", "名称"),
    "url": ("url", "account_url", "homepage", "账号主页", "主页", "链接", "账号链接", "主页链接", "网址"),
    "feed": ("feed", "feed_url", "rss", "订阅源", "数据文件", "采集地址"),
    "source": ("source", "feed_type", "采集方式", "订阅源类型"),
    "owner": ("owner", "账号主体", "注册主体", "认证主体"),
    "organizer": ("organizer", "organiser", "开办单位", "主办单位"),
    "region_code": ("region_code", "division_code", "行政区划代码", "区划代码"),
    "region": ("region", "所属地区", "地区", "所属区域"),
    "level": ("level", "层级", "级别", "行政级别"),
    "status": ("status", "状态", "账号状态", "运行状态"),
    "opened_on": ("opened_on", "开设日期", "开设时间", "开通日期", "开通时间", "上线日期"),
    "changed_on": ("changed_on", "变更日期", "变更时间"),
    "cancelled_on": ("cancelled_on", "注销日期", "注销时间", "关停日期", "关停时间"),
}

FIELD_OF_HEADER: Mapping[str, str] = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}

PLATFORMS: Mapping[str, Platform] = {
    **dict.fromkeys(
        ("wechat", "weixin", "微信", "微信公众号", "公众号", "微信服务号", "微信订阅号"), "wechat"
    ),
    **dict.fromkeys(("weibo", "微博", "新浪微博", "政务微博"), "weibo"),
    **dict.fromkeys(("douyin", "抖音", "抖音号"), "douyin"),
    **dict.fromkeys(("toutiao", "今日头条", "头条号", "头条"), "toutiao"),
    **dict.fromkeys(("kuaishou", "快手", "快手号"), "kuaishou"),
    **dict.fromkeys(("bilibili", "哔哩哔哩", "b站"), "bilibili"),
    **dict.fromkeys(("app", "客户端", "移动客户端", "政务客户端"), "app"),
    **dict.fromkeys(("mini-program", "mini_program", "miniprogram", "小程序", "微信小程序"), "mini-program"),
    **dict.fromkeys(("other", "其他", "其它", "视频号", "微信视频号", "百家号", "人民号", "小红书"), "other"),
}

STATUSES: Mapping[str, AccountStatus] = {
    **dict.fromkeys(("opened", "open", "开设", "已开设", "开通", "正常", "运行", "正常运行"), "opened"),
    **dict.fromkeys(("changed", "变更", "已变更"), "changed"),
    **dict.fromkeys(("cancelled", "canceled", "注销", "已注销", "关停", "已关停", "关闭"), "cancelled"),
}

SOURCES: Mapping[str, SourceKind] = {
    "rss": "rss",
    "atom": "rss",
    "json": "json",
    "html": "html",
    "api": "api",
}

_BRACKETED = re.compile(r"(?P<before>[^(]*)\((?P<inside>[^)]*)\)\s*")
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_SHORTENED = re.compile(r"\d(?:\.\d+)?e\+\d+", re.IGNORECASE)  # 1.23457E+15
_URL_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AccountRegistryLoad:
    """The usable accounts of a registry, in file order, and every problem met, as ``line N: …`` lines."""

    accounts: tuple[Account, ...]
    problems: tuple[str, ...]


def load_accounts(path: Path) -> AccountRegistryLoad:
    """Read the accounts of an account registry file (CSV or XLSX, see docs/new-media-registry.md).

    Raises :class:`~govinspect.registry.RegistryError` when the file itself is
    unusable: missing, not CSV/XLSX, undecodable, or without a header row naming
    a platform, an account id and a name column. Problems with single rows are
    returned in ``problems``.
    """
    rows = read_rows(path)
    try:
        header = _find_header(rows)
    except RegistryError as exc:
        raise RegistryError(f"{path}: {exc}") from None
    problems: list[_Problem] = [
        (
            header.line,
            f"columns {header.names[header.columns[name]]} and {header.names[column]} "
            f"both mean {name}; the first is used, {header.names[column]} is kept as an extra column",
        )
        for name, column in header.repeated
    ]
    records: dict[tuple[str, str], _Record] = {}
    for row in rows:
        if row.line <= header.line or not any(clean_text(cell) for cell in row.cells):
            continue
        record = _record_of_row(header, row, path.parent, problems)
        if record is None:
            continue
        key = (record.values["platform"], record.values["account_id"])
        if key in records:
            problems.append(records[key].merge(record))
        else:
            records[key] = record
    accounts = []
    for record in records.values():
        problems.extend(record.check_dates())
        accounts.append(record.account())
    in_line_order = sorted(problems, key=lambda problem: problem[0])  # stable: a line keeps its order
    return AccountRegistryLoad(tuple(accounts), tuple(f"line {line}: {text}" for line, text in in_line_order))


def _header_key(text: str) -> str:
    key = unicodedata.normalize("NFKC", clean_text(text)).lower().lstrip("*").rstrip(":").strip()
    return re.sub(r"[\s-]+", "_", key)


def field_of(header: str) -> str | None:
    """The account field a header cell names (``账号主体`` → ``owner``); ``None``: a column of its own."""
    key = _header_key(header)
    if key in FIELD_OF_HEADER:
        return FIELD_OF_HEADER[key]
    bracketed = _BRACKETED.fullmatch(key)
    if bracketed:
        for part in (bracketed["before"], bracketed["inside"]):
            name = FIELD_OF_HEADER.get(part.strip("_"))
            if name:
                return name
    return None


@dataclass(frozen=True, slots=True)
class _Header:
    line: int
    names: tuple[str, ...]
    columns: Mapping[str, int]  # field → column index
    extra_columns: tuple[int, ...]
    repeated: tuple[tuple[str, int], ...]

    def label(self, name: str) -> str:
        """How a message names a field: ``platform (账号类型)``: the file's header or the Chinese name."""
        column = self.columns.get(name)
        written = self.names[column] if column is not None else ""
        if not written or _header_key(written) == name:
            written = CHINESE_NAMES[name]
        return f"{name} ({written})"


def _read_header(line: int, cells: Sequence[str]) -> _Header:
    names = tuple(clean_text(cell) for cell in cells)
    columns: dict[str, int] = {}
    extra: list[int] = []
    repeated: list[tuple[str, int]] = []
    for column, text in enumerate(names):
        if not text:
            continue
        name = field_of(text)
        if name is None or name in columns:
            extra.append(column)
            if name is not None:
                repeated.append((name, column))
        else:
            columns[name] = column
    return _Header(line, names, columns, tuple(extra), tuple(repeated))


def _find_header(rows: Sequence[RawRow]) -> _Header:
    """The first row, among the first few non-empty ones, naming platform, account id and name."""
    candidates = [row for row in rows if any(clean_text(cell) for cell in row.cells)][:HEADER_SEARCH_ROWS]
    if not candidates:
        raise RegistryError("the file has no rows")
    for row in candidates:
        header = _read_header(row.line, row.cells)
        if all(name in header.columns for name in REQUIRED):
            return header
    first = _read_header(candidates[0].line, candidates[0].cells)
    missing = " or ".join(f"{name} ({CHINESE_NAMES[name]})" for name in REQUIRED if name not in first.columns)
    found = ", ".join(name for name in first.names if name)
    raise RegistryError(
        f"no {missing} column: the header (line {first.line}) has {found}. "
        "Name the columns platform, account_id and name (or 平台, 账号ID and 账号名称); "
        "see docs/new-media-registry.md"
    )


def _keyword(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", clean_text(value)).split()).lower()


def _choice(accepted: Mapping[str, T], allowed: str) -> Callable[[str], T | None]:
    def read(value: str) -> T | None:
        word = _keyword(value)
        if not word:
            return None
        if word not in accepted:
            raise BadValue(f"is not one of {allowed}")
        return accepted[word]

    return read


platform = _choice(
    PLATFORMS,
    "wechat, weibo, douyin, toutiao, kuaishou, bilibili, app, mini-program, other "
    "(微信公众号, 微博, 抖音, 今日头条, 快手, 哔哩哔哩, 客户端, 小程序, 其他)",
)
status = _choice(STATUSES, "opened, changed, cancelled (开设/正常, 变更, 注销/关停)")
source = _choice(SOURCES, "rss, json, html, api")


def account_date(value: str) -> date | None:
    """A date such as ``2024-05-10``, ``2024/5/10``, ``2024.5.10``, ``2024年5月10日`` or ``20240510``."""
    text = unicodedata.normalize("NFKC", clean_text(value)).lower()
    if not text:
        return None
    found = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if found is None:
        raise BadValue("is not a date (write it as 2024-05-10 or 2024年5月10日)")
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise BadValue("is not a real date") from None


def _account_id(value: str) -> str | None:
    """The platform's account id, full-width characters made ASCII.

    A long numeric id (a Weibo UID) that Excel showed in scientific notation and
    saved that way in a CSV file has lost its digits: it is refused.
    """
    text = unicodedata.normalize("NFKC", clean_text(value))
    if _EXCEL_SHORTENED.fullmatch(text):
        raise BadValue(
            "was shortened by Excel (科学计数法): format the column as text (文本) and type the full id again"
        )
    return text or None


def _text(value: str) -> str | None:
    return clean_text(value) or None


def _feed_reader(base: Path) -> Callable[[str], str | None]:
    """A feed cell: a web address (checked like a homepage) or a file path, relative to the registry."""

    def read(value: str) -> str | None:
        text = clean_text(value)
        if not text:
            return None
        if _URL_LIKE.match(text) and not text.lower().startswith("file://"):
            return web_address(text)
        location = Path(text.removeprefix("file://")).expanduser()
        return str(location if location.is_absolute() else base / location)

    return read


@dataclass(slots=True)
class _Record:
    """The values one account's rows gave (only the filled ones), before they become an :class:`Account`."""

    line: int
    values: dict[str, Any]
    extra: list[tuple[str, str]] = field(default_factory=list)

    def merge(self, later: _Record) -> _Problem:
        """Fill this record's empty fields from a later row for the same account; the message to report."""
        conflicts = []
        for name, value in later.values.items():
            if name not in self.values:
                self.values[name] = value
            elif self.values[name] != value:
                conflicts.append(f"{name} '{_shown(self.values[name])}' kept, '{_shown(value)}' ignored")
        self.extra.extend(item for item in later.extra if item not in self.extra)
        account = f"{self.values['platform']}:{self.values['account_id']}"
        message = f"account {account} is already listed on line {self.line}; rows merged"
        if conflicts:
            message += " (the first row wins: " + "; ".join(conflicts) + ")"
        return later.line, message

    def check_dates(self) -> list[_Problem]:
        """Warnings about status and dates that do not agree; the account is kept as written."""
        values, line = self.values, self.line
        problems: list[_Problem] = []
        cancelled_on = values.get("cancelled_on")
        if "status" not in values and cancelled_on is not None:
            values["status"] = "cancelled"
            problems.append(
                (line, f"no status but a cancel date (注销日期) {cancelled_on}: taken as cancelled")
            )
        state = values.get("status", "opened")
        if state == "cancelled" and cancelled_on is None:
            problems.append(
                (
                    line,
                    "status cancelled (注销) without a cancel date (注销日期); account kept, add the date",
                )
            )
        if state != "cancelled" and cancelled_on is not None:
            problems.append(
                (line, f"status {state} but a cancel date (注销日期) {cancelled_on}; account kept as {state}")
            )
        if state == "changed" and values.get("changed_on") is None:
            problems.append((line, "status changed (变更) without a change date (变更日期); account kept"))
        opened_on = values.get("opened_on")
        for later in ("changed_on", "cancelled_on"):
            if opened_on is not None and values.get(later) is not None and values[later] < opened_on:
                problems.append(
                    (
                        line,
                        f"{later} ({CHINESE_NAMES[later]}) {values[later]} is before "
                        f"opened_on ({CHINESE_NAMES['opened_on']}) {opened_on}; account kept",
                    )
                )
        return problems

    def account(self) -> Account:
        return Account(**self.values, line=self.line, extra=tuple(self.extra))


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _record_of_row(header: _Header, row: RawRow, base: Path, problems: list[_Problem]) -> _Record | None:
    """The filled values of one data row (``None``: the row is left out); its problems go to ``problems``."""
    line = row.line

    def text(column: int | None) -> str:
        if column is None or column >= len(row.cells):
            return ""
        return clean_text(row.cells[column])

    if row.last_line > line:
        problems.append(
            (
                line,
                f"this row runs over lines {line}-{row.last_line} because a quoted cell holds line breaks; "
                'if that is not intended, look for a stray double quote (")',
            )
        )
    values: dict[str, Any] = {}
    skipped = False
    for name, read, keep_row in _fields(base):
        cell = text(header.columns.get(name))
        label = header.label(name)
        try:
            value = read(cell)
        except BadValue as exc:
            if keep_row:
                problems.append((line, f"{label} '{cell}' {exc}; the value is ignored, row kept"))
            else:
                problems.append((line, f"{label} '{cell}' {exc}; row skipped"))
                skipped = True
            continue
        if value is not None:
            values[name] = value
        elif name in REQUIRED:
            problems.append((line, f"{label} is missing (缺少{CHINESE_NAMES[name]}); row skipped"))
            skipped = True
    ignored = [
        text(column)
        for column in range(len(row.cells))
        if (column >= len(header.names) or not header.names[column]) and text(column)
    ]
    if ignored:
        shown = ", ".join(f"'{cell}'" for cell in ignored)
        problems.append(
            (line, f"{len(ignored)} cell(s) outside the named columns are ignored ({shown}); row kept")
        )
    if skipped:
        return None
    extra = [(header.names[column], text(column)) for column in header.extra_columns if text(column)]
    return _Record(row.line, values, extra)


def _fields(base: Path) -> tuple[tuple[str, Callable[[str], object], bool], ...]:
    """Each field, how its cell is read, and whether a bad value keeps the row (the value ignored)."""
    return (
        ("platform", platform, False),
        ("account_id", _account_id, False),
        ("name", _text, False),
        ("url", web_address, True),
        ("feed", _feed_reader(base), True),
        ("source", source, True),
        ("owner", _text, True),
        ("organizer", _text, True),
        ("region_code", _text, True),
        ("region", _text, True),
        ("level", level, False),
        ("status", status, False),
        ("opened_on", account_date, True),
        ("changed_on", account_date, True),
        ("cancelled_on", account_date, True),
    )
