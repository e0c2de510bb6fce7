"""The columns of a registry file: which header names mean which field.

Headers are matched after trimming, ignoring case, full-width forms, a leading
``*`` (a "required" mark in Excel templates) and spaces or hyphens between
words (``Site Code`` = ``site-code`` = ``site_code``). A header with a note in
brackets, such as ``网站名称（必填）`` or ``name (网站名称)``, is matched by the
part before the brackets or by the part inside them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from govinspect.registry.values import clean_text

HEADER_SEARCH_ROWS = 10  # title rows above the header that are tolerated

# field → Chinese column name used in messages
CHINESE_NAMES: Mapping[str, str] = {
    "site_code": "网站标识码",
    "name": "网站名称",
    "url": "网址",
    "organizer": "主办单位",
    "site_type": "网站类型",
    "level": "层级",
    "region_code": "行政区划代码",
    "region": "地区",
    "parent_code": "上级网站标识码",
    "has_external_services": "是否有对外服务",
    "status": "运行状态",
}

_ALIASES: Mapping[str, tuple[str, ...]] = {
    "site_code": ("site_code", "sitecode", "siteidcode", "网站标识码", "政府网站标识码", "标识码"),
    "name": (
        "name",
        "site_name",
        "sitename",
        "website_name",
        "网站名称",
        "网站名",
        "站点名称",
        "名称",
        "organ",  # Policy-Transparency-China national list: the organ whose site it is
        "city/district",  # Policy-Transparency-China local list: the government whose portal it is
    ),
    "url": (
        "url",
        "site_url",
        "homepage",
        "homepage_url",
        "website",
        "index_url",  # GovWebCrawler list
        "网站地址",
        "首页网址",
        "首页地址",
        "网址",
        "网站网址",
        "域名",
        "网站域名",
    ),
    "organizer": ("organizer", "organiser", "主办单位"),
    "site_type": ("site_type", "网站类型"),
    "level": ("level", "级别", "层级", "网站级别", "行政级别"),
    "region_code": ("region_code", "division_code", "gov_code", "行政区划代码", "区划代码", "行政区划编码"),
    "region": ("region", "province", "gov_name", "地区", "所属地区", "所属区域", "行政区划"),
    "parent_code": ("parent_code", "parent_site_code", "上级网站标识码", "上级标识码"),
    "has_external_services": (
        "has_external_services",
        "是否有对外服务",
        "有对外服务职能",
        "是否有对外服务职能",
    ),
    "status": ("status", "状态", "运行状态", "网站状态"),
}

FIELD_OF_HEADER: Mapping[str, str] = {
    alias: field_name for field_name, aliases in _ALIASES.items() for alias in aliases
}

_BRACKETED = re.compile(r"(?P<before>[^(]*)\((?P<inside>[^)]*)\)\s*")


def _header_key(text: str) -> str:
    key = unicodedata.normalize("NFKC", clean_text(text)).lower().lstrip("*").rstrip(":").strip()
    return re.sub(r"[\s-]+", "_", key)


def field_of(header: str) -> str | None:
    """The registry field a header cell names, or ``None`` for a column of its own."""
    key = _header_key(header)
    if key in FIELD_OF_HEADER:
        return FIELD_OF_HEADER[key]
    bracketed = _BRACKETED.fullmatch(key)
    if bracketed:
        for part in (bracketed["before"], bracketed["inside"]):
            field_name = FIELD_OF_HEADER.get(part.strip("_"))
            if field_name:
                return field_name
    return None


@dataclass(frozen=True, slots=True)
class Header:
    """The header row of a registry: where each field is, and which columns are kept as extras."""

    line: int
    names: tuple[str, ...]  # header cells as written (trimmed); "" for an unnamed column
    field_columns: Mapping[str, int]  # field → column index
    extra_columns: tuple[int, ...]  # named columns that are not fields, kept in Site.extra
    repeated: tuple[tuple[str, int], ...]  # (field, column) of a second column naming a field already seen

    def label(self, field_name: str) -> str:
        """How a message names a field: ``url (首页网址)``, with the file's own header or the Chinese name."""
        column = self.field_columns.get(field_name)
        written = self.names[column] if column is not None else ""
        if not written or _header_key(written) == field_name:
            written = CHINESE_NAMES[field_name]
        return f"{field_name} ({written})"


def read_header(line: int, cells: Sequence[str]) -> Header:
    """Map one row of header cells; the first column naming a field wins, later ones become extras."""
    names = tuple(clean_text(cell) for cell in cells)
    field_columns: dict[str, int] = {}
    extra_columns: list[int] = []
    repeated: list[tuple[str, int]] = []
    for column, name in enumerate(names):
        if not name:
            continue
        field_name = field_of(name)
        if field_name is None:
            extra_columns.append(column)
        elif field_name in field_columns:
            repeated.append((field_name, column))
            extra_columns.append(column)
        else:
            field_columns[field_name] = column
    return Header(line, names, field_columns, tuple(extra_columns), tuple(repeated))


def missing_required(header: Header) -> list[str]:
    """The required fields (name, url) that the header has no column for."""
    return [field_name for field_name in ("name", "url") if field_name not in header.field_columns]
