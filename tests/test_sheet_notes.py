"""A spreadsheet's notes column is added to an item's description once: importing the same
sheet again leaves the description as it was."""

from __future__ import annotations

from pathlib import Path

from test_sheets import FINNISH, fresh, plan_of, run


def test_reimporting_a_sheet_leaves_descriptions_unchanged(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "hankkeet.csv"
    path.write_bytes(FINNISH.encode())
    assert run(db, "import", str(path), "--plan", "perheet").exit_code == 0
    assert plan_of(db, "perheet").items[0].description == "Aloitetaan keväällä"
    again = run(db, "import", str(path), "--plan", "perheet")
    assert again.exit_code == 0, again.output
    assert "Imported 0 new and 0 updated items" in again.stdout
    assert plan_of(db, "perheet").items[0].description == "Aloitetaan keväällä"


def test_notes_join_a_description_written_elsewhere_once(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "hankkeet.csv"
    path.write_bytes(FINNISH.encode())
    assert run(db, "import", str(path), "--plan", "perheet").exit_code == 0
    edited = tmp_path / "kuvaus.csv"
    edited.write_text("Tunnus;Kuvaus\nK-1;Näkymä perheen palveluihin.\n", encoding="utf-8")
    assert run(db, "import", str(edited), "--plan", "perheet").exit_code == 0
    for _ in range(2):
        result = run(db, "import", str(path), "--plan", "perheet")
        assert result.exit_code == 0, result.output
        description = plan_of(db, "perheet").items[0].description
        assert description == "Näkymä perheen palveluihin.\n\nAloitetaan keväällä"
