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
