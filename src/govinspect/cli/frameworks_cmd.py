"""``govinspect frameworks list | show | validate``: the indicator frameworks, and checking a copy of one."""

from __future__ import annotations

from typing import Annotated

import typer

from govinspect.checks.api import all_checks
from govinspect.scoring.framework import (
    Deduction,
    Framework,
    FrameworkError,
    Indicator,
    RangeCondition,
    Veto,
    builtin_frameworks,
    load_framework,
)

app = typer.Typer(
    help="Indicator frameworks: how findings count toward vetoes and scores.", no_args_is_help=True
)

_PLACEHOLDER_TAGS = frozenset({"R", "I"})  # values to verify before scoring real sites


@app.command("list")
def list_frameworks() -> None:
    """The built-in frameworks, with their version and title."""
    for ref in sorted(builtin_frameworks()):
        framework = load_framework(ref)
        typer.echo(f"{framework.id:16} {framework.version:16} {framework.title}")


@app.command("show")
def show(
    ref: Annotated[str, typer.Argument(help="A built-in framework id or a framework YAML file.")],
) -> None:
    """Every veto and deduction of a framework, with its checks, points and confidence tag."""
    framework = _load(ref)
    typer.echo(f"{framework.id} {framework.version} — {framework.title}\n{framework.source}\n")
    typer.echo(
        f"scoring: {framework.full_marks:g} points, below {framework.pass_score:g} unqualified; "
        f"counted outcomes: {', '.join(sorted(framework.count_outcomes))}\n"
    )
    typer.echo("single vetoes (any one: unqualified, no score):")
    for veto in framework.vetoes:
        filters = " or ".join(_describe(f) for f in veto.when_any)
        typer.echo(
            f"  {veto.id:20} [{veto.confidence}] {veto.name}: ≥{veto.min_count} of {', '.join(veto.checks)}"
            + (f" where {filters}" if filters else "")
        )
    typer.echo("\ndeduction indicators (each loses at most its allocation):")
    for block in framework.blocks:
        typer.echo(f"  {block.name} ({block.id}) [{block.confidence}] {block.points:g} points")
        _show_indicators(framework, block.id)
    if any(i.block is None for i in framework.indicators.values()):
        typer.echo("  indicators with a cap of their own:")
        _show_indicators(framework, None)
    typer.echo(
        f"\nscored site types: {', '.join(sorted(framework.scored_site_types))}; bonus above "
        f"{framework.bonus_above:g} (cap {framework.bonus_cap:g})"
    )
    typer.echo(f"\nunscored checks: {', '.join(sorted(framework.unscored_checks)) or '-'}")
    for check, values in sorted(framework.check_parameters.items()):
        typer.echo(f"parameters of {check}: {values}")


@app.command("validate")
def validate(
    paths: Annotated[list[str], typer.Argument(help="Framework YAML files (or built-in ids).")],
) -> None:
    """Load each framework as an inspection would; report the first problem with its file and line.

    Exit status 0 when every file is usable, 2 otherwise. A usable file may still carry
    placeholder values (tag R or I): they are listed so they can be checked before real use.
    """
    failed = False
    for ref in paths:
        try:
            framework = _load(ref)
        except typer.Exit:
            failed = True
            continue
        tagged: list[Veto | Indicator | Deduction] = [
            *framework.vetoes,
            *framework.indicators.values(),
            *framework.deductions,
        ]
        placeholders = [item.id for item in tagged if item.confidence in _PLACEHOLDER_TAGS]
        typer.echo(
            f"{ref}: ok — {len(framework.vetoes)} vetoes, {len(framework.deductions)} deductions"
            + (
                f"; values tagged R or I (verify before real use): {', '.join(placeholders)}"
                if placeholders
                else ""
            )
        )
    if failed:
        raise typer.Exit(2)


def _show_indicators(framework: Framework, block: str | None) -> None:
    for indicator in (i for i in framework.indicators.values() if i.block == block):
        rules = [d for d in framework.deductions if d.indicator == indicator.id]
        typer.echo(
            f"    {indicator.id:20} [{indicator.confidence}] {indicator.name} {indicator.points:g}"
            + ("" if rules else " — not assessed by any check")
        )
        for rule in rules:
            each = f"{rule.points_each:g}" + (f" per {rule.per_item_of}" if rule.per_item_of else "")
            each += " (each counted once)" if rule.distinct_items else ""
            typer.echo(
                f"      {rule.id:24} [{rule.confidence}] −{each} each {rule.check}"
                + (f" where {_describe(rule.when)}" if rule.when else "")
            )


def _load(ref: str) -> Framework:
    try:
        return load_framework(ref, frozenset(all_checks()))
    except FrameworkError as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(2) from exc


def _describe(condition: tuple[tuple[str, object], ...]) -> str:
    return ", ".join(
        f"{field} {value}" if isinstance(value, RangeCondition) else f"{field}={value}"
        for field, value in condition
    )
