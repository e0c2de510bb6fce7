"""What kind of column (栏目) a column is: news, notice-policy, personnel-plan or other.

The national rules judge a column's freshness by its kind (indicators.md §0.3): 动态/要闻 columns
within 2 weeks, 通知公告/政策文件 columns within 6 months, 人事/规划计划 columns within 12 months.
The kind is read from the column's name, then from its ``<meta name="ColumnType">``, with the
keyword lists of ``column_types.yaml`` (users extend them; see the comments in that file).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, cast, get_args

import yaml

__all__ = ["COLUMN_TYPES", "ColumnKeywords", "ColumnType", "default_column_keywords", "load_column_keywords"]

ColumnType = Literal["news", "notice-policy", "personnel-plan", "other"]
COLUMN_TYPES: tuple[ColumnType, ...] = get_args(ColumnType)
KEYWORDS_FILE = "column_types.yaml"


@dataclass(frozen=True, slots=True)
class ColumnKeywords:
    """Keyword groups, tried in order; the first group with a keyword inside the name wins."""

    groups: tuple[tuple[ColumnType, tuple[str, ...]], ...]

    def match(self, text: str | None) -> ColumnType | None:
        """The kind ``text`` names, or None when no keyword is in it."""
        if not text:
            return None
        for column_type, keywords in self.groups:
            if any(keyword in text for keyword in keywords):
                return column_type
        return None

    def classify(self, name: str, meta_type: str | None = None) -> ColumnType:
        """The kind of a column from its name, else from its ColumnType meta, else ``other``."""
        return self.match(name) or self.match(meta_type) or "other"


def load_column_keywords(path: Path | None = None) -> ColumnKeywords:
    """Read a keyword file (the built-in ``column_types.yaml`` when ``path`` is None).

    Raises ``ValueError`` naming the file when a type is unknown or a group is not a list of text.
    """
    if path is None:
        source = resources.files("govinspect.parse").joinpath(KEYWORDS_FILE)
        text, where = source.read_text(encoding="utf-8"), KEYWORDS_FILE
    else:
        text, where = path.read_text(encoding="utf-8"), str(path)
    data = yaml.safe_load(text) or {}
    keywords = data.get("keywords") or {}
    order = data.get("order") or list(keywords)
    groups: list[tuple[ColumnType, tuple[str, ...]]] = []
    for name in order:
        if name not in COLUMN_TYPES:
            raise ValueError(f"{where}: unknown column type {name!r}; known: {', '.join(COLUMN_TYPES)}")
        words = keywords.get(name) or []
        if not isinstance(words, list) or not all(isinstance(word, str) and word for word in words):
            raise ValueError(f"{where}: keywords of {name!r} must be a list of non-empty text")
        groups.append((cast(ColumnType, name), tuple(words)))
    return ColumnKeywords(tuple(groups))


@cache
def default_column_keywords() -> ColumnKeywords:
    """The built-in keyword lists (read once)."""
    return load_column_keywords()
