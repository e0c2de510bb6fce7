"""Entry point of the ``govinspect`` command."""

from __future__ import annotations

import typer

from govinspect import __version__
from govinspect.cli import (
    accounts,
    campaign,
    check,
    checks_cmd,
    demo,
    evidence,
    frameworks_cmd,
    monitor,
    rectify,
    supervision,
)

app = typer.Typer(
    name="govinspect",
    help="Inspect government websites against China's national indicators: crawl, keep evidence, check.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command(name="check")(check.check)
app.command(name="demo")(demo.demo)
app.command(name="monitor")(monitor.monitor)
app.add_typer(checks_cmd.app, name="checks")
app.add_typer(evidence.app, name="evidence")
app.add_typer(frameworks_cmd.app, name="frameworks")
app.add_typer(campaign.app, name="campaign")
app.add_typer(rectify.app, name="rectify")
app.command(name="recheck")(campaign.recheck)
app.command(name="supervision")(supervision.supervision)
app.command(name="accounts")(accounts.accounts)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"govinspect {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """govinspect: open inspection of government websites."""


def main() -> None:
    app()


if __name__ == "__main__":
    main()
