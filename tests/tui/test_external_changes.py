"""Another process's change of the database shows up without a restart."""

from __future__ import annotations

from roadmap.store.item_write import ItemWrite, update_item
from roadmap.tui.widgets.grid import Grid


async def test_change_from_elsewhere_is_picked_up(plan_store, config_dir) -> None:
    from roadmap.tui.app import make_app

    app = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=0.2
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        with plan_store.write() as session:
            update_item(
                session=session,
                plan_id=1,
                write=ItemWrite("CI-2", {"title": "Muutettu toisaalla"}),
            )
        for _ in range(20):
            await pilot.pause(0.1)
            titles = [row[2] for row in app.screen.query_one("#items", Grid).rows]
            if "Muutettu toisaalla" in titles:
                break
        assert "Muutettu toisaalla" in titles
