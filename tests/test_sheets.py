"""Spreadsheets as municipalities keep them, imported into a fresh plan with no --map, and the
problems of a bad one all reported at once."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from roadmap.cli import cli
from roadmap.io.csv_items import read_items_csv
from roadmap.io.planfile import PlanFileError
from roadmap.io.sheet import BATCH, import_sheet
from roadmap.io.xlsx_items import read_items_xlsx
from roadmap.model.inputs import PlanDoc, PlanIn
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.repo import find_plan


def run(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def plan_of(db: Path, slug: str) -> PlanDoc:
    store = Store.open(db)
    with store.read() as session:
        doc = read_plan(session=session, plan_id=find_plan(session=session, slug=slug).id)
    store.close()
    return doc


def fresh(tmp_path: Path) -> Path:
    db = tmp_path / "roadmap.db"
    result = run(db, "init", "--plan", "Perheet", "--start", "2027-01-01")
    assert result.exit_code == 0, result.output
    return db


def empty_doc() -> PlanDoc:
    return PlanDoc(plan=PlanIn(name="Perheet", start_date=date(2027, 1, 1)))


FINNISH = (
    "Tunnus;Nimi;Teema;Omistaja;Tiimi;Tila;Työmäärä;Riippuvuudet;Määräaika;MoSCoW;Huomiot\r\n"
    "K-1;Perhepalvelujen tietonäkymä;Tiedon saatavuus;Lahden kaupunki;Tietotiimi;Suunniteltu;"
    "2,5;;31.12.2027;Pakollinen;Aloitetaan keväällä\r\n"
    "K-2;Asiakaspolku;Asiakaskokemus;Asikkalan kunta;Palvelutiimi;Käynnissä;1,5;K-1;1.6.2027;"
    "Tärkeä;\r\n"
    "K-3;Yhteinen mittaristo;tiedon  SAATAVUUS;lahden kaupunki;TIETOTIIMI;Ei aloitettu;3;"
    '"K-1, K-2";;Hyvä olla;\r\n'
)


def test_finnish_csv_with_bom_semicolons_crlf_and_names(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "hankkeet.csv"
    path.write_bytes("\ufeff".encode() + FINNISH.encode())
    result = run(db, "import", str(path), "--plan", "perheet")
    assert result.exit_code == 0, result.output
    assert "Imported 3 new and 0 updated items into plan 'perheet'" in result.stdout
    assert "Created 2 themes, 2 teams, 2 organisations" in result.stdout
    doc = plan_of(db, "perheet")
    assert [(t.key, t.name) for t in doc.themes] == [
        ("tiedon-saatavuus", "Tiedon saatavuus"),
        ("asiakaskokemus", "Asiakaskokemus"),
    ]
    assert [(t.key, t.organisation, t.capacity) for t in doc.teams] == [
        ("tietotiimi", "lahden-kaupunki", 1.0),
        ("palvelutiimi", "asikkalan-kunta", 1.0),
    ]
    k1, k2, k3 = doc.items
    assert (k1.effort, k1.status, k1.moscow, k1.deadline) == (2.5, "planned", "must",
                                                              date(2027, 12, 31))  # fmt: skip
    assert k1.description == "Aloitetaan keväällä"
    assert (k2.status, k2.moscow, k2.depends_on) == ("in_progress", "should", ("K-1",))
    assert (k3.theme, k3.team, k3.moscow, k3.depends_on) == (
        "tiedon-saatavuus", "tietotiimi", "could", ("K-1", "K-2"),
    )  # fmt: skip
    again = run(db, "import", str(path), "--plan", "perheet")
    # Only items the sheet still changes are written again (the names it resolves stay).
    assert "Imported 0 new and" in again.stdout and "Created" not in again.stdout


def test_swedish_cp1252_csv(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "projekt.csv"
    text = (
        "Nyckel;Namn;Tema;Ägare;Team;Status;Arbetsmängd;Beroenden;Tidsfrist;Prioritet\r\n"
        "P-1;Översikt för familjer;Informationens tillgänglighet;Borgå stad;Datateamet;"
        "Planerad;0,5;;30.9.2027;Måste\r\n"
        "P-2;Gemensam kundväg;Kundupplevelse;Välfärdsområdet;Serviceteamet;Pågående;2;P-1;;"
        "Inte nu\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    result = run(db, "import", str(path), "--plan", "perheet")
    assert result.exit_code == 0, result.output
    assert "not UTF-8; read as Windows-1252" in result.stderr
    p1, p2 = plan_of(db, "perheet").items
    assert (p1.title, p1.effort, p1.moscow, p1.deadline) == (
        "Översikt för familjer", 0.5, "must", date(2027, 9, 30),
    )  # fmt: skip
    assert (p2.status, p2.moscow, p2.depends_on, p2.organisation) == (
        "in_progress", "wont", ("P-1",), "valfardsomradet",
    )  # fmt: skip


def with_cached_values(data: bytes, values: dict[str, str]) -> bytes:
    """The workbook as a spreadsheet program saves it: each formula cell named in ``values``
    with its calculated value (openpyxl writes formulas without one)."""
    out = io.BytesIO()
    found = dict.fromkeys(values, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for member in src.namelist():
            body = src.read(member)
            if member.startswith("xl/worksheets/"):
                text = body.decode()
                for ref, value in values.items():
                    text, n = re.subn(
                        rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?',
                        rf"\1<f>\2</f><v>{value}</v>",
                        text,
                    )
                    found[ref] += n
                body = text.encode()
            dst.writestr(member, body)
    assert set(found.values()) == {1}
    return out.getvalue()


def portfolio(cached: bool = True, formulas: bool = True) -> bytes:
    """A Finnish Excel portfolio: title rows above the header, Excel dates, decimal efforts,
    names instead of keys, comma-separated dependencies, a total row, and a sheet before it;
    without ``formulas``, their values are typed in."""
    wb = Workbook()
    info = wb.active
    info.title = "Ohje"
    info.append(["Täytä hankkeet seuraavalle välilehdelle"])
    ws = wb.create_sheet("Salkku")
    ws.append(["Kehittämissalkku 2027–2028"])
    ws.append([])
    ws.append(["Tunnus", "Kehittämiskohde", "Teema", "Omistaja", "Tiimi", "Työmäärä",
               "Määräaika", "Riippuvuudet", "Tila"])  # fmt: skip
    ws.append(["S-1", "Tietovaranto", "Tiedon saatavuus", "Lahden kaupunki", "Tietotiimi", 2.5,
               datetime(2027, 6, 30), None, "Suunniteltu"])  # fmt: skip
    ws.append(["S-2", "Raportointi", "Tiedon saatavuus", "Lahden kaupunki", "Tietotiimi", 1.25,
               datetime(2027, 9, 1), "S-1", "Käynnissä"])  # fmt: skip
    ws.append(["S-3", "Palautekanava", "Asiakaskokemus", "Asikkalan kunta", "Palvelutiimi",
               "=F4*2" if formulas else 5, None, "S-1, S-2", "Idea"])  # fmt: skip
    ws.append([])
    ws.append([None, "Yhteensä", None, None, None, "=SUM(F4:F6)" if formulas else 8.75])
    for row in range(4, 7):
        ws.cell(row=row, column=7).number_format = "d.m.yyyy"
    needs = wb.create_sheet("Tarpeet")
    needs.append(["Sidosryhmä", "Organisaatio", "Tarve", "Tärkeys"])
    needs.append(["Varhaiskasvatus", "Lahden kaupunki", "Tieto muuttavista perheistä", 5])
    needs.append(["Varhaiskasvatus", "Lahden kaupunki", "Yhteinen asiakasnäkymä", None])
    needs.append(["Perheet", None, "Yksi paikka asioida", 4])
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    if not formulas:
        return data
    return with_cached_values(data, {"F6": "5", "F8": "8.75"}) if cached else data


def test_finnish_excel_portfolio(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "salkku.xlsx"
    path.write_bytes(portfolio())
    result = run(db, "import", str(path), "--plan", "perheet")
    assert result.exit_code == 0, result.output
    assert "Imported 3 new and 0 updated items" in result.stdout
    assert f"Skipped {path}[Salkku]:8: a total row" in result.stdout
    assert f"Skipped {path}[Salkku]: 1 empty row, on line 7" in result.stdout
    assert "Created 2 themes, 2 teams, 2 organisations, 2 stakeholders, 3 needs" in result.stdout
    doc = plan_of(db, "perheet")
    assert [(s.key, s.organisation, [(n.key, n.text, n.importance) for n in s.needs])
            for s in doc.stakeholders] == [
        ("varhaiskasvatus", "lahden-kaupunki", [
            ("varhaiskasvatus-n1", "Tieto muuttavista perheistä", 5),
            ("varhaiskasvatus-n2", "Yhteinen asiakasnäkymä", 3)]),
        ("perheet", None, [("perheet-n1", "Yksi paikka asioida", 4)]),
    ]  # fmt: skip
    again = run(db, "import", str(path), "--plan", "perheet")
    assert "0 new and 0 updated" in again.stdout and "Created" not in again.stdout
    s1, s2, s3 = plan_of(db, "perheet").items
    assert (s1.title, s1.effort, s1.deadline, s1.theme) == (
        "Tietovaranto", 2.5, date(2027, 6, 30), "tiedon-saatavuus",
    )  # fmt: skip
    assert (s2.effort, s2.status, s2.depends_on) == (1.25, "in_progress", ("S-1",))
    assert (s3.effort, s3.depends_on, s3.team) == (5.0, ("S-1", "S-2"), "palvelutiimi")


def test_excel_formula_without_a_saved_value_is_reported() -> None:
    sheet = read_items_xlsx(portfolio(cached=False), name="salkku.xlsx")
    with pytest.raises(PlanFileError) as caught:
        import_sheet(empty_doc(), sheet)
    assert caught.value.messages == [
        "salkku.xlsx[Salkku]:6 (S-3): column 'Työmäärä': a formula without a saved value (the "
        "file was not saved by a spreadsheet program); open and save it in Excel or "
        "LibreOffice, or type the value"
    ]


def test_excel_of_plain_values_reads_as_the_same_with_saved_formulas() -> None:
    plain = read_items_xlsx(portfolio(formulas=False), name="s.xlsx")
    saved = read_items_xlsx(portfolio(), name="s.xlsx")
    assert [(r.line, r.values, r.scores, r.problems) for r in plain.rows] == [
        (r.line, r.values, r.scores, r.problems) for r in saved.rows
    ]
    assert plain.rows[0].values["deadline"] == date(2027, 6, 30)
    assert (plain.columns, plain.skipped, plain.warnings, plain.problems) == (
        saved.columns, saved.skipped, saved.warnings, saved.problems,
    )  # fmt: skip
    assert plain.needs == saved.needs and plain.needs is not None


def test_excel_error_value_is_reported_not_read_as_empty() -> None:
    wb = Workbook()
    wb.active.append(["Tunnus", "Nimi", "Työmäärä"])
    wb.active.append(["K-1", "Raportointi", "#DIV/0!"])  # openpyxl stores it as an error
    out = io.BytesIO()
    wb.save(out)
    sheet = read_items_xlsx(out.getvalue(), name="e.xlsx")
    with pytest.raises(PlanFileError) as caught:
        import_sheet(empty_doc(), sheet)
    [message] = caught.value.messages
    assert message.startswith("e.xlsx[Sheet]:2 (K-1): column 'Työmäärä': ") and "#DIV/0!" in message


def test_excel_sheet_chosen_by_name(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match=r"no sheet 'Hankkeet' .*'Ohje', 'Salkku'"):
        read_items_xlsx(portfolio(), name="s.xlsx", sheet="Hankkeet")
    assert len(read_items_xlsx(portfolio(), name="s.xlsx", sheet="Salkku").rows) == 3


def test_unbalanced_quote_is_reported_not_swallowed(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "q.csv"
    path.write_text('key,title\nQ-1,first\nQ-2,"broken,2\nQ-3,third\nQ-4,fourth\n')
    result = run(db, "import", str(path), "--plan", "perheet")
    assert result.exit_code == 1
    assert "Imported" not in result.output
    assert f"{path}:3 (Q-2): column 'title': the cell runs over several lines" in result.stderr
    assert 'a quote (") opened on or after this line is never closed' in result.stderr
    assert "500 characters" not in result.stderr and "required" not in result.stderr
    assert plan_of(db, "perheet").items == []


def test_every_problem_of_a_csv_at_once(tmp_path: Path) -> None:
    data = (
        "key;title;effort;deadline;depends_on;status\n"
        "A;Eka;1e400;;;idea\n"
        "B;Toka;2;2027-02-30;A;valmis\n"
        "C;Kolmas;1;;NOPE;\n"
        "C;Neljäs;1;;;\n"
        "D;Viides;-1;;D;huono\n"
    ).encode()
    sheet = read_items_csv(data, name="x.csv")
    with pytest.raises(PlanFileError) as caught:
        import_sheet(empty_doc(), sheet)
    assert caught.value.messages == [
        "x.csv:2 (A): column 'effort': '1e400' is not a number a plan can hold",
        "x.csv:3 (B): column 'deadline': '2027-02-30' is not a date (day is out of range "
        "for month)",
        "x.csv:4 (C): column 'depends_on': unknown item 'NOPE'",
        "x.csv:5 (C): key 'C' is also on line 4",
        "x.csv:6 (D): column 'status': 'huono' is not a status (for example idea, "
        "suunniteltu, pågående, done)",
        "x.csv:6 (D): column 'effort': should be at least 0",
        "x.csv:6 (D): column 'depends_on': D depends on itself",
    ]


def test_failed_import_into_a_new_plan_leaves_no_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    path = tmp_path / "bad.csv"
    path.write_text("key,title,Budjetti,effort\nA,a,100,lots\n")
    result = run(db, "import", str(path), "--new-plan", "Uusi")
    assert result.exit_code == 1
    assert not db.exists()
    assert "'Budjetti' is not an item field" in result.stderr
    assert "'lots' is not a number" in result.stderr


def test_dry_run_writes_nothing_and_no_create_refuses(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "hankkeet.csv"
    path.write_bytes(FINNISH.encode())
    dry = run(db, "import", str(path), "--plan", "perheet", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Would import 3 new and 0 updated items" in dry.stdout
    assert "Would create 2 themes, 2 teams, 2 organisations" in dry.stdout
    assert "theme tiedon-saatavuus: Tiedon saatavuus" in dry.stdout
    assert "Nothing was written" in dry.stdout
    assert plan_of(db, "perheet").themes == []
    refused = run(db, "import", str(path), "--plan", "perheet", "--no-create")
    assert refused.exit_code == 1
    assert "no theme 'Tiedon saatavuus' in the plan, and creating is turned off" in refused.stderr
    assert plan_of(db, "perheet").items == []


def test_a_name_of_two_records_is_refused_listing_both() -> None:
    doc = PlanDoc.model_validate(
        {
            **empty_doc().model_dump(),
            "themes": [{"key": "data", "name": "Tieto"}, {"key": "tieto", "name": "DATA"}],
        }
    )
    sheet = read_items_csv(b"key;title;theme\nA;a;data\nB;b;Data\n", name="t.csv")
    with pytest.raises(PlanFileError) as caught:
        import_sheet(doc, sheet)
    assert caught.value.messages == [
        "t.csv:3 (B): column 'theme': 'Data' matches 2 themes: 'data' (Tieto) and "
        "'tieto' (DATA); write the key"
    ]


def test_items_xlsx_export_is_safe_and_reads_back(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "hankkeet.csv"
    text = FINNISH.replace("Asiakaspolku", '=HYPERLINK(""http://evil.example"",""x"")')
    path.write_bytes(text.encode())
    assert run(db, "import", str(path), "--plan", "perheet").exit_code == 0
    out = tmp_path / "items.xlsx"
    result = run(db, "export-data", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    ws = wb["items"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    assert ws["B3"].value.startswith("=HYPERLINK") and ws["B3"].data_type == "s"
    assert ws["Q2"].value == datetime(2027, 12, 31)
    before = plan_of(db, "perheet")
    again = run(db, "import", str(out), "--plan", "perheet")
    assert again.exit_code == 0, again.output
    assert "0 new and 0 updated" in again.stdout  # nothing differs, nothing is written
    assert plan_of(db, "perheet").items == before.items


def test_roadmap_xlsx_export(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "hankkeet.csv"
    path.write_bytes(FINNISH.encode())
    assert run(db, "import", str(path), "--plan", "perheet").exit_code == 0
    result = run(db, "export", "xlsx", "--lang", "fi", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    ws = load_workbook(tmp_path / "out" / "perheet.fi.xlsx").active
    rows = list(ws.values)
    assert rows[0][:3] == ("Tunnus", "Kohde", "Teema") or rows[0][0]
    assert [r[0] for r in rows[1:]] == ["K-1", "K-2", "K-3"]
    assert isinstance(rows[1][7], datetime) and isinstance(rows[1][9], float)


def test_created_team_capacity_is_flagged_until_set(tmp_path: Path) -> None:
    from roadmap.model import tables as t
    from roadmap.store.rows import update_row

    db = fresh(tmp_path)
    path = tmp_path / "hankkeet.csv"
    path.write_bytes(FINNISH.encode())
    assert run(db, "import", str(path), "--plan", "perheet").exit_code == 0
    checked = run(db, "check")
    assert "team tietotiimi: capacity 1 per period was given by an import" in checked.stdout
    assert "team palvelutiimi: capacity 1" in checked.stdout
    exported = run(db, "export-data", "--format", "yaml").stdout
    assert exported.count("capacity_assumed: true") == 2
    store = Store.open(db)
    with store.write() as session:
        plan_id = find_plan(session=session, slug="perheet").id
        update_row(
            session=session, plan_id=plan_id, model=t.Team, key="tietotiimi",
            changes={"capacity": 4.0},
        )  # fmt: skip
    store.close()
    checked = run(db, "check")
    assert "team tietotiimi" not in checked.stdout
    assert "team palvelutiimi: capacity 1" in checked.stdout


SPOOF = "Raportti\u202egpj.exe"
MARKUP = "[bold red]x[/] [link=https://evil.example]z[/link] [/]"


def test_markup_and_direction_controls_in_the_terminal(tmp_path: Path) -> None:
    db = tmp_path / "roadmap.db"
    assert run(db, "init", "--plan", f"Plan {MARKUP}").exit_code == 0
    path = tmp_path / "items.csv"
    path.write_text(f"key,title,team\nA,{MARKUP},{SPOOF}\nB,{SPOOF},\n")
    imported = run(db, "import", str(path))
    assert imported.exit_code == 0, imported.output
    assert "team raporttigpj-exe: Raportti<U+202E>gpj.exe" in imported.stdout
    for args in (["plan"], ["summary"], []):
        result = run(db, *args)
        assert result.exit_code == 0, (args, result.output)
        assert "\u202e" not in result.stdout
    wide = CliRunner().invoke(cli, ["--db", str(db), "plan"], env={"COLUMNS": "200"})
    shown = wide.stdout
    assert "[bold red]x[/]" in shown and "[link=https://evil.example]z" in shown
    assert "Raportti<U+202E>gpj.exe" in shown
    assert f"Plan {MARKUP}" in run(db, "summary").stdout
    checked = run(db, "check")
    assert "item B: title holds direction control characters (U+202E)" in checked.stdout
    assert "team raporttigpj-exe: name holds direction control characters" in checked.stdout
    assert "\u202e" not in checked.stdout
    exported = tmp_path / "plan.yaml"
    assert run(db, "export-data", "-o", str(exported)).exit_code == 0
    from_file = run(db, "check", str(exported)).stdout.splitlines()
    stored = checked.stdout.splitlines()
    assert from_file[:-1] == stored[:-1]


def test_the_app_shows_direction_controls() -> None:
    from roadmap.tui.widgets.grid import printable

    assert printable(SPOOF + "\n") == "Raportti<U+202E>gpj.exe?"


def test_line_breaks_and_tables_of_descriptions_reach_the_documents(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    path = tmp_path / "kuvaukset.csv"
    description = "Ensin kartoitus.\nSitten päätös.\n\n| Vuosi | Euroa |\n|---|---|\n| 2027 | 10 |"
    path.write_text('Tunnus;Nimi;Kuvaus\nK-1;Kartoitus;"' + description + '"\n')
    assert run(db, "import", str(path), "--plan", "perheet").exit_code == 0
    assert plan_of(db, "perheet").items[0].description == description
    out = tmp_path / "out"
    assert run(db, "export", "md", "html", "--lang", "fi", "-o", str(out)).exit_code == 0
    markdown = (out / "perheet.fi.md").read_text()
    assert "Ensin kartoitus.\\\nSitten päätös." in markdown
    assert "| Vuosi | Euroa |\n|---|---|\n| 2027 | 10 |" in markdown
    html = (out / "perheet.fi.html").read_text()
    assert "Ensin kartoitus.<br />\nSitten päätös." in html
    assert "<th>Vuosi</th>" in html and "<td>2027</td>" in html


def test_progress_shows_on_a_terminal_and_not_in_a_pipe(tmp_path: Path) -> None:
    from rich.console import Console

    from roadmap.cli.progress import progress

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    with progress("Luetaan [b]x.csv", 3000, console=console) as step:
        step(1000)
        console.file.flush()
    assert "Luetaan [b]x.csv" in out.getvalue()
    db = fresh(tmp_path)
    path = tmp_path / "hankkeet.csv"
    path.write_bytes(FINNISH.encode())
    piped = run(db, "import", str(path), "--plan", "perheet")
    assert piped.exit_code == 0
    assert "Reading" not in piped.output and "\x1b[" not in piped.output


def test_csv_header_below_title_rows() -> None:
    data = "Kehittämissalkku 2027;;\r\n;;\r\nTunnus;Nimi;Työmäärä\r\nA;Eka;1,5\r\n".encode()
    sheet = read_items_csv(data, name="s.csv")
    assert [(r.line, r.values) for r in sheet.rows] == [
        (4, {"key": "A", "title": "Eka", "effort": 1.5})
    ]


def test_problems_of_rows_validated_in_different_batches_come_in_file_order() -> None:
    n = 2 * BATCH + 10
    lines = [f"K{i};Rivi {i};1;{f'K{i - 1}' if i else ''}" for i in range(n)]
    lines[3] = "K3;Rivi 3;-1;K2"  # refused by the item model, first batch
    lines[BATCH + 5] = f"K{BATCH + 5};Rivi;1;NOPE"  # an unknown reference, second batch
    lines[n - 1] = f"K{n - 1};Rivi;2;K{n - 1}"  # depends on itself, last batch
    data = ("key;title;effort;depends_on\n" + "\n".join(lines) + "\n").encode()
    with pytest.raises(PlanFileError) as caught:
        import_sheet(empty_doc(), read_items_csv(data, name="b.csv"))
    assert caught.value.messages == [
        "b.csv:5 (K3): column 'effort': should be at least 0",
        f"b.csv:{BATCH + 7} (K{BATCH + 5}): column 'depends_on': unknown item 'NOPE'",
        f"b.csv:{n + 1} (K{n - 1}): column 'depends_on': K{n - 1} depends on itself",
    ]
    good = "\n".join(f"K{i};Rivi {i};1;{f'K{i - 1}' if i else ''}" for i in range(n))
    imported = import_sheet(
        empty_doc(), read_items_csv(f"key;title;effort;depends_on\n{good}\n".encode(), name="g.csv")
    )
    assert [item.key for item in imported.changed] == [f"K{i}" for i in range(n)]
    assert imported.changed[-1].depends_on == (f"K{n - 2}",)
