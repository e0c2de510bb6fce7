"""Loading the sites to inspect from a registry file (contract §2) or from URLs on the command line.

Every row is checked on its own: a bad row is reported with its line number and
left out, the other rows are still loaded. Rows that name a site already loaded
(the same 网站标识码, or the same site under an http/https or www/bare twin
address) are reported and left out too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from govinspect.model import Site
from govinspect.registry import values
from govinspect.registry.columns import HEADER_SEARCH_ROWS, Header, missing_required, read_header
from govinspect.registry.read import RawRow, read_rows
from govinspect.registry.result import RegistryError, RegistryLoad, RegistryProblem
from govinspect.registry.values import BadValue, clean_text

T = TypeVar("T")

_TWINS = "http/https and www/bare twins are one site"


def load_registry(path: Path) -> RegistryLoad:
    """Read the sites of a registry file (CSV or XLSX, see docs/registry.md).

    Raises :class:`RegistryError` when the file itself is unusable: missing,
    not CSV/XLSX, undecodable, or without a header row naming a name and a url
    column. Problems with single rows are returned in ``problems``.
    """
    rows = read_rows(path)
    try:
        header = _find_header(rows)
    except RegistryError as exc:
        raise RegistryError(f"{path}: {exc}") from None
    problems = [
        RegistryProblem(
            header.line,
            f"columns {header.names[header.field_columns[field_name]]} and {header.names[column]} "
            f"both mean {field_name}; the first is used, {header.names[column]} is kept as an extra column",
            skipped=False,
        )
        for field_name, column in header.repeated
    ]
    sites: list[Site] = []
    seen = _SeenSites()
    for row in rows:
        if row.line <= header.line or not any(clean_text(cell) for cell in row.cells):
            continue
        site, row_problems = _site_of_row(header, row)
        problems.extend(row_problems)
        if site is not None:
            duplicate = seen.duplicate_of(site, row.line, unit="line")
            if duplicate:
                problems.append(RegistryProblem(row.line, f"{duplicate}; row skipped"))
            else:
                sites.append(site)
    return RegistryLoad(tuple(sites), tuple(problems))


def sites_from_urls(urls: Sequence[str]) -> RegistryLoad:
    """Sites for homepage URLs given on the command line, named after their host.

    The URLs are checked like the url column of a registry file; a problem's
    ``line`` is the 1-based position of the URL among ``urls``.
    """
    sites: list[Site] = []
    problems: list[RegistryProblem] = []
    seen = _SeenSites()
    for position, raw in enumerate(urls, start=1):
        try:
            url = values.web_address(raw)
        except BadValue as exc:
            problems.append(RegistryProblem(position, f"'{raw}' {exc}; URL skipped", unit="argument"))
            continue
        if url is None:
            problems.append(RegistryProblem(position, "empty URL; skipped", unit="argument"))
            continue
        site = Site(name=urlsplit(url).hostname or url, url=url)
        duplicate = seen.duplicate_of(site, position, unit="argument")
        if duplicate:
            problems.append(RegistryProblem(position, f"{duplicate}; URL skipped", unit="argument"))
        else:
            sites.append(site)
    return RegistryLoad(tuple(sites), tuple(problems))


def _find_header(rows: Sequence[RawRow]) -> Header:
    """The first row, among the first few non-empty ones, that names a name and a url column.

    Title rows above the header (a merged "XX市政府网站名录" cell) are passed over.
    """
    candidates = [row for row in rows if any(clean_text(cell) for cell in row.cells)][:HEADER_SEARCH_ROWS]
    if not candidates:
        raise RegistryError("the file has no rows")
    for row in candidates:
        header = read_header(row.line, row.cells)
        if not missing_required(header):
            return header
    first = read_header(candidates[0].line, candidates[0].cells)
    missing = " or ".join(missing_required(first))
    found = ", ".join(name for name in first.names if name)
    raise RegistryError(
        f"no {missing} column: the header (line {first.line}) has {found}. "
        "Name the columns name and url (or 网站名称 and 网址); see docs/registry.md"
    )


def _site_of_row(header: Header, row: RawRow) -> tuple[Site | None, list[RegistryProblem]]:
    """The site a data row describes (``None`` when the row is left out) and the row's problems."""
    cells = _RowCells(header, row)
    url = cells.checked("url", values.web_address, required=True)
    name = cells.checked("name", _optional_text, required=True)
    site_code = cells.checked("site_code", values.site_code)
    site_type = cells.checked("site_type", values.site_type)
    level = cells.checked("level", values.level)
    has_external_services = cells.checked("has_external_services", values.yes_no)
    status = cells.checked("status", values.status)
    parent_code = cells.checked("parent_code", values.site_code, skip_row=False)
    if cells.row_skipped or url is None or name is None:
        return None, cells.problems
    site = Site(
        name=name,
        url=url,
        site_code=site_code,
        organizer=cells.checked("organizer", _optional_text),
        site_type=site_type,
        level=level,
        region_code=cells.checked("region_code", _optional_text),
        region=cells.checked("region", _optional_text),
        parent_code=parent_code,
        has_external_services=has_external_services,
        status=status or "normal",
        line=row.line,
        extra=tuple((header.names[column], cells.text(column)) for column in header.extra_columns),
    )
    return site, cells.problems


