"""Another process's change of the database shows up without a restart."""

from __future__ import annotations

from roadmap.store.repo import update_item
from roadmap.tui.widgets.grid import Grid
from tui.conftest import loaded, seen, until


async def test_change_from_elsewhere_is_picked_up(plan_store, config_dir) -> None:
    from roadmap.tui.app import make_app

    app = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=0.2
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: loaded(app), "the first view with its data")
        with plan_store.write() as session:
            update_item(
                session=session,
                plan_id=1,
                key="CI-2",
                expected_version=1,
                changes={"title": "Muutettu toisaalla"},
            )

        def titles() -> list[str]:
            return [row[2] for row in app.screen.query_one("#items", Grid).rows]

        await until(pilot, lambda: "Muutettu toisaalla" in titles(), "the change shown")
        assert "Muutettu toisaalla" in seen(app)
