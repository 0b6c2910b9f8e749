"""The web page's tests share the workshop tests' way of running ``async def`` Pilot tests and
their own config folder, and serve a workshop's page on a free loopback port."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest
from tests.workshop.conftest import english_after, own_config, pytest_pyfunc_call

from roadmap.store.db import Store
from roadmap.web.address import start_server
from roadmap.web.app import make_web_app

__all__ = ["english_after", "own_config", "pytest_pyfunc_call", "serve"]


@pytest.fixture
def serve() -> Iterator[Callable[[Store, int], str]]:
    """``serve(store, session_id)``: the address of that workshop's page, served from a thread
    of the test until the test ends."""
    servers = []

    def start(store: Store, session_id: int) -> str:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        servers.append(start_server(make_web_app(store, session_id), "127.0.0.1", port))
        return f"http://127.0.0.1:{port}/"

    yield start
    for server in servers:
        server.should_exit = True
