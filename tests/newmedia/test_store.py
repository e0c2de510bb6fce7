"""Stored collections: every collection is kept, read back oldest first, posts and channels exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.fixtures.postgres import postgres_cluster, postgres_url

from govinspect.model.account import Account, Channel, Collection, Post
from govinspect.newmedia.store import load_collections, store_collection
from govinspect.store.db import open_store
from govinspect.store.schema import accounts

__all__ = ["postgres_cluster", "postgres_url"]  # pytest fixtures used by name below

BEIJING = timezone(timedelta(hours=8))
ACCOUNT = Account(
    platform="weibo", account_id="1234567", name="某某区发布", feed="https://example.gov.cn/feed"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "store.sqlite")


def _collection(day: int, *posts: Post, error: str | None = None) -> Collection:
    return Collection(
        account_key=ACCOUNT.key,
        collected_at=datetime(2026, 11, day, 9, 0, tzinfo=BEIJING),
        source="json",
        posts=posts,
        channels=(
            Channel("政务公开", "https://example.gov.cn/gk/", 12),
            Channel("互动留言", None, None, True),
        ),
        comments_open=True if error is None else None,
        error=error,
    )


def _post(title: str, hour: int, **counts: int) -> Post:
    return Post(
        account_key=ACCOUNT.key,
        url=f"https://m.weibo.cn/status/{hour}",
        published=datetime(2026, 11, 18, hour, 30, tzinfo=BEIJING),
        title=title,
        text=f"{title}。正文",
        original=hour % 2 == 0,
        **counts,
    )


def test_every_collection_is_kept_and_read_back_oldest_first(store_url: str) -> None:
    engine = open_store(store_url)
    later = _collection(20, _post("第二条", 11, comments=2, likes=5), _post("第一条", 10, reads=900))
    earlier = _collection(19, _post("第一条", 10, reads=800))
    failed = _collection(21, error="https://example.gov.cn/feed: HTTP 503")
    ids = [store_collection(engine, ACCOUNT, c) for c in (later, earlier, failed)]

    assert len(set(ids)) == 3
    assert load_collections(engine, ACCOUNT.key) == [earlier, later, failed]
    loaded = load_collections(engine, ACCOUNT.key)[1]
    assert [p.title for p in loaded.posts] == ["第二条", "第一条"]  # the source's order
    assert loaded.posts[0].published == datetime(2026, 11, 18, 3, 30, tzinfo=UTC)
    assert load_collections(engine, ACCOUNT.key, since=datetime(2026, 11, 20, tzinfo=BEIJING)) == [
        later,
        failed,
    ]
    assert load_collections(engine, "weibo:other") == []


def test_the_account_row_follows_the_registry(store_url: str) -> None:
    engine = open_store(store_url)
    store_collection(engine, ACCOUNT, _collection(19))
    renamed = Account(platform="weibo", account_id="1234567", name="某某区人民政府发布")
    store_collection(engine, renamed, _collection(20))
    with engine.connect() as connection:
        rows = connection.execute(select(accounts.c.key, accounts.c.row)).all()
    assert [(key, row["name"]) for key, row in rows] == [("weibo:1234567", "某某区人民政府发布")]
    assert len(load_collections(engine, ACCOUNT.key)) == 2


def test_a_collection_of_another_account_is_refused(tmp_path: Path) -> None:
    engine = open_store(str(tmp_path / "s.sqlite"))
    other = Account(platform="wechat", account_id="gh_1", name="x")
    with pytest.raises(ValueError, match="weibo:1234567"):
        store_collection(engine, other, _collection(19))
