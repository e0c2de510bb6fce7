"""A government new-media account (政务新媒体) and what a collector saw of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Platform = Literal[
    "wechat", "weibo", "douyin", "toutiao", "kuaishou", "bilibili", "app", "mini-program", "other"
]
AccountStatus = Literal["opened", "changed", "cancelled"]
SourceKind = Literal["rss", "json", "html", "api"]


@dataclass(frozen=True, slots=True)
class Account:
    """One registered account (the new-media registry, docs/new-media-registry.md)."""

    platform: Platform
    account_id: str  # the platform's id (WeChat 原始ID or 微信号, Weibo uid, Douyin id …)
    name: str
    url: str | None = None  # the account's public page, if any
    feed: str | None = None  # where a collector reads posts: RSS/Atom URL, JSON export file or URL, list page
    source: SourceKind | None = None  # how to read ``feed`` (None: guessed from it)
    owner: str | None = None  # 账号主体 (registered owner entity)
    organizer: str | None = None  # 开办/主办单位
    region_code: str | None = None
    region: str | None = None
    level: Literal["national", "province", "city", "county"] | None = None
    status: AccountStatus = "opened"
    opened_on: date | None = None
    changed_on: date | None = None
    cancelled_on: date | None = None
    line: int | None = None  # line of the registry file, for messages
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        """The account's identity: platform and id (``weibo:1234567``)."""
        return f"{self.platform}:{self.account_id}"


@dataclass(frozen=True, slots=True)
class Post:
    """One post as a collector read it. Dates are the platform's publication times, never collection times."""

    account_key: str
    url: str | None
    published: datetime | None
    title: str
    text: str
    original: bool | None = None  # False for a repost / 转发; None when the source does not say
    comments: int | None = None
    likes: int | None = None
    shares: int | None = None
    reads: int | None = None


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel (栏目) or menu entry of an app, mini-site or official account."""

    name: str
    url: str | None
    items: int | None  # items listed (0: blank), None when unknown
    interactive: bool = False  # a message board, 留言, 咨询 or comment entry


@dataclass(frozen=True, slots=True)
class Collection:
    """What one collection of one account found, at one moment."""

    account_key: str
    collected_at: datetime
    source: SourceKind
    posts: tuple[Post, ...]
    channels: tuple[Channel, ...] = ()
    comments_open: bool | None = None  # the platform says comments/messages are open (None: not said)
    error: str | None = None  # why nothing could be read (the feed failed, credentials missing …)
