"""Opening the store: SQLite (WAL) by default, or any SQLAlchemy URL such as ``postgresql://``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

MIGRATIONS = Path(__file__).with_name("migrations")


def default_db_path() -> Path:
    """An SQLite file in the user's data folder ($XDG_DATA_HOME/govinspect/govinspect.sqlite)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "govinspect" / "govinspect.sqlite"


def database_url(db: str | None) -> str:
    """``--db`` as a database URL: a path becomes an SQLite URL."""
    if db and "://" in db:
        return db
    path = Path(db) if db else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def evidence_dir(url: str) -> Path:
    """Where WARC files go: beside the SQLite file, or the data folder for a server database."""
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


def open_store(db: str | None) -> Engine:
    """Connect and bring the schema up to date (Alembic ``upgrade head``)."""
    url = database_url(db)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return engine
