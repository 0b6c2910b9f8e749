"""Statuses, MoSCoW classes and scoring methods appear as words of the reader's language, never
as the codes the store keeps."""

from __future__ import annotations

import pytest

from roadmap.config import demo_plan_file
from roadmap.i18n import set_language
from roadmap.i18n.lang import Lang
from roadmap.i18n.terms import (
    DEPENDENCY_KIND,
    MOSCOW,
    PERIOD_UNIT,
    SCORING_METHOD,
    STATUS,
    choices,
    dependency_word,
    moscow_word,
    scoring_word,
    status_word,
    unit_word,
)
from roadmap.io.planfile import load_plan
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan
from roadmap.tui.app import make_app
from tui.conftest import settle
from tui.screen_text import screen_text


@pytest.fixture
def demo_store(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'demo.db'}")
    with store.write() as s:
        write_plan(session=s, doc=load_plan(demo_plan_file()))
    yield store
    store.close()


def test_every_code_has_a_word_in_every_language() -> None:
    for lang in ("fi", "sv", "en"):
        words = Lang(lang)
        for table in (STATUS, MOSCOW, PERIOD_UNIT, SCORING_METHOD, DEPENDENCY_KIND):
            for word, code in choices(table, words):
                assert word and "_" not in word, (lang, code, word)
    fi = Lang("fi")
    assert (status_word("in_progress", fi), moscow_word("must", fi)) == ("käynnissä", "välttämätön")
    assert (unit_word("quarter", fi), dependency_word("soft", fi)) == (
        "vuosineljännes",
        "suositeltava",
    )
    assert status_word("in_progress", Lang("sv")) == "pågår"
    assert scoring_word("weighted") == "weighted criteria" and status_word("") == ""


@pytest.mark.parametrize(
    ("lang", "word"), [("fi", "käynnissä"), ("sv", "pågår"), ("en", "in progress")]
)
async def test_items_view_shows_status_words(demo_store, tmp_path, lang: str, word: str) -> None:
    set_language(lang)
    app = make_app(store=demo_store, config_dir=tmp_path, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert word in text
    assert "in_progress" not in text
