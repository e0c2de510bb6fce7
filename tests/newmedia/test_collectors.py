"""Collectors against a local fixture server: each documented shape, and broken or hostile answers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from govinspect.model.account import Account, Collection
from govinspect.newmedia.collect import collect, collector_for, fetching, open_session
from govinspect.newmedia.collect.fetching import MAX_SOURCE_BYTES

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
BEIJING = timezone(timedelta(hours=8))
AS_OF = datetime(2026, 11, 20, 9, 0, tzinfo=BEIJING)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"><channel><title>某某区发布</title>
<item><title>关于开展冬季安全生产检查的通知</title><link>https://www.example.gov.cn/a/1.html</link>
<description>&lt;p&gt;各街道：&lt;b&gt;现将&lt;/b&gt;有关事项通知如下。&lt;/p&gt;</description>
<pubDate>Wed, 18 Nov 2026 10:00:00 +0800</pubDate><slash:comments>4</slash:comments></item>
<item><title>我区召开政务公开工作推进会</title><link>https://www.example.gov.cn/a/2.html</link>
<pubDate>2026-11-10 15:30:00</pubDate></item>
<item><title>没有日期的条目</title><link>/a/3.html</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>某某市政务</title><id>urn:x</id><updated>2026-11-19T08:00:00Z</updated>
<entry><title type="html">&lt;em&gt;市政府&lt;/em&gt;新闻发布会</title><id>urn:1</id>
<link rel="alternate" href="https://www.example.gov.cn/n/9.html"/><updated>2026-11-19T08:00:00Z</updated>
<content type="html">&lt;p&gt;发布会全文&lt;/p&gt;</content></entry></feed>"""

EXPORT = {
    "version": 1,
    "account": {"platform": "app", "id": "zwapp", "name": "某某政务APP"},
    "posts": [
        {
            "url": "https://app.example.gov.cn/p/1",
            "published": "2026-11-19T10:00:00+08:00",
            "title": "办事指南更新",
            "text": "新增社保办理事项",
            "original": True,
            "comments": 0,
            "likes": 3,
            "shares": None,
            "reads": 120,
        },
        {"published": "2026-11-01T02:00:00Z", "title": "转发：全国通知", "original": False},
    ],
    "channels": [
        {"name": "政务公开", "url": "https://app.example.gov.cn/gk", "items": 12},
        {"name": "建设中栏目", "url": None, "items": 0},
        {"name": "互动留言", "url": "https://app.example.gov.cn/ly", "items": None, "interactive": True},
    ],
    "comments_open": False,
}

LIST_PAGE = """<html><head><meta charset="gbk"><title>某某发布 文章列表</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/about.html">关于我们</a></div>
<ul class="list">
<li><a href="/a/1.html">关于开展冬季安全生产检查的通知</a> <span>2026-11-18</span></li>
<li><a href="/a/2.html">我区召开政务公开工作推进会</a> <span>2026-11-10</span></li>
<li><a href="/a/3.html">区政府常务会议研究部署重点工作</a> <span>[10-30]</span></li>
</ul><a href="/list_2.html">下一页</a><div>版权所有 某某区人民政府</div></body></html>"""

WEIBO_STATUSES = [
    {
        "created_at": "Wed Nov 18 10:00:00 +0800 2026",
        "id": 4900000000000001,
        "idstr": "4900000000000001",
        "text": "【通知】冬季供暖时间调整 <a href='x'>全文</a>",
        "comments_count": 7,
        "reposts_count": 2,
        "attitudes_count": 15,
    },
    {
        "created_at": "Tue Nov 10 08:00:00 +0800 2026",
        "idstr": "4900000000000002",
        "text": "转发微博",
        "comments_count": 0,
        "reposts_count": 0,
        "attitudes_count": 0,
        "retweeted_status": {"idstr": "1"},
    },
]


async def _wechat_token(request: web.Request) -> web.Response:
    if request.query.get("appid") != "wx-app" or request.query.get("secret") != "wx-secret":
        return web.json_response({"errcode": 40013, "errmsg": "invalid appid"})
    return web.json_response({"access_token": "wx-token", "expires_in": 7200})


