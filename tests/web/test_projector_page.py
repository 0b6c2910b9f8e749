"""The projector while the participants' page is served: its address, QR code and self-check."""

from __future__ import annotations

from tests.workshop.plans import seed

from roadmap.store.db import Store
from tui.conftest import until


async def test_the_projector_shows_the_address_its_qr_code_and_checks_the_page(
    sqlite_store: Store, serve
) -> None:
    """The address is injected (tests reach only loopback); the self-check asks it."""
    from roadmap.tui.workshop.facilitator import make_facilitator_app
    from roadmap.web.address import qr_text

    _, session_id, _ = seed(sqlite_store)
    url = serve(sqlite_store, session_id)
    app = make_facilitator_app(sqlite_store, plan="small", lang="en", poll=None, join_url=url)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert str(app.query_one("#join-url").render()) == url
        assert str(app.query_one("#join-qr").render()) == qr_text(url)
        notes = []
        app.notify = lambda message, **kw: notes.append(message)
        await pilot.press("f10")
        await until(pilot, lambda: notes, "the self-check's answer")
        assert notes == [f"The page answers at {url}"]
