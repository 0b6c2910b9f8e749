"""Words a Finnish or Swedish reader sees in the app instead of English or codes: periods in
the roadmap's explanation, evidence methods, and follow-up forms dated by the product's clock."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable

from roadmap.i18n import set_language
from roadmap.io.planfile import load_plan
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan
from roadmap.tui.app import make_app
from tui.conftest import PLAN, make_store, open_view, rested, seen, settle, until

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "plan.yaml"


def shown(widget) -> bool:
    """The widget is displayed, on screen, and has room for its text."""
    return widget.display and widget.region.width > 0 and widget.region.height > 0


async def test_the_explanation_words_its_periods_as_the_documents_do(
    plan_store, config_dir
) -> None:
    set_language("fi")
    app = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=None
    )
    async with app.run_test(size=(140, 40)) as pilot:
        view = await open_view(pilot, "4")
        await rested(pilot)
        why = view.query_one("#why-text")
        key = view.query_one("Timeline").selected_bar.key
        await until(pilot, lambda: str(why.render()).startswith(key), "the explanation")
        assert shown(why)
        text = seen(app)
        assert "Q1/2027" in text
        explained = str(why.render())
        assert "jaksolla Q" in explained and "2027-Q" not in explained


@pytest.mark.parametrize(
    ("lang", "warned"),
    [
        ("fi", "⚠ CI-5 päättyy jaksolla Q2/2027, määräajan 31.3.2027 (Q1/2027) jälkeen."),
        ("sv", "⚠ CI-5 blir klart under Q2/2027, efter tidsfristen 31 mars 2027 (Q1/2027)."),
        ("en", "⚠ CI-5 ends in 2027 Q2, after its deadline 31 Mar 2027 (2027 Q1)."),
    ],
)
async def test_the_explanation_words_an_items_warning_in_the_readers_language(
    tmp_path: Path, config_dir, lang: str, warned: str
) -> None:
    """CI-5 waits for CI-1 into the second quarter and misses its deadline: the warning under
    its explanation is worded from the catalog, its deadline dated as the reader writes it."""
    doc = copy.deepcopy(PLAN)
    (late,) = [item for item in doc["items"] if item["key"] == "CI-5"]
    late["deadline"] = "2027-03-31"
    store = make_store(tmp_path / "plan.db", doc)
    set_language(lang)
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            view = await open_view(pilot, "4")
            timeline = view.query_one("Timeline")
            timeline.selected = next(
                (y, x)
                for y, line in enumerate(timeline.lines)
                for x, bar in enumerate(line.bars)
                if bar.key == "CI-5"
            )
            await rested(pilot)
            why = view.query_one("#why-text")
            await until(pilot, lambda: "⚠" in str(why.render()), "the warning")
            lines = str(why.render()).splitlines()
            assert warned in lines
            assert lines[0].startswith("CI-5")
    finally:
        store.close()
        set_language("en")


@pytest.fixture
def finnish_demo(tmp_path: Path):
    """The demo plan in an app that speaks Finnish, on a product's day that is never the
    system's."""
    from roadmap.clock import set_today

    set_language("fi")
    set_today(date.today() + timedelta(days=100))
    store = Store.open(tmp_path / "demo.db")
    with store.write() as session:
        write_plan(session=session, doc=load_plan(DEMO))
    app = make_app(store=store, config_dir=tmp_path / "config", theme="textual-dark",
                   watch_interval=None)  # fmt: skip
    yield app
    store.close()
    set_today(None)


async def _follow_up(pilot):
    from roadmap.tui.screens.followup import FollowupView

    await settle(pilot)
    pilot.app.action_follow_up()
    await until(pilot, lambda: isinstance(pilot.app.screen, FollowupView), "the follow-up")
    screen = pilot.app.screen
    await until(pilot, lambda: screen.doc is not None, "the evidence")
    await settle(pilot)
    return screen


async def test_evidence_methods_are_shown_as_words(finnish_demo) -> None:
    async with finnish_demo.run_test(size=(140, 36)) as pilot:
        screen = await _follow_up(pilot)
        table = screen.query_one("#table-evidence", DataTable)
        assert shown(table) and table.row_count == 16
        text = seen(finnish_demo)
        assert "haastattelu" in text and "työpaja" in text
        assert "interview" not in text and "workshop" not in text
        # The keys at the bottom speak Finnish too, the app's own as well as the screen's.
        assert "p Eteneminen" in text and "^q Lopeta" in text and "Quit" not in text


async def test_follow_up_forms_are_dated_by_the_products_clock(finnish_demo) -> None:
    from roadmap.clock import today
    from roadmap.i18n.terms import typed_date

    day = typed_date(today())  # as a Finn types it: 17.3.2027
    async with finnish_demo.run_test(size=(140, 40)) as pilot:
        for key in ("p", "m"):
            screen = await _follow_up(pilot)
            await pilot.press(key)
            await until(pilot, lambda s=screen: pilot.app.screen is not s, "the form")
            await settle(pilot)
            field = pilot.app.screen.query_one("#f-date")
            assert field.value == day and shown(field)
            assert day in seen(finnish_demo)
            await pilot.press("escape")
            await until(pilot, lambda s=screen: pilot.app.screen is s, "the follow-up again")
            await pilot.press("escape")
            await settle(pilot)


@pytest.mark.parametrize(("lang", "worded"), [("fi", " Q1/2027"), ("en", " 2027 Q1")])
async def test_the_timeline_header_words_its_periods(
    plan_store, config_dir, lang: str, worded: str
) -> None:
    set_language(lang)
    app = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=None
    )
    async with app.run_test(size=(140, 40)) as pilot:
        view = await open_view(pilot, "4")
        await rested(pilot)
        timeline = view.query_one("Timeline")
        assert shown(timeline)
        header = "".join(segment.text for segment in timeline.render_line(0))
        assert worded in header and "2027-Q" not in header


@pytest.mark.parametrize(("lang", "worded"), [("fi", "Q1/2027"), ("en", "2027 Q1")])
async def test_the_teams_load_columns_word_their_periods(
    plan_store, config_dir, lang: str, worded: str
) -> None:
    set_language(lang)
    app = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=None
    )
    async with app.run_test(size=(140, 40)) as pilot:
        view = await open_view(pilot, "8")
        await rested(pilot)
        load = view.query_one("#load")
        assert shown(load)
        await until(pilot, lambda: worded in seen(app), "the worded period headers")
        assert "2027-Q1" not in seen(app)