async def _wechat_batchget(request: web.Request) -> web.Response:
    if request.query.get("access_token") != "wx-token":
        return web.json_response({"errcode": 40001, "errmsg": "invalid credential"})
    asked = await request.json()
    articles = [
        {
            "update_time": 1_763_604_000 + n,
            "content": {
                "news_item": [
                    {
                        "title": f"第{n}篇",
                        "digest": "摘要",
                        "url": f"https://mp.weixin.qq.com/s/{n}",
                        "is_deleted": n == 2,
                    }
                ]
            },
        }
        for n in range(3)
    ]
    page = articles[asked["offset"] : asked["offset"] + 2]  # two per page: the collector must page on
    return web.json_response({"total_count": 3, "item_count": len(page), "item": page})


async def _weibo_timeline(request: web.Request) -> web.Response:
    if request.query.get("access_token") != "wb-token":
        return web.json_response({"error": "expired_token", "error_code": 21327}, status=401)
    page = int(request.query.get("page", "1"))
    return web.json_response({"statuses": WEIBO_STATUSES if page == 1 else [], "total_number": 2})


async def _douyin_videos(request: web.Request) -> web.Response:
    if request.headers.get("access-token") != "dy-token":
        return web.json_response({"data": {"error_code": 2190008, "description": "access_token过期"}})
    cursor = int(request.query["cursor"])
    video = {
        "item_id": f"v{cursor}",
        "title": f"视频{cursor}",
        "create_time": 1_763_604_000 - cursor * 86400,
        "share_url": f"https://www.iesdouyin.com/share/video/{cursor}",
        "statistics": {"comment_count": 1, "digg_count": 20, "share_count": 3, "play_count": 999},
    }
    return web.json_response(
        {"data": {"list": [video], "has_more": cursor == 0, "cursor": cursor + 1, "error_code": 0}}
    )