def _optional_text(value: str) -> str | None:
    return clean_text(value) or None


class _RowCells:
    """The cells of one data row, read field by field, collecting the row's problems."""

    def __init__(self, header: Header, row: RawRow) -> None:
        self._header = header
        self._row = row
        self.problems: list[RegistryProblem] = []
        if row.last_line > row.line:
            self._notice(
                f"this row runs over lines {row.line}-{row.last_line} because a quoted cell holds line "
                'breaks; if that is not intended, look for a stray double quote (")'
            )
        unnamed = [
            column
            for column in range(len(row.cells))
            if column >= len(header.names) or not header.names[column]
        ]
        ignored = [self.text(column) for column in unnamed if self.text(column)]
        if ignored:
            shown = ", ".join(f"'{text}'" for text in ignored)
            self._notice(f"{len(ignored)} cell(s) outside the named columns are ignored ({shown}); row kept")

    @property
    def row_skipped(self) -> bool:
        return any(problem.skipped for problem in self.problems)

    def text(self, column: int | None) -> str:
        """The trimmed text of a cell; empty for a column the row does not reach."""
        if column is None or column >= len(self._row.cells):
            return ""
        return clean_text(self._row.cells[column])

    def checked(
        self, field_name: str, read: Callable[[str], T], required: bool = False, skip_row: bool = True
    ) -> T | None:
        """The value of a field's cell; a bad value is reported, and leaves the row out when ``skip_row``."""
        text = self.text(self._header.field_columns.get(field_name))
        label = self._header.label(field_name)
        try:
            value = read(text)
        except BadValue as exc:
            if skip_row:
                self._skip(f"{label} '{text}' {exc}; row skipped")
            else:
                self._notice(f"{label} '{text}' {exc}; the value is ignored, row kept")
            return None
        if value is None and required:
            self._skip(f"{label} is missing; row skipped")
        return value

    def _skip(self, message: str) -> None:
        self.problems.append(RegistryProblem(self._row.line, message))

    def _notice(self, message: str) -> None:
        self.problems.append(RegistryProblem(self._row.line, message, skipped=False))


class _SeenSites:
    """The sites loaded so far, by 网站标识码 and by site identity (contract: twins are one site)."""

    def __init__(self) -> None:
        self._by_code: dict[str, int] = {}
        self._by_key: dict[str, tuple[int, str]] = {}

    def duplicate_of(self, site: Site, position: int, unit: str) -> str | None:
        """Why ``site`` repeats an earlier one, or ``None`` after recording it as new."""
        if site.site_code is not None and site.site_code in self._by_code:
            return f"site_code {site.site_code} is already used on {unit} {self._by_code[site.site_code]}"
        if site.key in self._by_key:
            first, first_url = self._by_key[site.key]
            if first_url == site.url:
                return f"{site.url} is already listed on {unit} {first}"
            return f"{site.url} is the same site as {unit} {first} ({first_url}): {_TWINS}"
        if site.site_code is not None:
            self._by_code[site.site_code] = position
        self._by_key[site.key] = (position, site.url)
        return None


def sites_to_inspect(registry: Path | None, urls: Sequence[str]) -> tuple[tuple[Site, ...], tuple[str, ...]]:
    """The sites of a registry file and of command-line URLs, with twins removed, and the problems as lines.

    A site named both in the registry and on the command line keeps its registry row.
    """
    sites: list[Site] = []
    problems: list[str] = []
    if registry is not None:
        loaded = load_registry(registry)
        sites.extend(loaded.sites)
        problems.extend(f"{registry}: {p}" for p in loaded.problems)
    if urls:
        given = sites_from_urls(urls)
        known = {site.key for site in sites}
        sites.extend(site for site in given.sites if site.key not in known)
        problems.extend(str(p) for p in given.problems)
    return tuple(sites), tuple(problems)
