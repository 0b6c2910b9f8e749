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
