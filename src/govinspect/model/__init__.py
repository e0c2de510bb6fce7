"""Frozen, typed values handed from one stage of the pipeline to the next."""

from govinspect.model.finding import Evidence, Finding, Outcome
from govinspect.model.page import Form, Image, LinkRef, LinkTag, Page, Script
from govinspect.model.site import Site, SiteType, site_key

__all__ = [
    "Evidence",
    "Finding",
    "Form",
    "Image",
    "LinkRef",
    "LinkTag",
    "Outcome",
    "Page",
    "Script",
    "Site",
    "SiteType",
    "site_key",
]
