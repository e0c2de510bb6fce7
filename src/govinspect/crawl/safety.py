"""The network-safety rule of contract §1: only public addresses, except hosts the user named.

A crawler that follows links fetched from the internet must not be turned into a
tool for reaching the inspector's own intranet (SSRF). A link to a private,
loopback or link-local address is fetched only when the user named that host (a
seed URL's host, a ``--resolve`` entry) or its network (``--allow-network``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class ForbiddenAddress(OSError):
    """A host resolved only to addresses the safety rule forbids."""


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    named_hosts: frozenset[str]
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def build(cls, hosts: Iterable[str], networks: Iterable[IPNetwork] = ()) -> AddressPolicy:
        named: set[str] = set()
        for host in hosts:
            host = host.lower().rstrip(".")
            named.add(host)
            named.add(host[4:] if host.startswith("www.") else f"www.{host}")
        return cls(frozenset(named), tuple(networks))

    def permits(self, host: str, address: IPAddress) -> bool:
        if is_public(address) or host.lower().rstrip(".") in self.named_hosts:
            return True
        return any(address in network for network in self.allowed_networks)
