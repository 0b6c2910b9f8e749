"""The evidence and follow-up screen on the demo plan: opened from the command palette, it shows
the evidence, the goals and measures, the maturity bars and the traceability of items."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, TabbedContent

from roadmap.io.planfile import load_plan
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan
from roadmap.tui.app import make_app
from roadmap.tui.screens.followup import FollowupView, follow_up_rows
from tui.conftest import palette_found, settle

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "plan.yaml"


@pytest.fixture
def demo_app(tmp_path: Path):
    store = Store.open(tmp_path / "demo.db")
    with store.write() as session:
        write_plan(session=session, doc=load_plan(DEMO))
    app = make_app(store=store, config_dir=tmp_path / "config", theme="textual-dark",
                   watch_interval=None)  # fmt: skip
    yield app
    store.close()


def test_rows_trace_items_to_needs_evidence_and_goals() -> None:
    rows = follow_up_rows(load_plan(DEMO))
    trace = {row[0]: row for row in rows["trace"][1]}
    assert trace["CI-3"][1:] == ("TH-3, TH-1", "EV-11, EV-13, EV-15", "2026-11-30", "T-1")
    maturity = {row[0]: row for row in rows["maturity"][1]}
    assert maturity["Tiedon saatavuus"][1:3] == ("■■□□□ 2", "■■■■□ 4 2028")
    assert rows["evidence"][1][0][0] == "EV-16"


async def test_the_screen_opens_from_the_palette_and_shows_the_tables(demo_app) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Evidence and follow")
        await palette_found(pilot, "Evidence and follow")
        await pilot.press("enter")
        await settle(pilot)
        screen = demo_app.screen
        assert isinstance(screen, FollowupView)
        table = screen.query_one("#table-evidence", DataTable)
        assert table.row_count == 16 and table.size.height > 0
        assert "EV-16" in table.render_line(1).text
        tabs = screen.query_one(TabbedContent)
        tabs.active = "pane-maturity"
        await settle(pilot)
        bars = screen.query_one("#table-maturity", DataTable)
        assert bars.display and bars.size.width > 0
        assert "■■□□□ 2" in "".join(bars.render_line(y).text for y in range(1, 4))
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(demo_app.screen, FollowupView)


async def open_follow_up(pilot) -> FollowupView:
    await settle(pilot)
    pilot.app.action_follow_up()
    await settle(pilot)
    return pilot.app.screen


async def test_evidence_is_captured_in_one_keyboard_form(demo_app) -> None:
    from textual.widgets import SelectionList

    from tui.conftest import save_form

    async with demo_app.run_test(size=(120, 36)) as pilot:
        screen = await open_follow_up(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = demo_app.screen
        assert form.query_one("#f-date").value  # today, ready to keep
        form.query_one("#f-needs", SelectionList).select("NEUVOLA-1")
        await save_form(
            pilot, stakeholder="neuvola", summary="Heard again [bold]", date="2027-02-30"
        )
        assert demo_app.screen is form
        assert "date" in str(form.query_one("#e-date").render()).lower()
        await save_form(pilot, date="2027-02-03")
        assert demo_app.screen is screen
        table = screen.query_one("#table-evidence", DataTable)
        assert table.row_count == 17
        first = table.render_line(1).text
        assert "EV-17" in first and "Heard again [bold]" in first
    with demo_app.ctx.store.read() as session:
        from roadmap.store.plan_read import read_plan

        ev = read_plan(session=session, plan_id=demo_app.ctx.plan_id).evidence[-1]
    assert (ev.key, ev.stakeholder, ev.needs, ev.summary) == (
        "EV-17", "neuvola", ["NEUVOLA-1"], "Heard again [bold]",
    )  # fmt: skip


async def test_progress_and_measure_readings_are_entered_in_the_app(demo_app) -> None:
    from tui.conftest import save_form

    async with demo_app.run_test(size=(120, 36)) as pilot:
        screen = await open_follow_up(pilot)
        await pilot.press("p")
        await settle(pilot)
        form = demo_app.screen
        await save_form(pilot, item="CI-11", done="lots", date="2027-04-10")
        assert demo_app.screen is form
        assert "number" in str(form.query_one("#e-done").render())
        await save_form(pilot, done="15 %", health="at_risk", note="Waiting")
        assert demo_app.screen is screen
        await pilot.press("m")
        await settle(pilot)
        await save_form(pilot, measure="M-AUKOT", value="17", date="2027-12-31")
        assert demo_app.screen is screen
        screen.query_one(TabbedContent).active = "pane-goals"
        await settle(pilot)
        goals = screen.query_one("#table-goals", DataTable)
        shown = "".join(goals.render_line(y).text for y in range(1, goals.row_count + 1))
        assert "17 (2027-12-31)" in shown
    from roadmap.store.plan_read import read_plan

    with demo_app.ctx.store.read() as session:
        doc = read_plan(session=session, plan_id=demo_app.ctx.plan_id)
    update = next(p for p in doc.progress if p.item == "CI-11").updates[-1]
    assert (update.done, update.health, update.note) == (0.15, "at_risk", "Waiting")
