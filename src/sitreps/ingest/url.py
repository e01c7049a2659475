"""Fetching pages over HTTP(S) with httpx, safely: timeouts, a size cap, a limit on redirects,
and no requests to private, loopback or link-local addresses unless explicitly allowed.

The address check runs on every hop (the first URL and every redirect target) twice: on the
addresses the host name resolves to before connecting, and on the address actually connected to
(so a name that resolves differently the second time cannot slip through).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import SourceError

TIMEOUT_S = 20.0
MAX_BYTES = 10_000_000
MAX_REDIRECTS = 5
USER_AGENT = "sitreps (news event extraction)"


@dataclass
class Page:
    url: str
    content: bytes
    content_type: str


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _forbidden(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified


def check_host(host: str, port: int | None = None, allow_private: bool = False) -> None:
    """Raise when ``host`` resolves to an address in a private, loopback or link-local range."""
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise SourceError(f"cannot resolve the host {host!r} ({exc.strerror}). Check the URL and the network.", "S601") from exc
    for info in infos:
        address = str(info[4][0])
        if _forbidden(address):
            raise SourceError(f"refused to fetch from {host} ({address}): a private, loopback or link-local address. "
                              "Pass --allow-private if you mean to fetch from your own network.", "S602")


def fetch(url: str, allow_private: bool = False, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES,
          max_redirects: int = MAX_REDIRECTS, client: Any = None) -> Page:
    """GET ``url`` and return its body; every problem is a :class:`SourceError` that says what to do."""
    import httpx

    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT})
    try:
        for _ in range(max_redirects + 1):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise SourceError(f"{url} is not an http(s) URL.", "S603")
            check_host(parts.hostname, parts.port, allow_private)
            try:
                with client.stream("GET", url) as response:
                    _check_peer(response, url, allow_private)
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise SourceError(f"{url} answered HTTP {response.status_code}. Check the URL, or try again later.", "S604")
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > max_bytes:
                        raise SourceError(f"{url} is {declared:,} bytes, more than the cap of {max_bytes:,}.", "S605")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > max_bytes:
                            raise SourceError(f"{url} sent more than the cap of {max_bytes:,} bytes; stopped reading.", "S605")
                    return Page(str(response.url), bytes(body), response.headers.get("content-type", ""))
            except httpx.TimeoutException as exc:
                raise SourceError(f"{url} did not answer within {timeout:g} s. Try again later.", "S606") from exc
            except httpx.HTTPError as exc:
                raise SourceError(f"cannot fetch {url}: {type(exc).__name__}: {exc}. Check the URL and the network.", "S607") from exc
        raise SourceError(f"{url}: more than {max_redirects} redirects; stopped.", "S608")
    finally:
        if own:
            client.close()


def _check_peer(response: Any, url: str, allow_private: bool) -> None:
    if allow_private:
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer and _forbidden(str(peer[0])):
        raise SourceError(f"refused {url}: it connected to {peer[0]}, a private, loopback or link-local address. "
                          "Pass --allow-private if you mean to fetch from your own network.", "S602")


def decode_body(page: Page) -> str:
    """Bytes of a page to text, by its declared charset, else UTF-8, else Latin-1."""
    charset = None
    if "charset=" in page.content_type:
        charset = page.content_type.split("charset=", 1)[1].split(";")[0].strip().strip('"')
    for encoding in filter(None, (charset, "utf-8")):
        try:
            return page.content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return page.content.decode("latin-1")
