"""A site whose homepage too often fails to open."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from govinspect.checks.api import SiteContext, check
from govinspect.model.availability import BEIJING, AvailabilityProbe, in_window, window_bounds
from govinspect.model.finding import Finding, Outcome

#: The national rule (SV-UNREACHABLE); frameworks pass their own values.
WINDOW_DAYS = 7
MIN_PROBES_PER_DAY = 20
FAIL_RATIO = 0.05

_ERROR_WORDS = {
    "dns": "域名无法解析",
    "connect": "无法建立连接",
    "tls": "加密连接（证书）错误",
    "timeout": "超时无响应",
    "protocol": "服务器响应格式错误",
    "redirect-loop": "重定向循环",
}
_FIX = "请排查服务器、网络、域名解析和证书，保证首页在15秒内稳定打开。"
_MONITOR = "请持续运行 govinspect monitor（每天至少{per_day}次访问）后复查。"


@dataclass(frozen=True, slots=True)
class WindowTally:
    """The monitor's visits to a homepage inside one window, counted as the rule counts them."""

    start: datetime
    end: datetime
    probes: int  # visits that count: the homepage opened, or did not
    failed: int
    unverified: int  # visits the network-safety rule forbade
    missed: int  # slots without a visit (monitor not running)
    errors: tuple[tuple[str, int], ...]  # failure kind → count; HTTP failures as "HTTP 503"
    last_failure: AvailabilityProbe | None

    @property
    def ratio(self) -> float | None:
        return self.failed / self.probes if self.probes else None


def tally_window(probes: Sequence[AvailabilityProbe], start: datetime, end: datetime) -> WindowTally:
    """Count the stored slots whose start lies in [start, end)."""
    inside = [p for p in probes if in_window(p, start, end)]
    failures = sorted((p for p in inside if p.outcome == "failed"), key=lambda p: p.slot_start)
    kinds = Counter(_failure_kind(p) for p in failures)
    return WindowTally(
        start=start,
        end=end,
        probes=sum(p.is_visit for p in inside),
        failed=len(failures),
        unverified=sum(p.outcome == "unverified" for p in inside),
        missed=sum(p.outcome == "missed" for p in inside),
        errors=tuple(kinds.most_common()),
        last_failure=failures[-1] if failures else None,
    )


def reaches(failed: int, probes: int, fail_ratio: float) -> bool:
    """failed / probes ≥ fail_ratio, decided exactly (7 of 140 is 5 %, not a rounding error away)."""
    return probes > 0 and Fraction(failed, probes) >= Fraction(str(fail_ratio))


def _failure_kind(probe: AvailabilityProbe) -> str:
    if probe.error == "http" and probe.status is not None:
        return f"HTTP {probe.status}"
    return probe.error or "unknown"


def _reasons(tally: WindowTally) -> str:
    return "、".join(f"{_ERROR_WORDS.get(kind, kind)} {count} 次" for kind, count in tally.errors)


def _day(moment: datetime) -> str:
    return moment.astimezone(BEIJING).date().isoformat()


def _excerpt(probe: AvailabilityProbe | None) -> str | None:
    if probe is None:
        return None
    moment = (probe.started_at or probe.slot_start).astimezone(BEIJING)
    what = _failure_kind(probe)
    detail = f"：{probe.error_detail}" if probe.error_detail and probe.error != "http" else ""
    return f"最近一次失败 {moment:%Y-%m-%d %H:%M}（北京时间）{_ERROR_WORDS.get(what, what)}{detail}"


