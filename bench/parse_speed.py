"""How many pages per second the page parser handles, on real and on generated government pages.

Usage::

    .venv/bin/python bench/parse_speed.py [--demo-pages N] [--rounds R]

Three page sets:

* ``corpus``: the real Chinese pages of ``/work/shared/corpora/magic-html-cn/htmls`` and
  ``cn-web-extraction-cwce/original`` (96 news and gov pages, 20–410 KB, ~135 links each);
* ``demo``: a generated local-government portal (``bench/gen_site.py``: article pages of 5–15 KB
  with 25–40 links, list pages, a homepage), the shape of a typical crawl;

For each set it prints pages/s for the lexbor parse alone (the floor no parser can beat),
``parse_html`` (the whole Page), and ``decode_html`` on the raw bytes. Not a test: numbers vary
with the machine and its load; docs and the report quote them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html

CORPORA = Path("/work/shared/corpora")
CORPUS_FOLDERS = (CORPORA / "magic-html-cn" / "htmls", CORPORA / "cn-web-extraction-cwce" / "original")


def corpus_pages() -> list[tuple[str, bytes]]:
    """(URL, body) of every real corpus page; URLs are made up (the pages are saved files)."""
    pages = []
    for folder in CORPUS_FOLDERS:
        for path in sorted(folder.glob("*.html")):
            pages.append((f"http://www.example.gov.cn/{folder.name}/{path.name}", path.read_bytes()))
    return pages


def demo_pages(count: int) -> list[tuple[str, bytes]]:
    """(URL, body) of a generated portal of ``count`` pages."""
    sys.path.insert(0, str(Path(__file__).parent))
    from gen_site import generate  # a sibling script, not a package

    with tempfile.TemporaryDirectory() as folder:
        generate(count, Path(folder))
        root = Path(folder) / "www"
        return [
            (f"http://127.0.0.1:8080/{path.relative_to(root).as_posix()}", path.read_bytes())
            for path in sorted(root.rglob("*.html"))
        ]


def rate(pages: Sequence[object], work: Callable[[object], object], rounds: int) -> float:
    """Best pages/s over ``rounds`` passes (the least disturbed by other load on the machine)."""
    best = 0.0
    for _ in range(rounds):
        started = time.perf_counter()
        for page in pages:
            work(page)
        best = max(best, len(pages) / (time.perf_counter() - started))
    return best


def measure(name: str, pages: list[tuple[str, bytes]], rounds: int) -> None:
    decoded = [(url, *decode_html(body, "text/html")) for url, body in pages]
    links = sum(len(parse_html(url, text, encoding).links) for url, text, encoding in decoded)
    size_kb = sum(len(body) for _, body in pages) / len(pages) / 1024
    print(f"{name}: {len(pages)} pages, {size_kb:.0f} KB and {links / len(pages):.0f} links per page")
    print(f"  lexbor parse only  {rate([t for _, t, _ in decoded], LexborHTMLParser, rounds):8.0f} pages/s")
    print(
        f"  parse_html         {rate(decoded, lambda p: parse_html(p[0], p[1], p[2]), rounds):8.0f} pages/s"
    )
    print(
        f"  decode_html        {rate(pages, lambda p: decode_html(p[1], 'text/html'), rounds):8.0f} pages/s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo-pages", type=int, default=2000, help="pages of the generated portal")
    parser.add_argument("--rounds", type=int, default=5, help="passes per measurement (best is kept)")
    arguments = parser.parse_args(argv)
    measure("corpus", corpus_pages(), arguments.rounds)
    measure("demo", demo_pages(arguments.demo_pages), arguments.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
