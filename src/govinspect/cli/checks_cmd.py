"""``govinspect checks list | explain NAME``: the check catalogue and each check's documentation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govinspect.checks.api import CheckSpec, all_checks

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


def check_page(spec: CheckSpec) -> str:
    """The documentation page of a check, as kept in docs/checks/NAME.md."""
    return (
        f"# `{spec.name}`\n\n"
        f"<!-- generated from the docstring of {spec.module}; edit it there, then run "
        f"`govinspect checks docs` -->\n\n"
        f"Scope: {spec.scope}. Reads: {', '.join(spec.needs) or '-'}.\n\n{spec.doc}\n"
    )


@app.command("docs")
def write_docs(
    output: Annotated[Path, typer.Option(help="Folder for one page per check.")] = Path("docs/checks"),
) -> None:
    """Write docs/checks/NAME.md for every check from its docstring."""
    output.mkdir(parents=True, exist_ok=True)
    for spec in all_checks().values():
        (output / f"{spec.name}.md").write_text(check_page(spec), encoding="utf-8")
        typer.echo(str(output / f"{spec.name}.md"))
