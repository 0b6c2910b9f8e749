"""The address participants open: never 0.0.0.0, which no phone can reach.

Serving on every interface, the machine's own LAN address is found by asking the operating
system which address it would send from (a UDP "connect" sends no packet); a proxy or another
name is given as ``public_url``.
"""

from __future__ import annotations

import socket

ANY = ("0.0.0.0", "::", "")


def lan_address() -> str:
    """The address other machines on the network reach this one at (loopback if none)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))  # TEST-NET-1: routed like the internet, never sent
            return sock.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def reachable_url(host: str, port: int, public_url: str | None = None) -> str:
    """The URL to show and print for a server listening on ``host:port``."""
    if public_url:
        return public_url.rstrip("/") + "/"
    shown = lan_address() if host in ANY else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"
