"""The benchmark site generator plants exactly the broken links its ground truth lists.

Every link of every generated page is parsed back with the standard library's HTML parser (not the
generator's own bookkeeping) and resolved like a browser would; the test then checks the ground truth
against the files on disk.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from urllib.parse import urljoin, urlsplit

import pytest

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
ORIGIN = "http://127.0.0.1:8080"
SIZE = 200


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_gen_site", BENCH_DIR / "gen_site.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class LinkCollector(HTMLParser):
    """Collects href and src attribute values."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def page_links(root: Path) -> dict[str, list[str]]:
    """Root-relative path of each page → resolved root-relative paths of every same-site link on it."""
    result: dict[str, list[str]] = {}
    for file_path in sorted(root.rglob("*.html")):
        page = "/" + file_path.relative_to(root).as_posix()
        if page == "/index.html":
            page = "/"
        collector = LinkCollector()
        collector.feed(file_path.read_text(encoding="utf-8"))
        resolved = []
        for href in collector.links:
            if href.startswith("javascript:"):
                continue
            url = urlsplit(urljoin(ORIGIN + page, href))
            assert f"{url.scheme}://{url.netloc}" == ORIGIN, f"{page} links off-site: {href}"
            resolved.append(url.path)
        result[page] = resolved
    return result


def file_for(root: Path, path: str) -> Path:
    return root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    outdir = tmp_path_factory.mktemp("site")
    load_generator().generate(SIZE, outdir, 7)
    truth = json.loads((outdir / "ground-truth.json").read_text(encoding="utf-8"))
    return outdir / "www", truth


def test_site_has_exactly_the_requested_number_of_pages(site: tuple[Path, dict[str, object]]) -> None:
    root, truth = site
    assert len(list(root.rglob("*.html"))) == SIZE
    assert truth["html_pages"] == SIZE


def test_every_planted_broken_target_is_absent(site: tuple[Path, dict[str, object]]) -> None:
    root, truth = site
    targets = truth["broken_targets"]
    assert isinstance(targets, list) and targets
    for target in targets:
        assert not file_for(root, target).exists(), f"{target} is listed as broken but exists"


def test_every_other_link_resolves_to_a_file(site: tuple[Path, dict[str, object]]) -> None:
    root, truth = site
    broken = set(truth["broken_targets"])  # type: ignore[call-overload]
    for page, links in page_links(root).items():
        for path in links:
            if path not in broken:
                assert file_for(root, path).is_file(), f"{page} links to {path}, which does not exist"


def test_ground_truth_lists_each_broken_link_where_it_is(site: tuple[Path, dict[str, object]]) -> None:
    root, truth = site
    found: dict[str, set[str]] = {}
    for page, links in page_links(root).items():
        for path in links:
            if not file_for(root, path).exists():
                found.setdefault(path, set()).add(page)
    entries = truth["broken"]
    assert isinstance(entries, list)
    assert {e["target"]: set(e["linked_from"]) for e in entries} == found
    assert sorted(found) == truth["broken_targets"]


def test_small_sites_still_have_every_kind_of_broken_link(site: tuple[Path, dict[str, object]]) -> None:
    _, truth = site
    kinds = truth["broken_by_kind"]
    assert isinstance(kinds, dict)
    assert set(kinds) == {
        "missing-page",
        "missing-image",
        "missing-attachment",
        "missing-other-folder",
        "shared-missing",
    }


def test_same_seed_gives_the_same_site_and_another_seed_another(tmp_path: Path) -> None:
    generator = load_generator()
    first = generator.generate(80, tmp_path / "a", 3)
    again = generator.generate(80, tmp_path / "b", 3)
    other = generator.generate(80, tmp_path / "c", 4)
    assert first == again
    some_page = sorted((tmp_path / "a" / "www").rglob("t*.html"))[0].relative_to(tmp_path / "a")
    assert (tmp_path / "a" / some_page).read_bytes() == (tmp_path / "b" / some_page).read_bytes()
    assert first["broken_targets"] != other["broken_targets"]


def test_sizes_below_the_minimum_are_refused(tmp_path: Path) -> None:
    generator = load_generator()
    with pytest.raises(ValueError, match="at least"):
        generator.generate(generator.MIN_SIZE - 1, tmp_path, 1)
