"""No network in the course's tests: connections to anything but this machine are refused.

``tests/conftest.py`` imports this module (the test processes) and puts its folder on
``PYTHONPATH``, where Python imports it as ``sitecustomize`` at start-up: every Python
subprocess of the tests -- the notebook kernels of nbval and nbclient, Jupyter, Voila and
JupyterHub servers -- refuses non-loopback connections too.  Loopback (127.0.0.0/8, ::1,
``localhost``) and Unix sockets stay open: kernels, test servers and databases run there.
A refused connection raises :class:`NetworkDisabled` (an ``OSError``, as a real failure
would), naming the address.  No DNS look-up is made to decide: a host name other than
``localhost`` is refused as it is, and ``socket.getaddrinfo`` of any other name than
``localhost`` and this machine's own name raises :class:`NameLookupDisabled` (a
``socket.gaierror``) instead of asking a DNS server.
"""
from __future__ import annotations

import ipaddress
import socket

__all__ = ["NetworkDisabled", "NameLookupDisabled", "install", "is_allowed"]


class NetworkDisabled(OSError):
    """A connection to a non-loopback address was attempted while the network is disabled."""


class NameLookupDisabled(socket.gaierror, NetworkDisabled):
    """A DNS look-up was attempted while the network is disabled."""


def _local_name(host) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).split("%", 1)[0]
    if host in ("", "localhost", socket.gethostname()) or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True  # an address literal: nothing to look up


def is_allowed(family, address) -> bool:
    """True for Unix sockets and other local families, and for loopback IP addresses."""
    if family not in (socket.AF_INET, socket.AF_INET6):
        return True  # AF_UNIX, AF_NETLINK, ...: never leave the machine
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).split("%", 1)[0]  # IPv6 zone index
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False  # a host name: refused without asking DNS
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or ip.is_unspecified or bool(mapped and mapped.is_loopback)


def _refuse(address):
    raise NetworkDisabled(f"network access is disabled while the course's tests run: connection to {address!r} "
                          "refused (only loopback addresses and Unix sockets are allowed)")


def install() -> None:
    """Patch ``socket.socket`` (idempotent)."""
    cls = socket.socket
    if getattr(cls, "_scm_course_no_network", False):
        return
    real_connect, real_connect_ex, real_sendto = cls.connect, cls.connect_ex, cls.sendto
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if not _local_name(host):
            raise NameLookupDisabled(socket.EAI_NONAME, f"network access is disabled while the course's tests run: "
                                                        f"no DNS look-up of {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if not is_allowed(self.family, address):
            _refuse(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        if not is_allowed(self.family, address):
            _refuse(address)
        return real_connect_ex(self, address)

    def sendto(self, data, *args):
        if args and not is_allowed(self.family, args[-1]):
            _refuse(args[-1])
        return real_sendto(self, data, *args)

    cls.connect, cls.connect_ex, cls.sendto = connect, connect_ex, sendto
    socket.getaddrinfo = getaddrinfo
    cls._scm_course_no_network = True


install()
