"""A footer mark the homepage does not show: what the filing-number checks report alike."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from govinspect.checks.api import SiteContext
from govinspect.model.finding import Finding
from govinspect.parse.identity import site_identity

FilingMark = Literal["icp", "psb"]


def missing_filing_mark(site: SiteContext, mark: FilingMark, shown_as: str, fix: str) -> Iterator[Finding]:
    """One finding when the homepage's footer lacks ``mark``, counting the pages that do show it."""
    if site.homepage_url is None:
        return
    identity = site_identity(site.read_pages, site.homepage_url)
    site.tally.examined += identity.examined
    front = identity.front
    if front is None or getattr(front, mark):
        return
    counted = f"（检查的{identity.examined}个页面中有{identity.showing[mark]}个显示）"
    yield site.finding(
        at=site.homepage_url,
        message=f"网站首页页脚未显示{shown_as}{counted}。{fix}",
        detail={"pages_showing": identity.showing[mark], "pages_examined": identity.examined},
        record=front.record_id,
        excerpt=front.footer or None,
    )
