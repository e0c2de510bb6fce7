"""Indicator frameworks: versioned data files that say how findings count."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message names the file and what is wrong."""


Filter = tuple[tuple[str, Any], ...]  # detail field → required value, all must hold


def holds(condition: Filter, detail: Mapping[str, Any]) -> bool:
    """Whether a finding's detail meets every condition of a filter.

    A condition is a value the field must equal (``column_type: news``) or a range
    (``missing: {min: 4}``, both ends inclusive; a list is measured by its length).
    """
    for field, wanted in condition:
        value = detail.get(field)
        if isinstance(wanted, RangeCondition):
            if not wanted.admits(value):
                return False
        elif value != wanted:
            return False
    return True


@dataclass(frozen=True, slots=True)
class RangeCondition:
    low: float | None
    high: float | None

    def __str__(self) -> str:
        low = f"≥{self.low:g}" if self.low is not None else ""
        high = f"≤{self.high:g}" if self.high is not None else ""
        return " and ".join(part for part in (low, high) if part)

    def admits(self, value: Any) -> bool:
        """A number in the range, or a list whose length is (``missing: {min: 4}``)."""
        if isinstance(value, list | tuple):
            value = len(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True, slots=True)
class Deduction:
    """A rule: each counting finding of ``check`` (passing ``when``) costs its indicator ``points_each``.

    A finding is deducted under the first rule that matches it, so listing the specific rules
    first (a stale news column under 动态要闻) keeps a problem from being deducted twice.
    """

    id: str
    indicator: str
    check: str
    when: Filter
    points_each: float
    per_item_of: str | None = None  # points_each for every entry of this detail list (missing elements)
    distinct_items: bool = False  # with per_item_of: an entry listed by several findings counts once
    confidence: str = "R"

    def matches(self, check: str, detail: Mapping[str, Any]) -> bool:
        return check == self.check and holds(self.when, detail)

    def points(self, detail: Mapping[str, Any]) -> float:
        """What one finding costs: ``points_each``, or that much per listed item."""
        if self.per_item_of is None:
            return self.points_each
        items = detail.get(self.per_item_of)
        return self.points_each * (len(items) if isinstance(items, list | tuple) else 1)


@dataclass(frozen=True, slots=True)
class Veto:
    """A single-veto indicator: at least ``min_count`` counting findings of ``checks`` that pass a filter."""

    id: str
    name: str
    checks: tuple[str, ...]
    min_count: int
    when_any: tuple[Filter, ...] = ()  # a finding counts when any filter matches (no filter: every one)
    confidence: str = "R"

    def counts(self, check: str, detail: Mapping[str, Any]) -> bool:
        if check not in self.checks:
            return False
        return not self.when_any or any(holds(f, detail) for f in self.when_any)


@dataclass(frozen=True, slots=True)
class Block:
    """A first-level indicator (一级指标): its second-level indicators share its points."""

    id: str
    name: str
    points: float
    confidence: str = "R"


@dataclass(frozen=True, slots=True)
class Indicator:
    """A second-level indicator (二级指标): deductions under it never exceed its allocation.

    Without a block (the 2015 table states caps, not a split of the 100 points), ``points`` is
    only the cap of its deductions.
    """

    id: str
    name: str
    block: str | None
    points: float
    confidence: str = "R"


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    version: str
    title: str
    full_marks: float
    pass_score: float  # strictly below: unqualified
    bonus_above: float  # strictly above: the bonus part is added
    bonus_cap: float
    count_outcomes: frozenset[str]
    scored_site_types: frozenset[str]  # site types that get a score (others: vetoes only)
    without_services_block: str | None  # skipped for sites without external services …
    without_services_factor: float  # … and the rest scaled up by this (75 × 4/3)
    blocks: tuple[Block, ...]
    indicators: Mapping[str, Indicator]
    vetoes: tuple[Veto, ...]
    deductions: tuple[Deduction, ...]
    unscored_checks: frozenset[str]
    source: str
    check_parameters: Mapping[str, Mapping[str, Any]]
    rectification_deadline_days: int = 30  # days after T to fix what failed (campaigns may override)

    @property
    def scored_checks(self) -> frozenset[str]:
        return frozenset({d.check for d in self.deductions} | {c for v in self.vetoes for c in v.checks})

    def assessed_indicators(self, ran: frozenset[str] | None = None) -> frozenset[str]:
        """Indicators that some check (of those that ran) feeds; the others need a person (未评估)."""
        return frozenset(d.indicator for d in self.deductions if ran is None or d.check in ran)


def builtin_frameworks() -> dict[str, Path]:
    folder = resources.files("govinspect.scoring") / "frameworks"
    return {Path(str(p)).stem: Path(str(p)) for p in folder.iterdir() if str(p).endswith(".yaml")}


