"""The documents' scenario section: each what-if compared with the plan, in words and a table,
in Finnish, Swedish and English, its user text escaped."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from roadmap.engine.from_doc import snapshot_of
from roadmap.engine.sequence import sequence
from roadmap.io.export import render
from roadmap.model.inputs import PlanDoc

DAY = date(2027, 1, 4)


def _plan(**changes: Any) -> PlanDoc:
    doc: dict[str, Any] = {
        "plan": {"name": "What if", "slug": "whatif", "start_date": "2027-01-01",
                 "languages": ["fi", "sv", "en"], "default_language": "en"},
        "organisations": [{"key": "O", "name": "Org"}],
        "teams": [{"key": "dev", "organisation": "O", "name": "Developers", "capacity": 1}],
        "criteria": [{"key": "value", "name": "Value", "scale": "0-10"}],
        "items": [
            {"key": "A", "title": "Survey", "team": "dev", "effort": 2, "scores": {"value": 9}},
            {"key": "B", "title": "Portal", "team": "dev", "effort": 1, "scores": {"value": 5},
             "deadline": "2027-06-30"},
            {"key": "C", "title": "Training", "team": "dev", "effort": 1, "scores": {"value": 2}},
        ],
        "scenarios": [
            {"key": "portal-first", "name": "Portal <b>first</b> | *now*",
             "description": "If the council <script>x</script> asks", "priorities": {"B": 100},
             "efforts": {"A": 3}, "pins": {"C": "2027-Q4"}},
        ],
    }  # fmt: skip
    doc.update(changes)
    return PlanDoc.model_validate(doc)


def _render(fmt: str, doc: PlanDoc, lang: str) -> str:
    return render(fmt, doc, sequence(snapshot_of(doc)), lang, generated=DAY).decode()


def test_the_markdown_section_compares_the_scenario_with_the_plan() -> None:
    text = _render("md", _plan(), "en")
    section = text[text.index("## Scenarios") :]
    assert "### Portal <b>first</b> | *now*" not in section  # escaped, not taken as markup
    assert r"\*now\*" in section and r"\|" in section
    assert "- The roadmap ends 1 period later: it takes 5 periods instead of 4." in section
    assert "- Deadlines missed: 0 (before: 1)." in section
    assert "- Met now, missed before: Portal (B)." in section
    assert "- Items moved: 1 item starts earlier, 1 item starts later." in section
    assert "| Moved earlier | Portal (B) | 2027 Q3 | 2027 Q1 |" in section
    assert "| Moved later | Survey (A) | 2027 Q1 | 2027 Q2 |" in section


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ("## Skenaariot", "Tiekartta päättyy 1 jakson myöhemmin",
                "Siirtyneet kohteet: 1 kohde alkaa aiemmin, 1 kohde alkaa myöhemmin.",
                "| Muutos | Kohde | Suunnitelmassa | Skenaariossa |")),
        ("sv", ("## Scenarier", "Färdplanen slutar 1 period senare",
                "Överskridna tidsfrister: 0 (förut: 1).", "| I planen | I scenariot |")),
    ],
)  # fmt: skip
def test_the_section_speaks_the_document_language(lang: str, words: tuple[str, ...]) -> None:
    text = _render("md", _plan(), lang)
    for phrase in words:
        assert phrase in text


def test_the_html_section_escapes_what_users_typed() -> None:
    text = _render("html", _plan(), "en")
    assert "<script>x</script>" not in text and "<b>first</b>" not in text
    assert "Portal &lt;b&gt;first&lt;/b&gt;" in text
    assert "If the council &lt;script&gt;x&lt;/script&gt; asks" in text
    assert "Met now, missed before: Portal (B)." in text


def test_a_plan_without_scenarios_has_no_such_section() -> None:
    for fmt in ("md", "html"):
        assert "Scenarios" not in _render(fmt, _plan(scenarios=[]), "en")
