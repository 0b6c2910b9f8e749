"""`roadmap check` says what it finds in the reader's language, from a plan file and from a
stored plan alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap.cli import cli

PLAN = """\
plan: {name: P, start_date: 2027-01-01, languages: [fi, en]}
organisations: [{key: city, name: Kaupunki, i18n: {en: {name: City}}}]
teams: [{key: t, organisation: city, name: Tiimi}]
items:
- {key: A, title: Kohde A, organisation: city, team: t, deadline: 2027-02-01,
   earliest_start: 2027-03-01, i18n: {en: {title: Item A}}}
- {key: B, title: Kohde B, organisation: city, i18n: {en: {title: Item B}}}
"""

WORDS = {
    "fi": [
        "virhe: kohde A: määräaika 2027-02-01 on ennen aikaisinta alkua 2027-03-01",
        "varoitus: kohde B: ei tiimiä",
        "varoitus: organisaatio city: ei käännöstä kielelle en: name",
    ],
    "sv": [
        "fel: objekt A: tidsfristen 2027-02-01 är före den tidigaste starten 2027-03-01",
        "varning: objekt B: har inget team",
    ],
    "en": [
        "error: item A: deadline 2027-02-01 is before its earliest start 2027-03-01",
        "warning: item B: has no team",
    ],
}


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_findings_speak_the_chosen_language(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("name: City}}}", "name: ''}}}"), encoding="utf-8")
    runner = CliRunner()
    from_file = runner.invoke(cli, ["--lang", lang, "check", str(path)]).output
    db = str(tmp_path / "plan.db")
    assert runner.invoke(cli, ["--db", db, "import", str(path)]).exit_code == 0, "imported"
    stored = runner.invoke(cli, ["--db", db, "--lang", lang, "check"]).output
    for words in WORDS[lang]:
        assert words in from_file and words in stored, words


def test_broken_references_are_named_in_the_chosen_language(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "plan: {name: P, start_date: 2027-01-01}\n"
        "items:\n- {key: A, title: a, depends_on: [X, A]}\n- {key: A, title: b}\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(cli, ["--lang", "fi", "check", str(path)]).output
    assert "items[0] (A).depends_on[0]: tuntematon kohde 'X'" in out
    assert "A riippuu itsestään" in out
    assert "toistuva tunnus 'A' (kohde)" in out
