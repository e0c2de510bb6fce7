"""``govinspect checks list | explain NAME``: the check catalogue and each check's documentation."""

from __future__ import annotations

import typer

from govinspect.checks.api import all_checks

app = typer.Typer(help="The checks govinspect runs, and what each one means.", no_args_is_help=True)


@app.command("list")
def list_checks() -> None:
    """Every check with its one-line summary."""
    for name, spec in all_checks().items():
        typer.echo(f"{name:28} {spec.summary}")


@app.command("explain")
def explain(name: str) -> None:
    """What a check flags, why it matters, an example, how to fix it, and its known false positives."""
    checks = all_checks()
    spec = checks.get(name)
    if spec is None:
        typer.echo(f"govinspect: no check named {name!r}; see `govinspect checks list`", err=True)
        raise typer.Exit(2)
    typer.echo(f"{name}  (scope: {spec.scope}; reads: {', '.join(spec.needs) or '-'})\n")
    typer.echo(spec.doc)
