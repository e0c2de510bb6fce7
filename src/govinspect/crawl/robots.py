"""robots.txt, honoured unless the user overrides it (``--ignore-robots``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from protego import Protego

from govinspect.crawl.fetch import Fetcher, FetchResult
from govinspect.crawl.urls import origin

_ROBOTS_MAX_BYTES = 512 * 1024


class RobotsBook:
    """The robots.txt rules of every origin seen in a run, fetched once each.

    A missing robots.txt (4xx) or one that cannot be fetched allows everything:
    an inspector is not a search engine and the site's owner asked for the
    inspection. A ``Crawl-delay`` is honoured up to the configured ceiling.
    """

    def __init__(self, fetcher: Fetcher) -> None:
        self._fetcher = fetcher
        self._rules: dict[str, Protego | None] = {}
        self._pending: dict[str, asyncio.Task[Protego | None]] = {}

    async def allows(self, url: str, on_fetch: Callable[[FetchResult], object] | None = None) -> bool:
        """Whether robots.txt lets the inspector fetch ``url``; ``on_fetch`` archives robots.txt itself."""
        if not self._fetcher.settings.respect_robots:
            return True
        key = origin(url)
        if key not in self._rules:
            task = self._pending.get(key)
            if task is None:
                task = self._pending[key] = asyncio.ensure_future(self._load(key, on_fetch))
            self._rules[key] = await task
            self._pending.pop(key, None)
        rules = self._rules[key]
        return rules is None or bool(rules.can_fetch(url, self._fetcher.settings.user_agent))

    async def _load(self, key: str, on_fetch: Callable[[FetchResult], object] | None) -> Protego | None:
        result = await self._fetcher.fetch(f"{key}/robots.txt", max_bytes=_ROBOTS_MAX_BYTES)
        if on_fetch is not None:
            on_fetch(result)
        if result.status != 200 or result.error is not None:
            return None
        try:
            rules = Protego.parse(result.body.decode("utf-8", errors="replace"))
        except Exception:  # a robots.txt that cannot be parsed allows everything
            return None
        delay = rules.crawl_delay(self._fetcher.settings.user_agent)
        if delay:
            host = key.split("://", 1)[1].split(":", 1)[0]
            ceiling = self._fetcher.settings.max_crawl_delay_seconds
            self._fetcher.politeness.set_min_delay(host, min(float(delay), ceiling))
        return rules
