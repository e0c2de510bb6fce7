"""The sites to inspect: reading and validating registry files (CSV/XLSX) and command-line URLs."""

from govinspect.registry.load import load_registry, sites_from_urls, sites_to_inspect
from govinspect.registry.result import RegistryError, RegistryLoad, RegistryProblem

__all__ = [
    "RegistryError",
    "RegistryLoad",
    "RegistryProblem",
    "load_registry",
    "sites_from_urls",
    "sites_to_inspect",
]
