"""The projector while the participants' page is served: its address, QR code and self-check."""

from __future__ import annotations

import socket

from tests.workshop.plans import seed

from roadmap.store.db import Store
from roadmap.web.app import make_web_app


async def test_the_projector_shows_the_address_its_qr_code_and_checks_the_page(
    sqlite_store: Store,
) -> None:
    """The address is injected (tests reach only loopback); the self-check asks it."""
    import asyncio

    from roadmap.tui.workshop.facilitator import make_facilitator_app
    from roadmap.web.address import qr_text, start_server

    _, session_id, _ = seed(sqlite_store)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    server = start_server(make_web_app(sqlite_store, session_id), "127.0.0.1", port)
    app = make_facilitator_app(sqlite_store, plan="small", lang="en", poll=None, join_url=url)
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            assert str(app.query_one("#join-url").render()) == url
            assert str(app.query_one("#join-qr").render()) == qr_text(url)
            notes = []
            app.notify = lambda message, **kw: notes.append(message)
            await pilot.press("f10")
            for _ in range(100):
                if notes:
                    break
                await asyncio.sleep(0.05)
            assert notes == [f"The page answers at {url}"]
    finally:
        server.should_exit = True
