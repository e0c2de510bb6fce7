"""Loading real lists of Chinese government websites (../shared/corpora/cn-gov-site-lists)."""

import csv
from pathlib import Path

import pytest

from govinspect.model import site_key
from govinspect.registry import RegistryLoad, load_registry

LISTS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "cn-gov-site-lists"

pytestmark = pytest.mark.skipif(not LISTS.is_dir(), reason="corpus cn-gov-site-lists not present")


def csv_records(name: str) -> list[dict[str, str]]:
    with (LISTS / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def assert_one_site_per_identity(load: RegistryLoad) -> None:
    keys = [site.key for site in load.sites]
    assert len(keys) == len(set(keys))


def assert_problems_are_twins_or_bad_urls(load: RegistryLoad) -> None:
    for problem in load.problems:
        assert problem.skipped
        assert (
            "is already listed on line" in problem.message
            or "twins are one site" in problem.message
            or problem.message.startswith("url (网址)")
        ), str(problem)


def test_policy_transparency_local_portals_csv_and_xlsx_agree() -> None:
    records = csv_records("ptc_local_websites.csv")
    from_csv = load_registry(LISTS / "ptc_local_websites.csv")
    from_xlsx = load_registry(LISTS / "ptc_local_websites.xlsx")
    # measured: 267 of 270 rows load; 2 repeated portals and 1 'htttp://' typo are skipped
    assert len(from_csv.sites) >= 0.98 * len(records)
    assert from_xlsx == from_csv
    assert_one_site_per_identity(from_csv)
    assert_problems_are_twins_or_bad_urls(from_csv)
    first = from_csv.sites[0]
    assert (first.name, first.region, first.url) == (
        records[0]["City/district"],
        records[0]["Province"],
        records[0]["Url"],
    )


def test_policy_transparency_national_organs_all_load() -> None:
    records = csv_records("ptc_national_websites.csv")
    for name in ("ptc_national_websites.csv", "ptc_national_websites.xlsx"):
        load = load_registry(LISTS / name)
        assert load.problems == (), name
        assert [(site.name, site.url) for site in load.sites] == [
            (record["Organ"], record["Url"]) for record in records
        ]
        assert [site.line for site in load.sites] == list(range(2, len(records) + 2))


def test_govwebcrawler_portals_load_once_per_site() -> None:
    records = csv_records("govwebcrawler_gov_urls.csv")
    load = load_registry(LISTS / "govwebcrawler_gov_urls.csv")
    named = [record for record in records if record["site_name"].strip()]
    # measured: 2,303 of 2,605 rows load; 301 rows repeat a portal (http/https, www twins), 1 has no name
    assert len(load.sites) == len({site_key(record["index_url"].strip()) for record in named})
    assert len(load.sites) >= 0.88 * len(records)
    assert_one_site_per_identity(load)
    missing_name = [problem for problem in load.problems if problem.message.startswith("name")]
    assert len(missing_name) == len(records) - len(named)
    assert_problems_are_twins_or_bad_urls(
        RegistryLoad(load.sites, tuple(p for p in load.problems if p not in missing_name))
    )


def test_govwebcrawler_fields_and_lines_follow_the_file() -> None:
    load = load_registry(LISTS / "govwebcrawler_gov_urls.csv")
    lines = (LISTS / "govwebcrawler_gov_urls.csv").read_text(encoding="utf-8").splitlines()
    for site in load.sites:
        assert site.line is not None
        assert f'"{site.url}"' in lines[site.line - 1]
        assert site.region_code is not None and len(site.region_code) == 6 and site.region_code.isdigit()
        assert site.region
        assert [column for column, _ in site.extra] == [
            "id",
            "gov_id",
            "site_type_code",
            "entry_type_code",
            "entry_url",
            "more_info",
        ]
