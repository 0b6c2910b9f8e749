"""Every word of the interface comes from the catalogs: in the pseudo-language ``xx`` each
catalog message is shown in brackets, so a word outside brackets that is not the plan's own
text bypassed the catalogs. Each view is opened, with its help screen, and read as a person
reads it."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import Static

from roadmap.i18n import set_language
from roadmap.tui.app import make_app
from roadmap.tui.dialogs.help import Help
from roadmap.tui.widgets.navbar import VIEWS
from tui.conftest import PLAN, open_view, settle
from tui.screen_text import screen_lines

BRACKETED = re.compile(r"\[[^\[\]]*\]")
CUT = re.compile(r"\[[^\[\]█]*(?=█)|\[[^\[\]\s]*(?=\s|$)|[^\[\]\s]*\]")
"""A bracketed message cut short by its column's width (``[Scor``) or by a dialog over it."""
WORD = re.compile(r"[^\W\d_]{3,}")
KEY_NAMES = {"del", "esc", "tab", "enter", "space", "backspace", "ctrl", "shift", "super"}
KEY_NAMES |= {"home", "end", "pgup", "pgdn", "pageup", "pagedown", "up", "down", "left", "right"}
DATA = {"exports", "html", "csv", "ics", "textual", "dark", "light", "projector"}
"""Values the app fills in: the export folder's default name, file formats, theme names."""
"""Keys as Textual names them in the footer and the help."""


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for v in value.values() for text in _texts(v)]
    if isinstance(value, list | tuple):
        return [text for v in value for text in _texts(v)]
    return []


PLAN_WORDS = {word.casefold() for text in _texts(PLAN) for word in WORD.findall(text)}
"""Words of the plan itself: shown as they are, in every language."""


def _textual_widget_keys() -> set[str]:
    """Descriptions of the keys of Textual's own widgets (scroll, cursor, edit keys), which the
    help lists for the focused widget and Textual words in English."""
    import textual.widgets as widgets
    from textual.containers import ScrollableContainer
    from textual.scroll_view import ScrollView

    classes = [ScrollView, ScrollableContainer]
    classes += [getattr(widgets, name) for name in widgets.__all__]
    return {
        binding.description
        for cls in classes
        for binding in getattr(cls, "BINDINGS", [])
        if hasattr(binding, "description") and binding.description
    }


TEXTUAL_WIDGET_KEYS = _textual_widget_keys()


def _plan_or_key(word: str) -> bool:
    """A key's name, or a word of the plan (or its start, where a column cuts it)."""
    return word in KEY_NAMES | DATA or any(known.startswith(word) for known in PLAN_WORDS)


def leaks(lines: list[str]) -> list[str]:
    """The lines that show a word neither bracketed nor the plan's own."""
    out = []
    for line in lines:
        rest = line
        while BRACKETED.search(rest):  # brackets inside brackets: a message worded in another
            rest = BRACKETED.sub(" ", rest)
        rest = CUT.sub(" ", rest)
        words = [w for w in WORD.findall(rest) if not _plan_or_key(w.casefold())]
        if words:
            out.append(f"{words}: {line.strip()}")
    return out


@pytest.fixture
def pseudo_app(plan_store, config_dir: Path):
    set_language("xx")
    return make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=None
    )


@pytest.mark.parametrize("key", [str(n) for n in range(1, len(VIEWS) + 1)])
async def test_view_and_its_help_show_only_catalog_words(pseudo_app, key: str) -> None:
    async with pseudo_app.run_test(size=(160, 45)) as pilot:
        await open_view(pilot, key)
        view = screen_lines(pseudo_app)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(pseudo_app.screen, Help)
        help_texts = [
            " ".join(str(static.render()).split())
            for static in pseudo_app.screen.query(Static)
            if static.id != "help-keys"
        ]
        console = Console(width=120, file=io.StringIO(), record=True)
        console.print(pseudo_app.screen.query_one("#help-keys", Static).content)
        help_texts += [
            line
            for line in console.export_text().splitlines()
            if line.split(maxsplit=1)[-1].strip() not in TEXTUAL_WIDGET_KEYS
        ]
    assert any("[" in line for line in view)
    assert leaks(view) == []
    # The help's paragraphs wrap on screen; each is read whole.
    assert len(help_texts) >= 6 and leaks(help_texts) == []


def test_leaks_are_found() -> None:
    assert leaks(["1 [Items]  2 [Priorities]", "CI-1 Yhteinen asiakasnäkymä [idea]"]) == []
    assert leaks(["[Filter]  Sort"]) == ["['Sort']: [Filter]  Sort"]
    assert leaks(["[Key]  [Scor  Period"]) == ["['Period']: [Key]  [Scor  Period"]


@pytest.mark.parametrize(
    ("key", "keys", "dialog"),
    [
        ("1", ["enter"], "ItemEditor"),
        ("1", ["n"], "ItemEditor"),
        ("1", ["ctrl+e"], "ExportDialog"),
        ("1", ["delete"], "Confirm"),
        ("6", ["e"], "RowForm"),
        ("8", ["n"], "RowForm"),
        ("3", ["a"], "PickItem"),
    ],
)
async def test_forms_and_dialogs_show_only_catalog_words(
    pseudo_app, key: str, keys: list[str], dialog: str
) -> None:
    async with pseudo_app.run_test(size=(160, 60)) as pilot:
        await open_view(pilot, key)
        await pilot.press(*keys)
        await settle(pilot)
        assert type(pseudo_app.screen).__name__ == dialog
        shown = screen_lines(pseudo_app)
    assert leaks(shown) == []


async def test_command_palette_shows_only_catalog_words(pseudo_app) -> None:
    async with pseudo_app.run_test(size=(160, 60)) as pilot:
        await open_view(pilot, "1")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press("down")  # the list of every command
        await settle(pilot)
        shown = screen_lines(pseudo_app)
    assert any("[Search for commands…]" in line for line in shown)
    assert leaks(shown) == []
