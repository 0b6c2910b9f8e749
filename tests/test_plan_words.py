"""``roadmap plan`` in the reader's language: teams by name, what changed since a baseline and
why, the table's caption."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_cli_plan import _set_value, db, run  # noqa: F401  (db is a fixture)

WORDS = {
    "fi": [
        "Tiimi",
        "Dev ",
        "kriittinen polku",
        "Muutokset vertailuversioon v1 nähden",
        "myöhästetty jaksolta Q2/2027 jaksolle Q3/2027",
    ],
    "sv": [
        "Dev ",
        "Ändringar sedan jämförelseversionen v1",
        "senarelagd från Q2/2027 till Q3/2027",
    ],
    "en": ["Dev ", "Changes since baseline v1", "moved later from 2027 Q2 to 2027 Q3"],
}


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_plan_and_its_changes_speak_the_chosen_language(db: Path, lang: str) -> None:  # noqa: F811
    run(db, "baseline", "save", "v1")
    _set_value(db, "C", 1)  # C falls below B: B moves earlier, C later
    out = run(db, "--lang", lang, "plan") + run(db, "--lang", lang, "plan", "--baseline", "v1")
    for words in WORDS[lang]:
        assert words in out, words
    assert " dev " not in out  # the team's key
    if lang != "en":
        assert "moved later" not in out and "Changes since" not in out