def load_framework(ref: str, known_checks: frozenset[str] | None = None) -> Framework:
    """Load a framework by id (``cn-gov-2019``) or by path to a YAML file."""
    builtins = builtin_frameworks()
    path = builtins.get(ref) or Path(ref)
    if not path.is_file():
        raise FrameworkError(f"unknown framework {ref!r}; built in: {', '.join(sorted(builtins))}")
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FrameworkError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise FrameworkError(f"{path}: not a framework (a YAML mapping with id, version, scoring …)")
    try:
        framework = _build(data, str(path))
        if known_checks is not None:
            _refuse_unknown_checks(data, known_checks)
    except _Problem as exc:
        line = _positions(text).get(exc.where)
        raise FrameworkError(f"{path}:{line}: {exc}" if line else f"{path}: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        reason = f"lacks {exc}" if isinstance(exc, KeyError) else str(exc)
        raise FrameworkError(f"{path}: {reason}") from exc
    return framework


def _refuse_unknown_checks(data: dict[str, Any], known: frozenset[str]) -> None:
    """Every check a framework names must exist: a typo would silently never count."""
    named: list[tuple[str, tuple[str | int, ...]]] = []
    for index, d in enumerate(data.get("deductions") or []):
        named.append((d["check"], ("deductions", index)))
    for index, v in enumerate(data.get("vetoes") or []):
        named.extend((c, ("vetoes", index)) for c in (v["checks"] if "checks" in v else [v["check"]]))
    named.extend((c, ("unscored_checks", i)) for i, c in enumerate(data.get("unscored_checks") or []))
    named.extend((c, ("check_parameters", c)) for c in data.get("check_parameters") or {})
    for check, where in named:
        if check not in known:
            raise _Problem(f"names unknown check {check!r} (see `govinspect checks list`)", where)


def _filter(raw: Mapping[str, Any] | None) -> Filter:
    conditions: list[tuple[str, Any]] = []
    for field, wanted in sorted((raw or {}).items()):
        if isinstance(wanted, dict):
            unknown = set(wanted) - {"min", "max"}
            if unknown or not wanted:
                raise ValueError(f"condition on {field!r} takes min and/or max, not {sorted(unknown)}")
            low, high = wanted.get("min"), wanted.get("max")
            wanted = RangeCondition(
                None if low is None else float(low), None if high is None else float(high)
            )
        conditions.append((field, wanted))
    return tuple(conditions)


class _Problem(ValueError):
    """What is wrong with a framework file, and where: a path of keys and list positions."""

    def __init__(self, message: str, where: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.where = where


def _positions(text: str) -> dict[tuple[str | int, ...], int]:
    """The 1-based line of every mapping key and list entry, two levels deep (``("vetoes", 3)``)."""
    lines: dict[tuple[str | int, ...], int] = {}

    def walk(node: yaml.Node, path: tuple[str | int, ...]) -> None:
        if len(path) > 2:
            return
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[(*path, str(key.value))] = key.start_mark.line + 1
                walk(value, (*path, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, index)] = item.start_mark.line + 1
                walk(item, (*path, index))

    root = yaml.compose(text)
    if root is not None:
        walk(root, ())
    return lines


def _entry(section: str, index: int, raw: Any, make: Callable[[dict[str, Any]], T]) -> T:
    try:
        return make(raw)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        name = raw.get("id", f"entry {index + 1}") if isinstance(raw, dict) else f"entry {index + 1}"
        reason = f"lacks {exc}" if isinstance(exc, KeyError) else str(exc)
        raise _Problem(f"{section} {name}: {reason}", (section, index)) from exc


def _deduction(d: dict[str, Any]) -> Deduction:
    points = float(d["points_each"])
    if points < 0:
        raise ValueError(f"points_each is a positive number of points to subtract, not {points:g}")
    deduction = Deduction(
        id=d["id"],
        indicator=d["indicator"],
        check=d["check"],
        when=_filter(d.get("when")),
        points_each=points,
        per_item_of=d.get("per_item_of"),
        distinct_items=bool(d.get("distinct_items", False)),
        confidence=str(d.get("confidence", "R")),
    )
    if deduction.distinct_items and deduction.per_item_of is None:
        raise ValueError("distinct_items needs per_item_of (the detail list whose entries count once)")
    return deduction


def _blocks(raw: Mapping[str, Any]) -> tuple[Block, ...]:
    blocks = []
    for block_id, b in raw.items():
        block = Block(block_id, str(b["name"]), float(b["points"]), str(b.get("confidence", "R")))
        if block.points <= 0:
            raise _Problem(
                f"blocks {block_id}: points must be positive, not {block.points:g}", ("blocks", block_id)
            )
        blocks.append(block)
    return tuple(blocks)


def _indicators(raw: Mapping[str, Any], blocks: tuple[Block, ...], full_marks: float) -> dict[str, Indicator]:
    by_block = {b.id: b for b in blocks}
    indicators: dict[str, Indicator] = {}
    for indicator_id, i in raw.items():
        where: tuple[str | int, ...] = ("indicators", indicator_id)
        try:
            indicator = Indicator(
                indicator_id,
                str(i["name"]),
                str(i["block"]) if i.get("block") is not None else None,
                float(i["points"]),
                str(i.get("confidence", "R")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            reason = f"lacks {exc}" if isinstance(exc, KeyError) else str(exc)
            raise _Problem(f"indicators {indicator_id}: {reason}", where) from exc
        block = by_block.get(indicator.block) if indicator.block is not None else None
        if indicator.block is not None and block is None:
            raise _Problem(f"indicators {indicator_id}: block {indicator.block!r} is not defined", where)
        limit, within = (block.points, f"block {block.id}") if block else (full_marks, "the full marks")
        if not 0 < indicator.points <= limit:
            raise _Problem(
                f"indicators {indicator_id}: an allocation of {indicator.points:g} is impossible in "
                f"{within} worth {limit:g}",
                where,
            )
        indicators[indicator_id] = indicator
    for block in blocks:
        allocated = sum(i.points for i in indicators.values() if i.block == block.id)
        if allocated and abs(allocated - block.points) > 1e-6:
            raise _Problem(
                f"blocks {block.id}: worth {block.points:g}, its indicators are allocated {allocated:g}",
                ("blocks", block.id),
            )
    return indicators


def _veto(v: dict[str, Any]) -> Veto:
    veto = Veto(
        id=v["id"],
        name=v["name"],
        checks=tuple(v["checks"]) if "checks" in v else (v["check"],),
        min_count=int(v.get("min_count", 1)),
        when_any=tuple(_filter(f) for f in v.get("when_any") or []),
        confidence=str(v.get("confidence", "R")),
    )
    if veto.min_count < 1:
        raise ValueError("every veto needs min_count of at least 1")
    return veto


def _build(data: dict[str, Any], source: str) -> Framework:
    scoring = data["scoring"]
    raw_deductions = data.get("deductions") or []
    raw_vetoes = data.get("vetoes") or []
    deductions = tuple(_entry("deductions", i, d, _deduction) for i, d in enumerate(raw_deductions))
    vetoes = tuple(_entry("vetoes", i, v, _veto) for i, v in enumerate(raw_vetoes))
    seen: set[str] = set()
    located = [("deductions", i, d.id) for i, d in enumerate(deductions)]
    located += [("vetoes", i, v.id) for i, v in enumerate(vetoes)]
    for section, index, indicator_id in located:
        if indicator_id in seen:
            raise _Problem(f"duplicate indicator ids: {indicator_id}", (section, index))
        seen.add(indicator_id)
    blocks = _blocks(data.get("blocks") or {})
    full_marks = float(scoring["full_marks"])
    indicators = _indicators(data.get("indicators") or {}, blocks, full_marks)
    for index, deduction in enumerate(deductions):
        if deduction.indicator not in indicators:
            raise _Problem(
                f"{deduction.id}: indicator {deduction.indicator!r} is not defined", ("deductions", index)
            )
    if blocks and abs(sum(b.points for b in blocks) - full_marks) > 1e-6:
        raise _Problem(
            f"the blocks add up to {sum(b.points for b in blocks):g} points, full_marks is {full_marks:g}",
            ("scoring",),
        )
    without = scoring.get("without_services") or {}
    if without and without.get("skip_block") not in {b.id for b in blocks}:
        raise _Problem("without_services names a block that is not defined", ("scoring", "without_services"))
    return Framework(
        id=str(data["id"]),
        version=str(data["version"]),
        title=str(data.get("title", "")),
        full_marks=full_marks,
        pass_score=float(scoring["pass_score"]),
        bonus_above=float(scoring.get("bonus_above", full_marks)),
        bonus_cap=float(scoring.get("bonus_cap", 0)),
        count_outcomes=frozenset(scoring.get("count_outcomes") or ["fail"]),
        scored_site_types=frozenset(scoring.get("scored_site_types") or ["portal", "department"]),
        without_services_block=without.get("skip_block"),
        without_services_factor=float(without.get("factor", 1.0)),
        blocks=blocks,
        indicators=indicators,
        vetoes=vetoes,
        deductions=deductions,
        unscored_checks=frozenset(data.get("unscored_checks") or []),
        source=source,
        check_parameters={k: dict(v) for k, v in (data.get("check_parameters") or {}).items()},
        rectification_deadline_days=int((data.get("rectification") or {}).get("deadline_days", 30)),
    )
