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
    id: str
    name: str
    check: str
    when: Filter
    points_each: float
    cap_group: str | None
    per_item_of: str | None = None  # points_each for every entry of this detail list (missing elements)
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
class Framework:
    id: str
    version: str
    title: str
    full_marks: float
    pass_score: float
    count_outcomes: frozenset[str]
    vetoes: tuple[Veto, ...]
    deductions: tuple[Deduction, ...]
    caps: Mapping[str, float]
    unscored_checks: frozenset[str]
    source: str
    check_parameters: Mapping[str, Mapping[str, Any]]

    @property
    def scored_checks(self) -> frozenset[str]:
        return frozenset({d.check for d in self.deductions} | {c for v in self.vetoes for c in v.checks})


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
    return Deduction(
        id=d["id"],
        name=d["name"],
        check=d["check"],
        when=_filter(d.get("when")),
        points_each=float(d["points_each"]),
        cap_group=d.get("cap_group"),
        per_item_of=d.get("per_item_of"),
        confidence=str(d.get("confidence", "R")),
    )


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
    caps: dict[str, float] = {}
    for name, group in (data.get("cap_groups") or {}).items():
        cap = float(group["cap"])
        if cap <= 0:
            raise _Problem(
                f"cap_groups {name}: every cap must be positive, not {cap:g}", ("cap_groups", name)
            )
        caps[name] = cap
    for index, deduction in enumerate(deductions):
        if deduction.cap_group is not None and deduction.cap_group not in caps:
            raise _Problem(
                f"{deduction.id}: cap_group {deduction.cap_group!r} is not defined", ("deductions", index)
            )
    return Framework(
        id=str(data["id"]),
        version=str(data["version"]),
        title=str(data.get("title", "")),
        full_marks=float(scoring["full_marks"]),
        pass_score=float(scoring["pass_score"]),
        count_outcomes=frozenset(scoring.get("count_outcomes") or ["fail"]),
        vetoes=vetoes,
        deductions=deductions,
        caps=caps,
        unscored_checks=frozenset(data.get("unscored_checks") or []),
        source=source,
        check_parameters={k: dict(v) for k, v in (data.get("check_parameters") or {}).items()},
    )
