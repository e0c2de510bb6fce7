"""The crawler never reaches a private address the user did not name (contract §1)."""

from __future__ import annotations

import ipaddress

import pytest

from govinspect.crawl.resolve import DNSFailure, GuardedResolver
from govinspect.crawl.safety import AddressPolicy, ForbiddenAddress
from govinspect.settings import ResolveEntry


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "0.0.0.0",
        "::ffff:10.0.0.1",
        "224.0.0.1",
    ],
)
def test_non_public_addresses_are_refused_for_unnamed_hosts(address: str) -> None:
    policy = AddressPolicy.build(["www.example.gov.cn"])
    assert not policy.permits("evil.example.com", ipaddress.ip_address(address))


def test_named_hosts_and_allowed_networks_may_be_private() -> None:
    policy = AddressPolicy.build(["www.example.gov.cn"], [ipaddress.ip_network("10.8.0.0/16")])
    assert policy.permits("example.gov.cn", ipaddress.ip_address("192.168.1.5"))  # the www twin is named too
    assert policy.permits("intranet.local", ipaddress.ip_address("10.8.3.4"))
    assert not policy.permits("intranet.local", ipaddress.ip_address("10.9.3.4"))
    assert policy.permits("anyone.example.com", ipaddress.ip_address("8.8.8.8"))


async def test_resolver_refuses_private_literals_and_honours_resolve_entries() -> None:
    resolver = GuardedResolver(
        AddressPolicy.build(["site.gov.cn"]), (ResolveEntry.parse("site.gov.cn:8080:127.0.0.1"),)
    )
    assert [str(a) for a in await resolver.addresses("site.gov.cn", 8080)] == ["127.0.0.1"]
    with pytest.raises(ForbiddenAddress):
        await resolver.addresses("10.20.30.40", 80)
    with pytest.raises(ForbiddenAddress):
        await resolver.addresses("localhost", 80)  # resolves to loopback, but was not named
    with pytest.raises(DNSFailure):
        await resolver.addresses("no-such-host.invalid", 80)


@pytest.mark.parametrize(
    "text", ["host:80", "host:x:127.0.0.1", ":80:127.0.0.1", "host:80:not-an-ip", "host:²:127.0.0.1"]
)
def test_bad_resolve_entries_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        ResolveEntry.parse(text)


def test_resolve_entry_accepts_ipv6_in_brackets() -> None:
    assert ResolveEntry.parse("h.gov.cn:443:[::1]").address == "::1"
