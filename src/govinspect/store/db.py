"""Opening the store: SQLite (WAL) by default, or a PostgreSQL database given as ``postgresql://…``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError

MIGRATIONS = Path(__file__).with_name("migrations")
# Any fixed number: every govinspect process that migrates a PostgreSQL store takes this advisory lock first.
_MIGRATION_LOCK = 0x676F76696E  # "govin"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")  # as libpq and psql write them


def default_db_path() -> Path:
    """An SQLite file in the user's data folder ($XDG_DATA_HOME/govinspect/govinspect.sqlite)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "govinspect" / "govinspect.sqlite"


def database_url(db: str | None) -> str:
    """``--db`` as a database URL: a path becomes an SQLite URL, ``postgresql://`` uses psycopg 3."""
    if db and "://" in db:
        for scheme in _POSTGRES_SCHEMES:
            if db.startswith(scheme):
                return "postgresql+psycopg://" + db.removeprefix(scheme)
        return db
    path = Path(db) if db else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def evidence_dir(url: str) -> Path:
    """Where WARC files go: beside the SQLite file, or the local data folder for a server database.

    A server database keeps only the WARC paths; the files stay on the disk of the machine that
    crawled ($XDG_DATA_HOME/govinspect/warc), where ``govinspect evidence`` reads them.
    """
    if url.startswith("sqlite:///"):
        db_file = Path(url.removeprefix("sqlite:///"))
        return db_file.with_name(db_file.stem + "-warc")
    return default_db_path().with_name("warc")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class StoreError(Exception):
    """The store cannot be used as it is; the message says why and what to do."""


def migrate(connection: Connection) -> None:
    """Alembic ``upgrade head`` in the caller's transaction.

    On PostgreSQL several processes may open a new store at once (workers sharing one server):
    a transaction-scoped advisory lock lets the first create the tables and the others find them.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    try:
        command.upgrade(config, "head")
    except CommandError as exc:
        raise StoreError(
            f"this store was written by a newer govinspect, or is not a govinspect store ({exc}); "
            "upgrade govinspect or use another --db"
        ) from exc


def open_store(db: str | None) -> Engine:
    """Connect and bring the schema up to date (Alembic ``upgrade head``)."""
    url = database_url(db)
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))  # a server may drop idle links
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.begin() as connection:
            migrate(connection)
    except DatabaseError as exc:  # not a database, locked, unreachable server …
        raise StoreError(f"cannot open the store {db or url}: {exc.orig}") from exc
    return engine
