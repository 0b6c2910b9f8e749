"""Words a Finnish or Swedish reader sees in the app instead of English or codes: periods in
the roadmap's explanation, evidence methods, and follow-up forms dated by the product's clock."""

from __future__ import annotations

from roadmap.i18n import set_language
from roadmap.tui.app import make_app
from tui.conftest import open_view, rested, seen, until


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
