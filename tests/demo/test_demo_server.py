"""The demo estate served on loopback: every link that is not planted works, every planted one fails.

Links are read from the generated files with selectolax (not with the
generator's own reader) and requested through a running EstateServer with
aiohttp, resolving host names with the estate's ``--resolve`` entries.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import aiohttp
import pytest
from protego import Protego
from selectolax.lexbor import LexborHTMLParser

from govinspect.demo import Estate, EstateServer, bind_free_port, generate_estate

Client = Callable[..., aiohttp.ClientSession]
_PAGER = re.compile(r"createPageHTML\((\d+),\s*(\d+),\s*\"(\w+)\",\s*\"(\w+)\"\)")


def charsets(estate: Estate) -> dict[str, str]:
    return {
        urlsplit(s["url"]).hostname: s["charset"]
        for s in json.loads(estate.ground_truth_path.read_text())["sites"]
    }


def page_url(estate: Estate, path: Path) -> str:
    """The URL a generated HTML file is served at (the homepage at ``/``)."""
    host, *rest = path.relative_to(estate.root / "www").parts
    relative = "/".join(rest)
    return f"http://{host}:{estate.port}/" + ("" if relative == "index.html" else relative)


def references(estate: Estate) -> dict[str, set[str]]:
    """Every http(s) reference in every generated page → the pages that hold it."""
    charset = charsets(estate)
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted((estate.root / "www").rglob("*")):
        if not path.is_file() or path.suffix not in ("", ".html", ".htm"):
            continue
        url = page_url(estate, path)
        parser = LexborHTMLParser(
            path.read_bytes().decode(charset.get(path.relative_to(estate.root / "www").parts[0], "utf-8"))
        )
        raw = [node.attributes.get("href") for node in parser.css("a[href], link[href]")]
        raw += [node.attributes.get("src") for node in parser.css("img[src], script[src]")]
        raw += [node.attributes.get("action") for node in parser.css("form[action]")]
        for script in parser.css("script"):
            for count, _, name, suffix in _PAGER.findall(script.text()):
                raw += [f"{name}.{suffix}"] + [f"{name}_{i}.{suffix}" for i in range(1, int(count))]
        for value in raw:
            target = urldefrag(urljoin(url, value or ""))[0]
            if target.startswith("http"):
                found[target].add(url)
    return found


def planted_links(estate: Estate) -> dict[str, list[dict[str, object]]]:
    by_target: dict[str, list[dict[str, object]]] = defaultdict(list)
    for problem in estate.planted:
        if problem.check == "broken-link" and problem.target:
            by_target[problem.target].append({"outcome": problem.outcome, **problem.detail})
    return by_target


async def test_every_reference_that_is_not_planted_answers_200(
    served_estate: Estate, open_client: Client
) -> None:
    found = references(served_estate)
    planted = planted_links(served_estate)
    assert set(planted) <= set(found)
    working = sorted(set(found) - set(planted))
    assert len(working) > 1000
    limit = asyncio.Semaphore(32)

    async def status(session: aiohttp.ClientSession, url: str) -> tuple[str, int]:
        async with limit, session.get(url) as response:
            await response.read()
            return url, response.status

    async with open_client(served_estate) as session:
        answers = await asyncio.gather(*(status(session, url) for url in working))
    assert [(url, code) for url, code in answers if code != 200] == []


def test_ground_truth_found_on_matches_the_pages(served_estate: Estate) -> None:
    """found_on lists every page of the site, not excluded by robots.txt, that links to the target."""
    found = references(served_estate)
    robots = {}
    for site in served_estate.sites:
        for host in site.hosts:
            text = (
                served_estate.root / "www" / (urlsplit(site.url).hostname or "") / "robots.txt"
            ).read_text()
            robots[host] = Protego.parse(text)
    for problem in served_estate.planted:
        if problem.check == "broken-link":
            scope = {h for s in served_estate.sites if s.url == problem.site_url for h in s.hosts}
            pages = {
                page
                for page in found[problem.target or ""]
                if urlsplit(page).hostname in scope
                and robots[urlsplit(page).hostname or ""].can_fetch(page, "*")
            }
            assert sorted(pages) == problem.detail["found_on"], problem.target


async def test_planted_broken_targets_fail_as_planted(served_estate: Estate, open_client: Client) -> None:
    checked = set()
    async with open_client(served_estate) as session:  # aiohttp follows at most 10 redirects
        for target, plantings in planted_links(served_estate).items():
            detail = plantings[0]
            error, status = detail["error"], detail["status"]
            if error == "http":
                async with session.get(target, allow_redirects=False) as response:
                    assert response.status == status, target
                    if status == 429:
                        assert response.headers["Retry-After"] == "1"
                    if status == 401:
                        assert "WWW-Authenticate" in response.headers
            elif error == "soft-404":
                probe = urljoin(target, "/no-such-page-0f3a9c.html")
                async with session.get(target) as response, session.get(probe) as random_path:
                    assert response.status == random_path.status == 200
                    body = await response.text()
                    assert "页面不存在" in body and body == await random_path.text()
            elif error == "redirect-loop":
                with pytest.raises(aiohttp.TooManyRedirects):
                    async with session.get(target):
                        pass
            elif error == "connect":
                with pytest.raises(aiohttp.ClientConnectorError) as refused:
                    async with session.get(target):
                        pass
                assert not isinstance(refused.value, aiohttp.ClientConnectorDNSError)
            elif error == "dns":
                assert urlsplit(target).hostname.endswith(".invalid")  # type: ignore[union-attr]
                with pytest.raises(aiohttp.ClientConnectorDNSError):
                    async with session.get(target):
                        pass
            elif error == "robots":
                robots_url = urljoin(target, "/robots.txt")
                async with session.get(robots_url) as robots, session.get(target) as page:
                    rules = Protego.parse(await robots.text())
                    assert not rules.can_fetch(target, "govinspect") and page.status == 200
            elif error == "forbidden":
                host = urlsplit(target).hostname or ""
                assert ipaddress.ip_address(host).is_private
                assert not any(entry.startswith(f"{host}:") for entry in served_estate.resolve)
            else:
                pytest.fail(f"unexpected planted error {error} for {target}")
            checked.add(error)
    assert checked == {"http", "soft-404", "redirect-loop", "connect", "dns", "robots", "forbidden"}


async def test_traps_work(served_estate: Estate, open_client: Client) -> None:
    traps = json.loads(served_estate.ground_truth_path.read_text())["traps"]
    kinds = {trap["kind"] for trap in traps}
    assert kinds >= {
        "head-405",
        "redirect-chain",
        "twin",
        "query-permutation",
        "fragment",
        "charset-mislabelled",
    }
    async with open_client(served_estate) as session:
        for trap in traps:
            target = trap["target"]
            if trap["kind"] == "head-405":
                attachment = next(
                    url
                    for url in references(served_estate)
                    if url.startswith(target) and url.endswith(".pdf")
                )
                async with session.head(attachment) as head, session.get(attachment) as get:
                    assert (head.status, get.status) == (405, 200)
                    assert (await get.read()).startswith(b"%PDF")
                continue
            async with session.get(target) as response:
                body = await response.read()
                assert response.status == 200, target
            if trap["kind"] == "redirect-chain":
                assert len(response.history) == 2 and str(response.url) != target
            if trap["kind"] == "twin":
                www = target.replace("://", "://www.", 1)
                async with session.get(www) as twin:
                    assert await twin.read() == body
            if trap["kind"] == "query-permutation":
                head, _, query = target.partition("?")
                reordered = head + "?" + "&".join(reversed(query.split("&")))
                async with session.get(reordered) as other:
                    assert await other.read() == body


async def test_gbk_pages_decode_and_one_header_lies(served_estate: Estate, open_client: Client) -> None:
    truth = json.loads(served_estate.ground_truth_path.read_text())
    gbk_site = next(s for s in truth["sites"] if s["charset"] == "gbk")
    mislabelled = next(t["target"] for t in truth["traps"] if t["kind"] == "charset-mislabelled")
    async with open_client(served_estate) as session:
        async with session.get(gbk_site["url"]) as response:
            assert response.headers["Content-Type"] == "text/html; charset=gbk"
            assert "岳西" in (await response.read()).decode("gbk")
        async with session.get(mislabelled) as response:
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
            body = await response.read()
    text = body.decode("gbk")
    assert 'content="text/html; charset=gbk"' in text
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


async def test_every_site_host_serves_robots_txt(served_estate: Estate, open_client: Client) -> None:
    async with open_client(served_estate) as session:
        for site in served_estate.sites:
            for host in site.hosts:
                async with session.get(f"http://{host}:{served_estate.port}/robots.txt") as response:
                    assert response.status == 200
                    assert response.headers["Content-Type"].startswith("text/plain")
                    assert "User-agent: *" in await response.text()


async def test_content_types_follow_the_file_extension(served_estate: Estate, open_client: Client) -> None:
    expected = {
        ".html": "text/html",
        ".css": "text/css",
        ".js": "application/javascript",
        ".pdf": "application/pdf",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".png": "image/png",
    }
    host = urlsplit(served_estate.sites[0].url).hostname or ""
    files = sorted((served_estate.root / "www" / host).rglob("*"))
    async with open_client(served_estate) as session:
        for suffix, kind in expected.items():
            sample = next(p for p in files if p.suffix == suffix)
            async with session.get(page_url(served_estate, sample)) as response:
                assert response.headers["Content-Type"].split(";")[0] == kind
                assert await response.read() == sample.read_bytes()


async def test_unknown_hosts_and_methods_are_refused(served_estate: Estate, open_client: Client) -> None:
    site = served_estate.sites[0].url
    async with open_client(served_estate) as session:
        for host in ("www.example.gov.cn", "127.0.0.1"):
            async with session.get(site, headers={"Host": f"{host}:{served_estate.port}"}) as response:
                assert response.status == 404
        async with session.post(site, data=b"x") as response:
            assert response.status == 405
        async with session.get(urljoin(site, "/../../etc/passwd")) as response:
            assert response.status == 404


async def test_server_serves_on_the_socket_bound_before_generation(tmp_path: Path, as_of: object) -> None:
    sock = bind_free_port()
    port = sock.getsockname()[1]
    estate = generate_estate(tmp_path / "estate", port=port, as_of=as_of)  # type: ignore[arg-type]
    host = urlsplit(estate.sites[0].url).hostname or ""
    async with EstateServer(estate, sock=sock) as server:
        assert server.port == port
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        answer = await reader.read()
        writer.close()
        assert answer.startswith(b"HTTP/1.1 200")
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", port)
