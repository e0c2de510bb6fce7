"""Progress of a crawl on standard error: pages, queue, rate and errors per site."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from govinspect.crawl.crawler import CrawlStats


class CrawlProgress:
    """One line per site, refreshed as the crawl goes."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, stats: CrawlStats) -> None:
        if self._progress is None:
            return
        task = self._tasks.get(stats.site_key)
        if task is None:
            task = self._tasks[stats.site_key] = self._progress.add_task(stats.site_key, total=None)
        self._progress.update(
            task,
            description=(
                f"{stats.site_key}  pages {stats.pages}  links {stats.targets}  queue {stats.queued}  "
                f"{stats.rate:.0f}/s  errors {stats.errors}"
            ),
        )


@contextmanager
def crawl_progress(enabled: bool) -> Iterator[CrawlProgress]:
    if not enabled:
        yield CrawlProgress(None)
        return
    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        yield CrawlProgress(progress)