async def _huge(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
    await response.prepare(request)
    chunk = b"<!-- " + b"x" * 65_000 + b" -->"
    try:
        for _ in range(MAX_SOURCE_BYTES // len(chunk) + 10):
            await response.write(chunk)
    except ConnectionError:
        pass  # the collector hung up, as it should
    return response


def _answer(body: bytes, content_type: str, status: int = 200) -> Handler:
    async def handler(_request: web.Request) -> web.Response:
        return web.Response(body=body, status=status, headers={"Content-Type": content_type})

    return handler


def _redirect(location: Callable[[], str]) -> Handler:
    async def handler(_request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": location()})

    return handler


ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'.encode() for p, n in zip("abcdefg", "bcdefgh", strict=True)
    )
    + b']><rss version="2.0"><channel><item><title>&h;</title></item></channel></rss>'
)


async def _echo_token(request: web.Request) -> web.Response:
    return web.Response(text=request.headers.get("access-token", "none"))


def _app(port_box: list[int]) -> web.Application:
    app = web.Application()
    routes = {
        "/rss.xml": _answer(RSS.encode(), "application/rss+xml"),
        "/atom": _answer(ATOM.encode(), "application/atom+xml"),
        "/export.json": _answer(json.dumps(EXPORT).encode(), "application/json"),
        "/export": _answer(json.dumps(EXPORT).encode(), "application/octet-stream"),
        "/list.html": _answer(LIST_PAGE.encode("gbk"), "text/html; charset=gbk"),
        "/garbage.xml": _answer(b"\x00\xff<<<not a feed", "application/xml"),
        "/deep.json": _answer(b"[" * 100_000 + b"]" * 100_000, "application/json"),
        "/bomb.xml": _answer(ENTITY_BOMB, "application/rss+xml"),
        "/gone.xml": _answer("维护中".encode(), "text/plain; charset=utf-8", status=503),
        "/to-private": _redirect(lambda: f"http://127.0.0.2:{port_box[0]}/rss.xml"),
        "/to-localhost": _redirect(lambda: f"http://localhost:{port_box[0]}/rss.xml"),
        "/to-rss": _redirect(lambda: "/rss.xml"),
        "/to-other-host": _redirect(lambda: f"http://localhost:{port_box[0]}/echo"),
        "/to-same-host": _redirect(lambda: "/echo"),
    }
    for path, handler in routes.items():
        app.router.add_get(path, handler)
    app.router.add_get("/huge.xml", _huge)
    app.router.add_get("/echo", _echo_token)
    app.router.add_get("/wechat/cgi-bin/token", _wechat_token)
    app.router.add_post("/wechat/cgi-bin/freepublish/batchget", _wechat_batchget)
    app.router.add_get("/weibo/2/statuses/user_timeline.json", _weibo_timeline)
    app.router.add_get("/douyin/api/douyin/v1/video/video_list/", _douyin_videos)
    return app


@pytest.fixture
async def server() -> AsyncIterator[str]:
    port_box: list[int] = []
    runner = web.AppRunner(_app(port_box))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port_box.append(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port_box[0]}"
    await runner.cleanup()


@pytest.fixture
def platform_env(server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    for platform in ("wechat", "weibo", "douyin"):
        monkeypatch.setenv(f"GOVINSPECT_{platform.upper()}_API_BASE", f"{server}/{platform}")
    for name in ("WECHAT_APPID", "WECHAT_SECRET", "WEIBO_TOKEN", "DOUYIN_TOKEN"):
        monkeypatch.delenv(f"GOVINSPECT_{name}", raising=False)
    return server


async def _collect(account: Account) -> Collection:
    async with open_session([account]) as session:
        return await collect(account, session, AS_OF)


def _account(feed: str | None, **fields: object) -> Account:
    base = Account(platform="weibo", account_id="1234567", name="某某区发布", feed=feed)
    return replace(base, **fields)  # type: ignore[arg-type]


async def test_rss_2_items_with_dates_links_text_and_counts(server: str) -> None:
    collection = await _collect(_account(f"{server}/rss.xml"))
    assert collection.error is None and collection.source == "rss"
    first, second, undated = collection.posts
    assert first.title == "关于开展冬季安全生产检查的通知"
    assert first.url == "https://www.example.gov.cn/a/1.html"
    assert first.published == datetime(2026, 11, 18, 2, 0, tzinfo=UTC)
    assert first.text == "各街道：现将有关事项通知如下。"
    assert first.comments == 4
    assert second.published == datetime(2026, 11, 10, 15, 30, tzinfo=BEIJING)  # no zone: Beijing time
    assert undated.published is None
    assert undated.url == f"{server}/a/3.html"  # a relative link, resolved against the feed


async def test_atom_feed_is_read_and_a_redirect_within_named_hosts_is_followed(server: str) -> None:
    atom = await _collect(_account(f"{server}/atom", source="rss"))
    assert atom.error is None
    (entry,) = atom.posts
    assert (entry.title, entry.text) == ("市政府新闻发布会", "发布会全文")
    assert entry.published == datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
    moved = await _collect(_account(f"{server}/to-rss", source="rss"))
    assert len(moved.posts) == 3


async def test_json_export_gives_posts_channels_and_comment_state(server: str, tmp_path: Path) -> None:
    account = Account(platform="app", account_id="zwapp", name="某某政务APP", feed=f"{server}/export.json")
    collection = await _collect(account)
    assert collection.error is None and collection.source == "json"
    post, repost = collection.posts
    assert (post.published, post.reads, post.likes, post.shares, post.original) == (
        datetime(2026, 11, 19, 2, 0, tzinfo=UTC),
        120,
        3,
        None,
        True,
    )
    assert repost.original is False and repost.url is None and repost.text == ""
    assert [(c.name, c.items, c.interactive) for c in collection.channels] == [
        ("政务公开", 12, False),
        ("建设中栏目", 0, False),
        ("互动留言", None, True),
    ]
    assert collection.comments_open is False
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(EXPORT), encoding="utf-8")
    from_file = await _collect(replace(account, feed=str(exported)))
    assert from_file.posts == collection.posts


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"version": 2}, "version: 2"),
        (
            {"posts": [{"published": "2026-11-19 10:00"}]},
            "posts[0].published: '2026-11-19 10:00' has no UTC offset",
        ),
        ({"posts": [{"likes": -1, "original": "yes"}]}, "posts[0].likes: -1 is negative"),
        ({"posts": "none"}, "posts: required, a list"),
        ({"account": {"platform": "app", "id": "other"}}, "account.id: 'other'"),
        ({"channels": [{"items": 3}]}, "channels[0].name"),
    ],
)
async def test_an_export_that_breaks_the_format_is_refused_with_the_place(
    tmp_path: Path, change: dict[str, object], problem: str
) -> None:
    account = Account(platform="app", account_id="zwapp", name="某某政务APP", source="json")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(EXPORT | change), encoding="utf-8")
    collection = await _collect(replace(account, feed=str(path)))
    assert collection.posts == ()
    assert collection.error is not None and problem in collection.error


