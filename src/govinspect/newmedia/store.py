"""Stored collections of new-media accounts, with history (like crawls: every collection is kept).

``accounts`` holds each registered account once (its registry row as last stored);
``account_collections`` one row per collection; ``posts`` what each collection read. A check
over an account reads its collections oldest first (:func:`load_collections`).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.engine import Connection, CursorResult

from govinspect.model.account import Account, Channel, Collection, Post
from govinspect.store.schema import account_collections, accounts, posts

_POST_FIELDS = ("url", "published", "title", "text", "original", "comments", "likes", "shares", "reads")


def _account_row(account: Account) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for item in dataclasses.fields(account):
        value = getattr(account, item.name)
        if isinstance(value, date | datetime):
            value = value.isoformat()
        elif item.name == "extra":
            value = [list(pair) for pair in value]
        row[item.name] = value
    return row


def _account_id(connection: Connection, account: Account) -> int:
    """The row id of ``account``, storing or refreshing its registry row."""
    row = _account_row(account)
    found = connection.execute(select(accounts.c.id).where(accounts.c.key == account.key)).scalar()
    if found is not None:
        connection.execute(update(accounts).where(accounts.c.id == found).values(row=row))
        return int(found)
    return _inserted_id(connection.execute(insert(accounts).values(key=account.key, row=row)))


def _inserted_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None, "an insert of one row"
    return int(key[0])


def store_collection(engine: Engine, account: Account, collection: Collection) -> int:
    """Store one collection of ``account`` (earlier ones are kept) and return its id."""
    if collection.account_key != account.key:
        raise ValueError(f"a collection of {collection.account_key} cannot be stored for {account.key}")
    with engine.begin() as connection:
        account_id = _account_id(connection, account)
        collection_id = _inserted_id(
            connection.execute(
                insert(account_collections).values(
                    account_id=account_id,
                    collected_at=collection.collected_at,
                    source=collection.source,
                    error=collection.error,
                    comments_open=collection.comments_open,
                    channels=[dataclasses.asdict(channel) for channel in collection.channels],
                )
            )
        )
        if collection.posts:
            connection.execute(
                insert(posts),
                [
                    {"collection_id": collection_id, "position": position}
                    | {name: getattr(post, name) for name in _POST_FIELDS}
                    for position, post in enumerate(collection.posts)
                ],
            )
    return collection_id


def load_collections(engine: Engine, account_key: str, since: datetime | None = None) -> list[Collection]:
    """Every stored collection of the account (collected at or after ``since``), oldest first."""
    query = (
        select(account_collections)
        .join(accounts, accounts.c.id == account_collections.c.account_id)
        .where(accounts.c.key == account_key)
        .order_by(account_collections.c.collected_at, account_collections.c.id)
    )
    if since is not None:
        query = query.where(account_collections.c.collected_at >= since)
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
        by_collection: dict[int, list[Post]] = {int(row["id"]): [] for row in rows}
        if by_collection:
            post_rows = connection.execute(
                select(posts)
                .where(posts.c.collection_id.in_(list(by_collection)))
                .order_by(posts.c.collection_id, posts.c.position)
            ).mappings()
            for post in post_rows:
                by_collection[int(post["collection_id"])].append(
                    Post(account_key=account_key, **{name: post[name] for name in _POST_FIELDS})
                )
    return [
        Collection(
            account_key=account_key,
            collected_at=row["collected_at"],
            source=row["source"],
            posts=tuple(by_collection[int(row["id"])]),
            channels=tuple(Channel(**channel) for channel in row["channels"]),
            comments_open=row["comments_open"],
            error=row["error"],
        )
        for row in rows
    ]
