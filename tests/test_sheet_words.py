"""A spreadsheet's problems are named in the reader's language, with their file, line, item
and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_sheets import fresh, run

SHEET = (
    "Tunnus;Nimi;Työmäärä;Väri\n"
    "K-1;Perhepalvelujen tietonäkymä;paljon;punainen\n"
    "K-1;Asiakaspolku;2;sininen\n"
)
WORDS = {
    "fi": [
        ":1: sarake 4 'Väri' ei ole kohteen kenttä, eikä sitä tuotu",
        ":2 (K-1): sarake 'Työmäärä': 'paljon' ei ole luku",
        ":3 (K-1): tunnus 'K-1' on myös rivillä 2",
    ],
    "sv": [
        ":2 (K-1): kolumn 'Työmäärä': 'paljon' är inte ett tal",
        ":3 (K-1): nyckeln 'K-1' finns också på rad 2",
    ],
    "en": [
        ":2 (K-1): column 'Työmäärä': 'paljon' is not a number",
        ":3 (K-1): key 'K-1' is also on line 2",
    ],
}


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_sheet_problems_speak_the_chosen_language(tmp_path: Path, lang: str) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "hankkeet.csv"
    path.write_text(SHEET, encoding="utf-8")
    result = run(db, "--lang", lang, "import", str(path), "--plan", "perheet")
    assert result.exit_code == 1
    for words in WORDS[lang]:
        assert f"{path}{words}" in result.output, words
