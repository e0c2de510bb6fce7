"""Sites for homepage URLs given on the command line."""

from govinspect.registry import sites_from_urls


def test_urls_become_sites_named_after_their_host() -> None:
    load = sites_from_urls(["www.gov.cn", "https://www.beijing.gov.cn/", "http://127.0.0.1:8080/"])
    assert [(site.name, site.url) for site in load.sites] == [
        ("www.gov.cn", "http://www.gov.cn"),
        ("www.beijing.gov.cn", "https://www.beijing.gov.cn/"),
        ("127.0.0.1", "http://127.0.0.1:8080/"),
    ]
    assert load.problems == ()
    assert all(site.line is None for site in load.sites)


def test_twins_and_repeats_are_given_once() -> None:
    load = sites_from_urls(
        ["http://www.gov.cn", "https://gov.cn/", "http://www.gov.cn", "www.beijing.gov.cn"]
    )
    assert [site.url for site in load.sites] == ["http://www.gov.cn", "http://www.beijing.gov.cn"]
    assert [str(problem) for problem in load.problems] == [
        "argument 2: https://gov.cn/ is the same site as argument 1 (http://www.gov.cn): "
        "http/https and www/bare twins are one site; URL skipped",
        "argument 3: http://www.gov.cn is already listed on argument 1; URL skipped",
    ]


def test_bad_urls_are_reported_by_position() -> None:
    load = sites_from_urls(["ftp://x.gov.cn", "", "www.a.gov.cn www.b.gov.cn", "www.ok.gov.cn"])
    assert [site.name for site in load.sites] == ["www.ok.gov.cn"]
    assert load.skipped_lines == (1, 2, 3)
    assert str(load.problems[0]).startswith("argument 1: 'ftp://x.gov.cn' is not a web address")
    assert str(load.problems[1]) == "argument 2: empty URL; skipped"