def read_availability_rule(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values: ``{window_days: 7, min_probes_per_day: 20, fail_ratio: 0.05}`` (any of them)."""
    unknown = set(given) - {"window_days", "min_probes_per_day", "fail_ratio"}
    if unknown:
        raise ValueError(
            f"site-unreachable takes window_days, min_probes_per_day, fail_ratio; got {sorted(unknown)}"
        )
    values = dict(given)
    for name in ("window_days", "min_probes_per_day"):
        if name in values and (not isinstance(values[name], int) or isinstance(values[name], bool)):
            raise ValueError(f"site-unreachable: {name} must be a whole number, not {values[name]!r}")
    if values.get("window_days", WINDOW_DAYS) < 1 or values.get("min_probes_per_day", MIN_PROBES_PER_DAY) < 0:
        raise ValueError(f"site-unreachable: window_days ≥ 1 and min_probes_per_day ≥ 0, not {dict(given)}")
    if "fail_ratio" in values:
        ratio = values["fail_ratio"]
        if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not 0 < ratio <= 1:
            raise ValueError(f"site-unreachable: fail_ratio must be in (0, 1], not {ratio!r}")
        values["fail_ratio"] = float(ratio)
    return values


@check(name="site-unreachable", scope="site", needs=("probes_history",), parameters=read_availability_rule)
def site_unreachable(
    site: SiteContext,
    *,
    window_days: int = WINDOW_DAYS,
    min_probes_per_day: int = MIN_PROBES_PER_DAY,
    fail_ratio: float = FAIL_RATIO,
) -> Iterator[Finding]:
    """A site whose homepage too often fails to open.

    What it flags: a site whose registered homepage, visited by ``govinspect monitor`` at least
    20 times a day over the 7 days that end with the monitoring point T (Beijing-time days),
    failed to open in 5 % or more of the visits. A visit fails when the name does not resolve,
    the connection is refused or dropped, the certificate or TLS handshake fails, no complete
    answer arrives within 15 s, the answer is malformed or loops in redirects, or the server
    answers an HTTP status of 400 or above. The finding lists the count of visits, failures,
    the failed share and the kinds of failure.

    Could not verify: with fewer visits in the window than the rule needs (20 a day, 140 in
    7 days) the outcome is ``unverified`` with the count of visits made. Slots in which the
    monitor was not running count neither way; nor do visits the network-safety rule forbade
    (the homepage redirected to a private address nobody named).

    Why it matters: "站点无法访问" is a single-veto indicator (SV-UNREACHABLE): a site that
    cannot be opened in 5 % of the visits of a week is unqualified whatever its other scores.

    Example: 首页在 2026-11-14 至 2026-11-20 的7天监测中访问168次，12次无法打开（7.1%）：
    超时无响应 9 次、HTTP 503 3 次。

    How to fix: find the cause from the kinds of failure: timeouts and HTTP 5xx point at an
    overloaded or failing server, connection errors at the server or firewall, DNS errors at
    the domain's resolution, TLS errors at an expired or mismatched certificate. Fix it, keep
    the monitor running, and check again after a week.

    Known false positives: a firewall that answers the monitor (but not people) with 403 or
    429 — the visits count as failures, because the rule counts every answer of 400 or above;
    problems of the monitor's own network, which show as failures of many sites at the same
    moments. Compare with other sites probed at the same times before acting on a finding.
    """
    start, end = window_bounds(site.as_of, window_days)
    tally = tally_window(site.probes_history, start, end)
    site.tally.examined += 1
    required = min_probes_per_day * window_days
    period = f"{_day(start)} 至 {_day(end - timedelta(days=1))} 的{window_days}天"
    detail = {
        "probes": tally.probes,
        "failed": tally.failed,
        "ratio": round(tally.ratio, 4) if tally.ratio is not None else None,
        "window_days": window_days,
        "required_probes": required,
        "threshold": fail_ratio,
        "missed": tally.missed,
        "unverified": tally.unverified,
        "errors": dict(tally.errors),
    }
    if tally.probes < required:
        failures = f"其中{tally.failed}次无法打开（{_reasons(tally)}）。" if tally.failed else ""
        yield site.finding(
            at=site.site.url,
            outcome=Outcome.UNVERIFIED,
            message=(
                f"首页在{period}内只有{tally.probes}次有效监测访问，少于规则要求的{required}次"
                f"（每天至少{min_probes_per_day}次），无法判定站点是否无法访问。{failures}"
                + _MONITOR.format(per_day=min_probes_per_day)
            ),
            detail=detail,
            excerpt=_excerpt(tally.last_failure),
        )
        return
    if not reaches(tally.failed, tally.probes, fail_ratio):
        return
    yield site.finding(
        at=site.site.url,
        message=(
            f"首页在{period}监测中访问{tally.probes}次，{tally.failed}次无法打开（{tally.ratio:.1%}），"
            f"达到{fail_ratio * 100:g}%的单项否决线：{_reasons(tally)}。{_FIX}"
        ),
        detail=detail,
        excerpt=_excerpt(tally.last_failure),
    )
