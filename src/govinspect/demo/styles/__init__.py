"""CMS page styles of the demo estate. A new style is a module with a :class:`Style` subclass,
registered in :data:`STYLES`."""

from __future__ import annotations

from collections.abc import Mapping

from govinspect.demo.styles.base import Style
from govinspect.demo.styles.legacy import LegacyStyle
from govinspect.demo.styles.list_span import ListSpanStyle
from govinspect.demo.styles.meta_driven import MetaDrivenStyle
from govinspect.demo.styles.table import TableStyle

STYLES: Mapping[str, Style] = {
    style.name: style for style in (ListSpanStyle(), TableStyle(), MetaDrivenStyle(), LegacyStyle())
}

__all__ = ["STYLES", "Style"]
