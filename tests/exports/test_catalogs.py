"""The message catalogs: every message the export code uses is translated in every language."""

from __future__ import annotations

import pytest

from roadmap.i18n.catalogs import LOCALES, read_catalog
from roadmap.i18n.lang import Lang

from .msgids import plural_msgids, used_msgids


def _catalog(lang: str):
    return read_catalog(lang)


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_every_used_message_is_translated(lang: str) -> None:
    catalog = _catalog(lang)
    stored = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    used = used_msgids()
    assert len(used) > 100
    missing = {msgid: where for msgid, where in used.items() if msgid not in stored}
    assert missing == {}
    empty = [
        m.id
        for m in stored.values()
        if not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert empty == []
    assert [m.id for m in stored.values() if m.fuzzy] == []
    assert sorted(set(stored) - set(used)) == [], "catalog holds messages the code no longer uses"
    for singular, plural in plural_msgids().items():
        assert isinstance(stored[singular].id, tuple) and stored[singular].id[1] == plural


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_placeholders_survive_translation(lang: str) -> None:
    import re

    field = re.compile(r"\{\w+\}")
    for message in _catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(field.findall(ids[-1]))
        for text in strings:
            assert set(field.findall(text)) == wanted, (lang, message.id, text)


def test_numbers_and_dates_per_locale() -> None:
    from datetime import date

    from roadmap.model.periods import Calendar

    fi, en = Lang("fi"), Lang("en")
    assert fi.number(-12345.25, 2) == "−12\xa0345,25" and en.number(12345.5) == "12,345.5"
    assert fi.number(3.0) == "3" and fi.percent(0.25) == "25 %" and en.percent(0.25) == "25%"
    assert fi.date(date(2027, 3, 1)) == "1.3.2027" and en.date(date(2027, 3, 1)) == "1 Mar 2027"
    cal = Calendar(date(2027, 1, 1), "quarter")
    assert (fi.period(cal, 5), Lang("sv").period(cal, 5), en.period(cal, 5)) == (
        "Q2/2028",
        "Q2/2028",
        "2028 Q2",
    )
    assert fi.period(Calendar(date(2027, 1, 1), "month"), 2) == "maaliskuu 2027"


SAME_IN_EVERY_LANGUAGE = {
    "fi": {
        "idea", "min", "+1 min", "#", "{value} %", "{errors}, {warnings}", "Prio", "{what} {key}",
    },
    "sv": {
        "Organisation", "organisation", "Period", "Status", "Team", "Vision", "Plan", "plan",
        "Workshop", "Timer", "n", "team", "min", "+1 min", "#", "{value} %", "{errors}, {warnings}",
        "Prio", "{what} {key}", "start", "person", "TEXT", "scenario", "team {before} → {after}",
    },
}  # fmt: skip
"""Words a Finnish or Swedish reader writes as the English do; names of methods are left out
(RICE, WSJF and MoSCoW are the same everywhere)."""
NAMES = {"RICE", "WSJF", "MoSCoW"}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_no_translation_is_left_in_english(lang: str) -> None:
    same = []
    for message in _catalog(lang):
        if not message.id or message.id in NAMES:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if tuple(strings) == tuple(ids) and ids[0] not in SAME_IN_EVERY_LANGUAGE[lang]:
            same.append(ids[0])
    assert same == []


def test_missing_interface_translations_are_reported(tmp_path, monkeypatch) -> None:
    import shutil

    from roadmap.i18n import catalogs

    locale = tmp_path / "locale"
    shutil.copytree(catalogs.LOCALE_DIR, locale)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale)
    assert catalogs.missing_translations("sv") == []
    po = catalogs.po_path("sv")
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgid "Contents"\nmsgstr "Innehåll"', 'msgid "Contents"\nmsgstr ""')
    po.write_text(
        text.replace(
            'msgid "Contents"', '#, fuzzy\nmsgid "Other one"\nmsgstr "x"\n\nmsgid "Contents"'
        )
    )
    assert catalogs.missing_translations("sv") == ["Contents"]
    from click.testing import CliRunner

    from roadmap.cli import cli
    from roadmap.config import demo_plan_file

    out = CliRunner().invoke(cli, ["check", str(demo_plan_file())]).output
    assert "warning: interface (sv): 1 message has no translation: 'Contents'" in out
