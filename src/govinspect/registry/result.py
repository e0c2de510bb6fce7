"""What reading a registry gives back: the sites, and the problems found in the file."""

from __future__ import annotations

from dataclasses import dataclass

from govinspect.model import Site


class RegistryError(Exception):
    """The registry file as a whole cannot be used.

    Raised when the file is missing, is neither CSV nor XLSX, cannot be decoded,
    or has no header row with a name column and a url column. A single bad row
    never raises: it becomes a :class:`RegistryProblem`.
    """


@dataclass(frozen=True, slots=True)
class RegistryProblem:
    """One thing wrong with a row (or the header) of a registry file.

    ``line`` is 1-based: the header is line 1 of a CSV file, and an XLSX file
    counts sheet rows. ``skipped`` tells whether the row was left out of the
    inspection (a notice such as an ignored extra cell keeps the row).
    ``unit`` names what ``line`` counts: ``"line"`` for a file, ``"argument"``
    for URLs given on the command line.
    """

    line: int
    message: str
    skipped: bool = True
    unit: str = "line"

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class RegistryLoad:
    """The usable sites of a registry, in file order, and every problem met on the way."""

    sites: tuple[Site, ...]
    problems: tuple[RegistryProblem, ...]

    @property
    def skipped_lines(self) -> tuple[int, ...]:
        """Lines (or argument positions) whose row was left out, in order."""
        return tuple(sorted({problem.line for problem in self.problems if problem.skipped}))
