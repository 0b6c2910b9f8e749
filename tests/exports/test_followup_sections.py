"""The document sections that trace priorities to evidence and follow the roadmap up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from roadmap.io.export import FORMATS, render

from .test_golden import _demo

DAY = date(2027, 1, 4)
NAMES = ("Maija Esimerkki", "Kalle Malli", "Aino Testinen", "Ville Kokeilu")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    return _demo(tmp_path_factory.mktemp("demo"))


def test_the_finnish_document_has_goals_measures_and_follow_up(demo) -> None:
    doc, roadmap = demo
    text = render("md", doc, roadmap, "fi", generated=DAY).decode()
    for heading in (
        "## Esipuhe",
        "## Tietopohja",
        "## Tavoitteet ja mittarit",
        "## Lähtö- ja tavoitetasot",
        "## Kohteista tarpeisiin ja tietopohjaan",
        "## Vastuuhenkilöt",
        "## Seuranta",
    ):
        assert heading in text
    assert (
        "| Tietovarastossa olevat keskeiset asiakastietolähteet | 22 % (30.11.2026) "
        "| 80 % (31.12.2028) | 44 % (30.9.2027) |"
    ) in text
    assert "| Lahden varhaiskasvatus | 1 haastattelu | 8.9.2026 |" in text
    assert "| Yhteiset käsitteet ja laskentasäännöt (CI-7) | käynnissä | 25 % | jäljessä |" in text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_no_export_prints_names_or_what_was_said_unless_allowed(demo, fmt: str, lang: str) -> None:
    doc, roadmap = demo
    text = render(fmt, doc, roadmap, lang, generated=DAY).decode()
    for name in NAMES:
        assert name not in text
    for ev in doc.evidence:
        assert ev.summary not in text


def test_names_are_shown_where_the_plan_allows_them(demo) -> None:
    doc, roadmap = demo
    named = doc.model_copy(update={"plan": doc.plan.model_copy(update={"personal_names": True})})
    text = render("md", named, roadmap, "en", generated=DAY).decode()
    assert "| The roadmap as a whole | Maija Esimerkki (Project manager, City of Lahti) |" in text
    assert "the plan does not publish names" not in text


def test_the_html_draws_levels_and_trends_beside_their_tables(demo) -> None:
    doc, roadmap = demo
    text = render("html", doc, roadmap, "en", generated=DAY).decode()
    assert "<title>Starting and target levels</title>" in text
    assert text.count("<title>Trend of ") == 4
    assert (
        "<title>Trend of Key client information sources in the data warehouse: 22 to 44</title>"
        in text
    )


def test_a_plan_without_records_has_none_of_these_sections(tmp_path: Path) -> None:
    from roadmap.engine.from_doc import snapshot_of
    from roadmap.engine.sequence import sequence
    from roadmap.model.inputs import PlanDoc

    doc = PlanDoc.model_validate(
        {"plan": {"name": "P", "start_date": "2027-01-01"}, "items": [{"key": "A", "title": "A"}]}
    )
    text = render("md", doc, sequence(snapshot_of(doc)), "en", generated=DAY).decode()
    for heading in ("Foreword", "Evidence base", "Goals and measures", "Follow-up"):
        assert f"## {heading}" not in text


def test_the_follow_up_report_is_exported_on_its_own(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from roadmap.cli import cli

    db = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "demo"]).exit_code == 0
    saved = runner.invoke(cli, ["--db", str(db), "baseline", "save", "approved"])
    assert saved.exit_code == 0, saved.output
    args = ["--db", str(db), "export", "follow-up", "--lang", "fi", "--baseline", "approved"]
    result = runner.invoke(cli, [*args, "-o", str(tmp_path), "--date", "2027-04-01"])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "lahti-asikkala.follow-up.fi.md").read_text(encoding="utf-8")
    html = (tmp_path / "lahti-asikkala.follow-up.fi.html").read_text(encoding="utf-8")
    assert "# Seuranta: Asiakastiedolla johtaminen Lahdessa ja Asikkalassa" in md
    assert "Tiekartan omistaja: Projektipäällikkö, Lahden kaupunki" in md
    assert "### Käynnissä olevat kohteet" in md and "## Tavoitteet ja mittarit" in md
    assert "## Prioriteetit" not in md and "Liite" not in md
    assert html.count("<h1") == 1 and "<svg" in html
    assert "Maija Esimerkki" not in md + html
