"""A mistyped command line is answered in the reader's language, Click's words included."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from roadmap.cli import main

CASES = {
    "en": {
        ("nosuch",): ["Error: No such command 'nosuch'."],
        ("plann",): ["Error: No such command 'plann'. Did you mean plan, plans?"],
        ("plan", "--plna", "x"): ["Error: No such option '--plna'. Did you mean --explain,"],
        ("baseline", "save"): [
            "Usage: roadmap baseline save [OPTIONS] NAME",
            "Try 'roadmap baseline save --help' for help.",
            "Error: Missing argument 'NAME'.",
        ],
        ("--date", "soon", "plan"): ["Error: Invalid value for '--date': "],
    },
    "fi": {
        ("nosuch",): ["Virhe: Komentoa 'nosuch' ei ole."],
        ("plann",): ["Virhe: Komentoa 'plann' ei ole. Tarkoititko plan, plans?"],
        ("plan", "--plna", "x"): ["Virhe: Valitsinta '--plna' ei ole. Tarkoititko --explain,"],
        ("baseline", "save"): [
            "Käyttö: roadmap baseline save [VALITSIMET] NIMI",
            "Ohjeen saat komennolla 'roadmap baseline save --help'.",
            "Virhe: Argumentti 'NIMI' puuttuu.",
        ],
        ("--date", "soon", "plan"): ["Virhe: Virheellinen arvo kohdassa '--date': "],
    },
}  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "args"), [(lang, args) for lang, cases in CASES.items() for args in cases]
)
def test_usage_errors_speak_the_chosen_language(
    tmp_path: Path, lang: str, args: tuple, monkeypatch, capsys
) -> None:
    """Through the entry point, which chooses the language before Click reads the line."""
    monkeypatch.setattr(
        sys, "argv", ["roadmap", "--db", str(tmp_path / "p.db"), "--lang", lang, *args]
    )
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    for expected in CASES[lang][args]:
        assert any(line.startswith(expected) for line in lines), err
    english = ("No such", "Missing argument", "Invalid value", "Try '", "Usage:")
    assert lang == "en" or not any(word in err for word in english)


def _help(monkeypatch, capsys, *args: str) -> str:
    monkeypatch.setattr(sys, "argv", ["roadmap", *args, "--help"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    return capsys.readouterr().out


def test_our_placeholders_are_worded_in_help(monkeypatch, capsys) -> None:
    out = _help(monkeypatch, capsys, "--lang", "fi")
    assert "--db POLKU|OSOITE" in out and "--plan TUNNISTE" in out
    assert "SLUG" not in out and "PATH|URL" not in out
    assert "roadmap import [FLAGGOR] FIL\n" in _help(monkeypatch, capsys, "--lang", "sv", "import")
    assert "--plan SLUG" in _help(monkeypatch, capsys, "--lang", "en")


TYPED = {
    ("plan", "extra", "more"): {
        "en": "Error: Unexpected extra arguments: extra more",
        "fi": "Virhe: Ylimääräisiä argumentteja: extra more",
        "sv": "Fel: Oväntade extra argument: extra more",
    },
    ("plan", "--horizons", "now"): {
        "en": "Error: Unexpected extra argument: now",
        "fi": "Virhe: Ylimääräinen argumentti: now",
        "sv": "Fel: Oväntat extra argument: now",
    },
    ("workshop", "--port", "abc"): {
        "en": "Error: Invalid value for '--port': 'abc' is not a whole number.",
        "fi": "Virhe: Virheellinen arvo kohdassa '--port': 'abc' ei ole kokonaisluku.",
        "sv": "Fel: Ogiltigt värde för '--port': 'abc' är inte ett heltal.",
    },
    ("export", "--lang", "de"): {
        "en": "Error: Invalid value for '--lang': 'de' is not one of fi, sv, en.",
        "fi": "Virhe: Virheellinen arvo kohdassa '--lang': 'de' ei ole mikään vaihtoehdoista "
        "fi, sv, en.",
        "sv": "Fel: Ogiltigt värde för '--lang': 'de' är inte något av fi, sv, en.",
    },
    ("progress", "record", "CI-1", "--done", "150"): {
        "en": "Error: Invalid value for '--done': '150' is not from 0 to 100.",
        "fi": "Virhe: Virheellinen arvo kohdassa '--done': '150' ei ole välillä 0–100.",
        "sv": "Fel: Ogiltigt värde för '--done': '150' ligger inte mellan 0 och 100.",
    },
    ("--date", "soon", "plan"): {
        "en": "Error: Invalid value for '--date': 'soon' is not a date written as YYYY-MM-DD.",
        "fi": "Virhe: Virheellinen arvo kohdassa '--date': 'soon' ei ole päivämäärä muodossa "
        "VVVV-KK-PP.",
        "sv": "Fel: Ogiltigt värde för '--date': 'soon' är inte ett datum i formatet ÅÅÅÅ-MM-DD.",
    },
    ("plan", "--horizons=yes"): {
        "en": "Error: Option '--horizons' takes no value.",
        "fi": "Virhe: Valitsin '--horizons' ei ota arvoa.",
        "sv": "Fel: Flaggan '--horizons' tar inget värde.",
    },
}  # fmt: skip
CLICK_ENGLISH = ("is not a valid", "is not one of", "Got unexpected", "does not take", "Option '")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("args", list(TYPED), ids=" ".join)
def test_clicks_own_complaints_speak_the_locale_language(
    tmp_path: Path, lang: str, args: tuple, monkeypatch, capsys
) -> None:
    """A value a type refuses is named with why, and arguments left over are named, in the
    language ROADMAP_LANG chooses, under the usage line as every usage error is."""
    monkeypatch.setenv("ROADMAP_LANG", lang)
    monkeypatch.setattr(sys, "argv", ["roadmap", "--db", str(tmp_path / "p.db"), *args])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == TYPED[args][lang]
    assert lines[0].startswith({"en": "Usage:", "fi": "Käyttö:", "sv": "Användning:"}[lang])
    assert lang == "en" or not any(words in lines[-1] for words in CLICK_ENGLISH)