async def test_gbk_list_page_gives_dated_items_only(server: str) -> None:
    collection = await _collect(_account(f"{server}/list.html", platform="app"))
    assert collection.error is None and collection.source == "html"
    assert [(p.title, p.url, p.published.date() if p.published else None) for p in collection.posts] == [
        ("关于开展冬季安全生产检查的通知", f"{server}/a/1.html", date(2026, 11, 18)),
        ("我区召开政务公开工作推进会", f"{server}/a/2.html", date(2026, 11, 10)),
        ("区政府常务会议研究部署重点工作", f"{server}/a/3.html", date(2026, 10, 30)),
    ]


async def test_a_feed_of_unknown_kind_is_sniffed(server: str) -> None:
    account = Account(platform="app", account_id="zwapp", name="某某政务APP", feed=f"{server}/export")
    assert type(collector_for(account)).__name__ == "SniffingCollector"
    collection = await _collect(account)
    assert collection.source == "json" and len(collection.posts) == 2


@pytest.mark.parametrize(
    ("path", "source", "problem"),
    [
        ("/garbage.xml", "rss", "not an RSS or Atom feed"),
        ("/deep.json", "json", "not valid JSON"),
        ("/huge.xml", "rss", f"more than {MAX_SOURCE_BYTES} bytes"),
        ("/gone.xml", "rss", "HTTP 503 Service Unavailable: 维护中"),
        ("/to-private", "rss", "127.0.0.2 resolves to 127.0.0.2: a non-public address that was not named"),
        ("/to-localhost", "rss", "localhost resolves to 127.0.0.1: a non-public address that was not named"),
        ("/nothing-here.json", "json", "HTTP 404"),
    ],
)
async def test_broken_huge_and_hostile_answers_give_an_error_collection(
    server: str, path: str, source: str, problem: str
) -> None:
    collection = await _collect(_account(f"{server}{path}", source=source))
    assert collection.posts == ()
    assert collection.error is not None and problem in collection.error, collection.error


async def test_entity_expansion_bomb_does_not_expand(server: str) -> None:
    collection = await _collect(_account(f"{server}/bomb.xml", source="rss"))
    (post,) = collection.posts
    assert len(post.title) < 100  # the entity is left as written, never expanded


async def test_an_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LINE", encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><item><title>a&x;b</title><link>/a/1.html</link></item></channel></rss>',
        encoding="utf-8",
    )
    collection = await _collect(_account(str(feed), source="rss"))
    (post,) = collection.posts
    assert "SECRET" not in post.title


async def test_a_private_address_is_refused_when_the_host_was_not_named(server: str) -> None:
    account = _account(f"{server}/rss.xml")
    async with open_session([]) as session:  # 127.0.0.1 not named by any account
        collection = await collect(account, session, AS_OF)
    assert collection.error is not None and "not named" in collection.error
    async with aiohttp.ClientSession() as plain:  # a session without the address rule is not used
        collection = await collect(account, plain, AS_OF)
    assert collection.error is not None and "open_session" in collection.error


async def test_a_credential_header_is_not_sent_to_another_host(server: str) -> None:
    async with fetching.open_session(["127.0.0.1", "localhost"]) as session:
        same = await fetching.fetch(session, f"{server}/to-same-host", headers={"access-token": "t"})
        other = await fetching.fetch(session, f"{server}/to-other-host", headers={"access-token": "t"})
    assert (same.body, other.body) == (b"t", b"none")


