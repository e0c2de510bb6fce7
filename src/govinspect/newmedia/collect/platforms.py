"""Platform API plug-ins: WeChat official accounts, Weibo and Douyin.

Credentials come from the environment only, never from a file (a registry or a config file is
shared; a token is not). A variable may be given for one account by appending its id, upper-cased
with every other character replaced by ``_`` (``GOVINSPECT_WEIBO_TOKEN_1234567``), or for all
accounts of the platform (``GOVINSPECT_WEIBO_TOKEN``). A missing credential gives a collection
with ``error``, never an exception. Every API base URL can be moved by a variable
(``GOVINSPECT_WEIBO_API_BASE`` …): tests point them at a local fixture server.

What follows the public API documentation and what is assumed is listed per plug-in below and
in ``docs/new-media-sources.md``. No plug-in has been run against the live platforms.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import aiohttp

from govinspect.model.account import Account, Collection, Platform, Post, SourceKind
from govinspect.newmedia.collect.common import failed, plain_text
from govinspect.newmedia.collect.fetching import SourceError, fetch

MAX_PAGES = 5  # pages read per collection: enough for a 14-day window of a busy account


class PlatformError(Exception):
    """The platform answered with an error, or with something that is not its documented shape."""


def credential(name: str, account: Account) -> str | None:
    """``NAME_<ACCOUNT ID>`` or ``NAME`` from the environment (an empty value counts as missing)."""
    suffix = re.sub(r"[^A-Z0-9]", "_", account.account_id.upper())
    return os.environ.get(f"{name}_{suffix}") or os.environ.get(name) or None


def api_base(platform: str, default: str) -> str:
    """The API base URL, or its ``GOVINSPECT_<PLATFORM>_API_BASE`` override."""
    return (os.environ.get(f"GOVINSPECT_{platform.upper()}_API_BASE") or default).rstrip("/")


def _decode(body: bytes, what: str) -> dict[str, Any]:
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise PlatformError(f"{what} did not answer JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise PlatformError(f"{what} answered JSON that is not an object")
    return document


def _list(document: Mapping[str, Any], key: str, what: str) -> list[Any]:
    value = document.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise PlatformError(f"{what}: {key!r} is not a list")
    return value


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _epoch(value: object) -> datetime | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 2**33:
        return datetime.fromtimestamp(value, UTC)
    return None


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class PlatformApi(Protocol):
    """One platform's plug-in: reads an account's posts with credentials from the environment."""

    platform: Platform
    variables: tuple[str, ...]  # the environment variables it reads

    async def posts(self, account: Account, session: aiohttp.ClientSession) -> tuple[Post, ...]: ...


class WeChatApi:
    """WeChat official accounts (微信公众号), through the official-account API.

    Follows the public docs: ``GET /cgi-bin/token?grant_type=client_credential&appid=&secret=``
    gives ``access_token``; ``POST /cgi-bin/freepublish/batchget?access_token=`` with
    ``{"offset", "count", "no_content"}`` lists published articles as ``item[].content.news_item[]``
    (``title``, ``digest``, ``url``, ``is_deleted``) with ``update_time`` (Unix seconds) and
    ``total_count``; errors are ``{"errcode", "errmsg"}``. Assumed: the article time is the
    item's ``update_time`` (the API gives no separate publication time); the API gives no reads,
    likes or comments (those need the statistics API, not implemented).
    """

    platform: Platform = "wechat"
    variables: tuple[str, ...] = ("GOVINSPECT_WECHAT_APPID", "GOVINSPECT_WECHAT_SECRET")
    page_size = 20

    async def posts(self, account: Account, session: aiohttp.ClientSession) -> tuple[Post, ...]:
        appid, secret = (credential(v, account) for v in self.variables)
        if not appid or not secret:
            raise CredentialMissing(self.variables, account)
        base = api_base("wechat", "https://api.weixin.qq.com")
        answer = await fetch(
            session,
            f"{base}/cgi-bin/token",
            params={"grant_type": "client_credential", "appid": appid, "secret": secret},
        )
        token_document = _wechat_checked(_decode(answer.body, "WeChat token"), "WeChat token")
        token = token_document.get("access_token")
        if not isinstance(token, str) or not token:
            raise PlatformError("WeChat token: no access_token in the answer")
        posts: list[Post] = []
        offset = 0
        for _ in range(MAX_PAGES):
            answer = await fetch(
                session,
                f"{base}/cgi-bin/freepublish/batchget",
                method="POST",
                params={"access_token": token},
                json_body={"offset": offset, "count": self.page_size, "no_content": 1},
            )
            document = _wechat_checked(_decode(answer.body, "WeChat batchget"), "WeChat batchget")
            items = _list(document, "item", "WeChat batchget")
            for item in items:
                moment = _epoch(_object(item).get("update_time"))
                content = _object(_object(item).get("content"))
                for article in _list(content, "news_item", "WeChat batchget"):
                    article = _object(article)
                    if article.get("is_deleted"):
                        continue
                    posts.append(
                        Post(
                            account_key=account.key,
                            url=str(article.get("url") or "") or None,
                            published=moment,
                            title=plain_text(str(article.get("title") or "")),
                            text=plain_text(str(article.get("digest") or "")),
                        )
                    )
            offset += len(items)
            total = document.get("total_count")
            if not items or not isinstance(total, int) or offset >= total:
                break
        return tuple(posts)


def _wechat_checked(document: dict[str, Any], what: str) -> dict[str, Any]:
    code = document.get("errcode")
    if code not in (None, 0):
        raise PlatformError(f"{what}: error {code} {document.get('errmsg', '')}".rstrip())
    return document


class WeiboApi:
    """Weibo (新浪微博), through the open platform's ``statuses/user_timeline``.

    Follows the public docs: ``GET /2/statuses/user_timeline.json?access_token=&uid=&count=&page=``
    answers ``statuses[]`` with ``created_at`` (``Tue Nov 18 10:00:00 +0800 2026``), ``id`` /
    ``idstr``, ``text``, ``comments_count``, ``reposts_count``, ``attitudes_count`` and, for a
    repost, ``retweeted_status``; errors are ``{"error", "error_code"}``. Assumed: the post URL
    ``https://m.weibo.cn/status/<idstr>``; likes are ``attitudes_count``, shares
    ``reposts_count``; the token is one the account itself authorised (the API lists only the
    authorising user's own posts).
    """

    platform: Platform = "weibo"
    variables: tuple[str, ...] = ("GOVINSPECT_WEIBO_TOKEN",)
    page_size = 100

    async def posts(self, account: Account, session: aiohttp.ClientSession) -> tuple[Post, ...]:
        token = credential(self.variables[0], account)
        if not token:
            raise CredentialMissing(self.variables, account)
        base = api_base("weibo", "https://api.weibo.com")
        posts: list[Post] = []
        for page in range(1, MAX_PAGES + 1):
            answer = await fetch(
                session,
                f"{base}/2/statuses/user_timeline.json",
                params={
                    "access_token": token,
                    "uid": account.account_id,
                    "count": str(self.page_size),
                    "page": str(page),
                },
            )
            document = _decode(answer.body, "Weibo user_timeline")
            if "error_code" in document or "error" in document:
                raise PlatformError(
                    f"Weibo user_timeline: error {document.get('error_code', '')} "
                    f"{document.get('error', '')}".rstrip()
                )
            statuses = _list(document, "statuses", "Weibo user_timeline")
            posts.extend(self._post(account, _object(status)) for status in statuses)
            if len(statuses) < self.page_size:
                break
        return tuple(posts)

    @staticmethod
    def _post(account: Account, status: dict[str, Any]) -> Post:
        ident = str(status.get("idstr") or status.get("id") or "")
        try:
            published: datetime | None = parsedate_to_datetime(str(status.get("created_at") or ""))
        except (TypeError, ValueError, IndexError):
            published = None
        text = plain_text(str(status.get("text") or ""))
        return Post(
            account_key=account.key,
            url=f"https://m.weibo.cn/status/{ident}" if ident else None,
            published=published if published is not None and published.tzinfo is not None else None,
            title=text[:60],
            text=text,
            original="retweeted_status" not in status,
            comments=_count(status.get("comments_count")),
            likes=_count(status.get("attitudes_count")),
            shares=_count(status.get("reposts_count")),
        )


class DouyinApi:
    """Douyin (抖音), through the open platform's video list.

    Follows the public docs: ``GET /api/douyin/v1/video/video_list/?open_id=&cursor=&count=`` with
    the header ``access-token``, answering ``data.list[]`` (``item_id``, ``title``,
    ``create_time`` in Unix seconds, ``share_url``, ``statistics`` with ``comment_count``,
    ``digg_count``, ``share_count``, ``play_count``), ``data.has_more``, ``data.cursor`` and
    ``data.error_code`` / ``data.description``. Assumed: the registry's ``account_id`` is the
    account's ``open_id`` for the token's app; ``play_count`` is the number of reads.
    """

    platform: Platform = "douyin"
    variables: tuple[str, ...] = ("GOVINSPECT_DOUYIN_TOKEN",)
    page_size = 20

    async def posts(self, account: Account, session: aiohttp.ClientSession) -> tuple[Post, ...]:
        token = credential(self.variables[0], account)
        if not token:
            raise CredentialMissing(self.variables, account)
        base = api_base("douyin", "https://open.douyin.com")
        posts: list[Post] = []
        cursor: object = 0
        for _ in range(MAX_PAGES):
            answer = await fetch(
                session,
                f"{base}/api/douyin/v1/video/video_list/",
                params={"open_id": account.account_id, "cursor": str(cursor), "count": str(self.page_size)},
                headers={"access-token": token},
            )
            data = _object(_decode(answer.body, "Douyin video_list").get("data"))
            if data.get("error_code") not in (None, 0):
                raise PlatformError(
                    f"Douyin video_list: error {data.get('error_code')} "
                    f"{data.get('description', '')}".rstrip()
                )
            for video in _list(data, "list", "Douyin video_list"):
                video = _object(video)
                statistics = _object(video.get("statistics"))
                title = plain_text(str(video.get("title") or ""))
                posts.append(
                    Post(
                        account_key=account.key,
                        url=str(video.get("share_url") or "") or None,
                        published=_epoch(video.get("create_time")),
                        title=title,
                        text=title,
                        comments=_count(statistics.get("comment_count")),
                        likes=_count(statistics.get("digg_count")),
                        shares=_count(statistics.get("share_count")),
                        reads=_count(statistics.get("play_count")),
                    )
                )
            cursor = data.get("cursor")
            if data.get("has_more") is not True or not isinstance(cursor, int):
                break
        return tuple(posts)


class CredentialMissing(Exception):
    """A plug-in's environment variables are not set."""

    def __init__(self, variables: tuple[str, ...], account: Account) -> None:
        names = " and ".join(variables)
        super().__init__(
            f"no credentials for the {account.platform} API: set {names} in the environment "
            "(a name followed by _<ACCOUNT ID> sets it for one account)"
        )


PLATFORM_APIS: dict[Platform, PlatformApi] = {
    api.platform: api for api in (WeChatApi(), WeiboApi(), DouyinApi())
}


def register_platform(api: PlatformApi) -> None:
    """Add (or replace) the plug-in of ``api.platform``."""
    PLATFORM_APIS[api.platform] = api


def api_base_urls() -> tuple[str, ...]:
    """The API base URLs in use (a session names their hosts)."""
    return tuple(
        api_base(platform, default)
        for platform, default in (
            ("wechat", "https://api.weixin.qq.com"),
            ("weibo", "https://api.weibo.com"),
            ("douyin", "https://open.douyin.com"),
        )
    )


class PlatformApiCollector:
    """Reads an account through its platform's API plug-in."""

    source: SourceKind = "api"

    async def collect(self, account: Account, session: aiohttp.ClientSession, as_of: datetime) -> Collection:
        api = PLATFORM_APIS.get(account.platform)
        if api is None:
            return failed(account, as_of, "api", f"no API plug-in for the platform {account.platform!r}")
        try:
            posts = await api.posts(account, session)
        except (CredentialMissing, PlatformError, SourceError) as exc:
            return failed(account, as_of, "api", str(exc))
        return Collection(account.key, as_of, "api", posts)
