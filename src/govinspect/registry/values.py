"""Reading one registry cell: web addresses, 网站标识码 and the fixed vocabularies.

Each reader takes the cell text as found in the file and returns the value
govinspect uses, ``None`` for an empty cell, or raises :class:`BadValue` whose
text finishes the sentence "<column> '<value>' ...".
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Mapping
from typing import TypeVar
from urllib.parse import urlsplit

from govinspect.model.site import Level, SiteStatus, SiteType

T = TypeVar("T")

_CONTROL = "".join(chr(c) for c in [*range(0x20), 0x7F] if chr(c) not in "\t\n\r\x0b\x0c")
# invisible characters and control characters (a NUL cannot even be stored in a PostgreSQL text column)
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060" + _CONTROL))
_DNS_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_SITE_CODE = re.compile(r"[0-9]{10}|bm[0-9]{8}")


class BadValue(ValueError):
    """A cell that cannot be used; the text says what is wrong and what is accepted."""


def clean_text(value: str) -> str:
    """The text with invisible marks removed, outer whitespace (full-width spaces too) trimmed
    and inner runs of whitespace, line breaks included, made one space."""
    return " ".join(value.translate(_INVISIBLE).split())


def _token(value: str) -> str:
    """A code or keyword: full-width letters and digits made ASCII, spaces removed, lower-case."""
    return "".join(unicodedata.normalize("NFKC", value.translate(_INVISIBLE)).split()).lower()


def web_address(value: str) -> str | None:
    """The homepage URL of a cell, with ``http://`` added when the scheme is missing.

    Full-width characters (``http：//``) are made ASCII. Only ``http`` and
    ``https`` addresses with a valid host name (a domain such as
    ``www.example.gov.cn`` or ``示例.政务``, an IP address, or ``localhost``)
    are accepted.
    """
    text = unicodedata.normalize("NFKC", value.translate(_INVISIBLE)).strip()
    if not text:
        return None
    if any(char.isspace() for char in text):
        raise BadValue("is not one web address (it contains a space; give one address per cell)")
    if "://" not in text:
        text = f"http:{text}" if text.startswith("//") else f"http://{text}"
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        raise BadValue("is not a web address (the host or port cannot be read)") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise BadValue(
            f"is not a web address (it starts with {parts.scheme}:// instead of http:// or https://)"
        )
    if not _is_host_name(parts.hostname or ""):
        raise BadValue("is not a web address (no valid host name such as www.example.gov.cn)")
    return text


def _is_host_name(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return True
    if host == "localhost":
        return True
    labels = host.removesuffix(".").split(".")
    if len(labels) < 2 or labels[-1].isdigit():
        return False
    for label in labels:
        try:
            ascii_label = label.encode("idna").decode("ascii")
        except UnicodeError:
            return False
        if not _DNS_LABEL.fullmatch(ascii_label):
            return False
    return True


def site_code(value: str) -> str | None:
    """A 网站标识码: 10 digits, or ``bm`` and 8 digits (``BM`` is accepted and written ``bm``)."""
    code = _token(value)
    if not code:
        return None
    if not _SITE_CODE.fullmatch(code):
        raise BadValue(
            "is not a 网站标识码: use 10 digits (6-digit division code + 4-digit serial, "
            "e.g. 1101070001) or bm + 8 digits (e.g. bm07000001)"
        )
    return code


def _choice(value: str, accepted: Mapping[str, T], allowed: str) -> T | None:
    word = _token(value)
    if not word:
        return None
    if word not in accepted:
        raise BadValue(f"is not one of {allowed}")
    return accepted[word]


SITE_TYPES: Mapping[str, SiteType] = {
    "portal": "portal",
    "门户": "portal",
    "门户网站": "portal",
    "政府门户": "portal",
    "政府门户网站": "portal",
    "department": "department",
    "部门": "department",
    "部门网站": "department",
}

LEVELS: Mapping[str, Level] = {
    "national": "national",
    "national_dept": "national",
    "国家": "national",
    "国家级": "national",
    "中央": "national",
    "国务院部门": "national",
    "province": "province",
    "省": "province",
    "省级": "province",
    "city": "city",
    "市": "city",
    "市级": "city",
    "地市": "city",
    "地市级": "city",
    "county": "county",
    "县": "county",
    "县级": "county",
    "区": "county",
    "县区": "county",
    "区县": "county",
    "县/区": "county",
    "县(区)": "county",
}

STATUSES: Mapping[str, SiteStatus] = {
    "normal": "normal",
    "正常": "normal",
    "正常运行": "normal",
    "exception": "exception",
    "例外": "exception",
    "closed": "closed",
    "关停": "closed",
    "关闭": "closed",
    "已关停": "closed",
    "已关闭": "closed",
}

YES_NO: Mapping[str, bool] = {
    "true": True,
    "yes": True,
    "y": True,
    "1": True,
    "是": True,
    "有": True,
    "false": False,
    "no": False,
    "n": False,
    "0": False,
    "否": False,
    "无": False,
}


def site_type(value: str) -> SiteType | None:
    """``portal`` (门户, 政府门户) or ``department`` (部门)."""
    return _choice(value, SITE_TYPES, "portal, department (门户, 部门)")


def level(value: str) -> Level | None:
    """``national`` (国家, 国务院部门), ``province`` (省), ``city`` (市) or ``county`` (县, 区)."""
    return _choice(value, LEVELS, "national, province, city, county (国家/国务院部门, 省, 市, 县/区)")


def status(value: str) -> SiteStatus | None:
    """``normal`` (正常), ``exception`` (例外) or ``closed`` (关停, 关闭)."""
    return _choice(value, STATUSES, "normal, exception, closed (正常, 例外, 关停)")


def yes_no(value: str) -> bool | None:
    """``true``/``false``, also yes/no, 1/0, 是/否, 有/无."""
    return _choice(value, YES_NO, "true, false (是, 否)")