async def test_wechat_api_pages_through_published_articles(
    platform_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = Account(platform="wechat", account_id="gh_abc123", name="某某发布")
    monkeypatch.setenv("GOVINSPECT_WECHAT_APPID_GH_ABC123", "wx-app")  # for this account alone
    monkeypatch.setenv("GOVINSPECT_WECHAT_SECRET", "wx-secret")
    collection = await _collect(account)
    assert collection.error is None and collection.source == "api"
    assert [p.title for p in collection.posts] == ["第0篇", "第1篇"]  # the deleted one left out
    assert collection.posts[1].published == datetime.fromtimestamp(1_763_604_001, UTC)
    monkeypatch.setenv("GOVINSPECT_WECHAT_SECRET", "wrong")
    refused = await _collect(account)
    assert refused.error is not None and "40013 invalid appid" in refused.error


async def test_weibo_api_reads_counts_and_reposts(platform_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    account = Account(platform="weibo", account_id="1234567", name="某某区发布")
    monkeypatch.setenv("GOVINSPECT_WEIBO_TOKEN", "wb-token")
    collection = await _collect(account)
    first, repost = collection.posts
    assert (first.comments, first.shares, first.likes, first.original) == (7, 2, 15, True)
    assert first.text == "【通知】冬季供暖时间调整 全文"
    assert first.url == "https://m.weibo.cn/status/4900000000000001"
    assert first.published == datetime(2026, 11, 18, 2, 0, tzinfo=UTC)
    assert repost.original is False
    monkeypatch.setenv("GOVINSPECT_WEIBO_TOKEN", "stale")
    refused = await _collect(account)
    assert refused.error is not None and "HTTP 401" in refused.error and "expired_token" in refused.error


async def test_douyin_api_follows_the_cursor(platform_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    account = Account(platform="douyin", account_id="open-id-1", name="某某发布")
    monkeypatch.setenv("GOVINSPECT_DOUYIN_TOKEN", "dy-token")
    collection = await _collect(account)
    assert [(p.title, p.reads, p.likes) for p in collection.posts] == [("视频0", 999, 20), ("视频1", 999, 20)]
    monkeypatch.setenv("GOVINSPECT_DOUYIN_TOKEN", "old")
    refused = await _collect(account)
    assert refused.error is not None and "2190008" in refused.error


@pytest.mark.parametrize(
    ("platform", "variable"),
    [
        ("wechat", "GOVINSPECT_WECHAT_APPID"),
        ("weibo", "GOVINSPECT_WEIBO_TOKEN"),
        ("douyin", "GOVINSPECT_DOUYIN_TOKEN"),
    ],
)
async def test_missing_credentials_give_an_error_naming_the_variable(
    platform_env: str, platform: str, variable: str
) -> None:
    account = Account(platform=platform, account_id="x1", name="某某发布")  # type: ignore[arg-type]
    collection = await _collect(account)
    assert collection.source == "api" and collection.posts == ()
    assert collection.error is not None and variable in collection.error


async def test_an_account_of_a_platform_without_plug_in_or_feed_says_so() -> None:
    account = Account(platform="toutiao", account_id="t1", name="某某发布")
    collection = await _collect(account)
    assert collection.error is not None and "no feed" in collection.error
    asked_api = await _collect(replace(account, source="api"))
    assert asked_api.error is not None and "no API plug-in" in asked_api.error


def test_the_guess_follows_the_feed_address() -> None:
    kinds = {
        feed: collector_for(_account(feed)).source
        for feed in (
            "https://x.gov.cn/rss.xml",
            "https://x.gov.cn/feed",
            "/data/export.json",
            "https://x.gov.cn/list.html",
        )
    }
    assert kinds == {
        "https://x.gov.cn/rss.xml": "rss",
        "https://x.gov.cn/feed": "rss",
        "/data/export.json": "json",
        "https://x.gov.cn/list.html": "html",
    }
    assert collector_for(_account(None)).source == "api"


async def test_collections_run_concurrently_on_one_session(server: str) -> None:
    accounts = [_account(f"{server}/rss.xml", account_id=str(n)) for n in range(20)]
    async with open_session(accounts) as session:
        collections = await asyncio.gather(*(collect(a, session, AS_OF) for a in accounts))
    assert all(len(c.posts) == 3 for c in collections)
