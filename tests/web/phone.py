"""A phone on the participants' page: what the page and its script send over HTTP, with the
cookies the phone keeps (the CSRF token's and, once joined, the private token's)."""

from __future__ import annotations

import re

import httpx


class Phone:
    """One participant's browser on the page served at ``base``."""

    def __init__(self, base: str) -> None:
        origin = base.rstrip("/")
        self.client = httpx.Client(base_url=origin, headers={"origin": origin}, timeout=60)
        self.csrf = ""

    def __enter__(self) -> Phone:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.client.close()

    def join(self, code: str, name: str) -> httpx.Response:
        """Open the page and join: the answer sends the phone on to its votes (303)."""
        page = self.client.get("/").text
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        assert found, page
        self.csrf = found[1]
        return self.client.post("/join", data={"csrf": self.csrf, "code": code, "name": name})

    def vote(self, item: str, delta: int = 1) -> httpx.Response:
        """Press + (or, with a negative ``delta``, −) on ``item`` as the page's script sends
        it: the answer is the fresh part of the page."""
        form = {"csrf": self.csrf, "item": item, "criterion": "", "delta": str(delta)}
        return self.client.post("/vote", data=form, headers={"x-requested-with": "fetch"})
