"""``govinspect evidence show RECORD_ID``: the archived response behind a finding."""

from __future__ import annotations

import sys

import typer

from govinspect.store.crawls import record_location
from govinspect.store.db import open_store
from govinspect.store.warc import read_record

app = typer.Typer(help="Read the evidence (WARC records) kept for findings.", no_args_is_help=True)


@app.command("show")
def show(
    record_id: str,
    db: str | None = typer.Option(None, help="SQLite file or database URL of the store."),
    body: bool = typer.Option(True, help="Print the body after the headers."),
) -> None:
    """Print the response as it was fetched: status line, headers and body."""
    engine = open_store(db)
    location = record_location(engine, record_id)
    if location is None:
        typer.echo(f"govinspect: no record {record_id} in this store", err=True)
        raise typer.Exit(2)
    record = read_record(*location)
    typer.echo(f"WARC-Record-ID: {record.record_id}\nWARC-Target-URI: {record.url}\nWARC-Date: {record.date}")
    typer.echo(f"archive: {location[0]} @ {location[1]}\n")
    typer.echo(record.status_line)
    for key, value in record.headers:
        typer.echo(f"{key}: {value}")
    if body:
        typer.echo("")
        sys.stdout.flush()
        sys.stdout.buffer.write(record.body)
        sys.stdout.buffer.flush()
