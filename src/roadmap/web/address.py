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


def qr_text(url: str) -> str:
    """A QR code of ``url`` drawn in text, two modules per character row (upper and lower half
    blocks), dark modules as the foreground: show it black on white. With the quiet zone the
    standard asks for it is 29 x 15 characters for a LAN address.

    >>> lines = qr_text("http://192.168.1.23:8000/").splitlines()
    >>> len(lines), len(lines[0])
    (15, 29)
    """
    import segno

    rows = [list(row) for row in segno.make(url, error="m").matrix_iter(scale=1, border=2)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    glyph = {(1, 1): "█", (0, 0): " ", (1, 0): "▀", (0, 1): "▄"}
    return "\n".join(
        "".join(glyph[(bool(top), bool(bottom))] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    )


def start_server(app, host: str, port: int):
    """Serve ``app`` with uvicorn in a thread of this process (beside the projector's window);
    the running :class:`uvicorn.Server`, whose ``should_exit`` stops it."""
    import threading

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="workshop-web", daemon=True)
    thread.start()
    started = threading.Event()
    while not server.started and thread.is_alive():
        started.wait(0.05)
    return server
