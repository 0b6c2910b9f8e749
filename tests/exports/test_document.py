"""The Markdown document: sections, wording per language, fallbacks, structure and safety."""

from __future__ import annotations

from datetime import date

import pytest
from markdown_it import MarkdownIt

from roadmap.i18n.catalogs import read_catalog
from roadmap.i18n.lang import Lang
from roadmap.io.document import build
from roadmap.io.export import render
from roadmap.io.mdsafe import block

from .checks import markdown_problems, strip_front_matter
from .plans import attack_plan, rich_plan, simple_roadmap

DAY = date(2027, 1, 4)
LANGS = ["fi", "sv", "en"]


def catalog_texts(lang: str) -> set[str]:
    """Every translated message of ``lang``, as headings and table headers may use them."""
    return {m.string for m in read_catalog(lang) if m.id and isinstance(m.string, str)}


def expected_headings(doc, lang: str) -> set[str]:
    """Headings a document of ``doc`` may have: fixed wording, names and item references."""
    l10n = Lang(lang)
    cal_periods = {l10n.period(_cal(doc), i) for i in range(-4, 60)}
    texts = set(catalog_texts(lang)) | cal_periods

    def variants(row, field):
        return [getattr(row, field), *(t.get(field, "") for t in row.i18n.values())]

    rows = [(doc.plan, "name"), *((s, "title") for s in doc.sections)]
    rows += [(t, "name") for t in doc.themes]
    for row, field in rows:
        texts.update(variants(row, field))
    for item in doc.items:
        texts.update(f"{title} ({item.key})" for title in variants(item, "title"))
    md = MarkdownIt("commonmark")
    for section in doc.sections:
        for body in variants(section, "body"):
            tokens = md.parse(body)
            texts.update(
                tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"
            )
    return {" ".join(t.split()) for t in texts}


def _cal(doc):
    from roadmap.model.periods import Calendar

    return Calendar(doc.plan.start_date, doc.plan.period_unit)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("make", [rich_plan, attack_plan], ids=["rich", "attack"])
def test_markdown_structure_and_safety(make, lang: str) -> None:
    doc = make()
    text = render("md", doc, simple_roadmap(doc), lang, generated=DAY).decode()
    problems = markdown_problems(text, expected_headings(doc, lang), catalog_texts(lang))
    assert problems == []


def test_sections_in_order_with_translations() -> None:
    doc = rich_plan()
    text = build(doc, simple_roadmap(doc), "en", generated=DAY).markdown
    order = [
        "# Client information roadmap",
        "## Background",
        "## Method",
        "## Current state",
        "## Stakeholders and their needs",
        "## Visio †",
        "## Riskit †",
        "## Themes",
        "## Prioritisation",
        "## Roadmap by period",
        "## Diagrams",
        "## Information sources",
        "## Appendix: development items",
    ]
    found = [text.index(f"\n{h}") for h in order]
    assert found == sorted(found)
    assert "Shared client view (A1)" in text
    assert "Suostumusten hallinta † (A2)" in text, "a missing translation is marked"
    assert "† Not yet translated; shown in the original language (Finnish)." in text


def test_default_language_has_no_fallback_marks() -> None:
    doc = rich_plan()
    text = build(doc, simple_roadmap(doc), "fi", generated=DAY).markdown
    assert "†" not in text
    assert "## Tiekartta jaksoittain" in text and "### Q2/2027" in text
    assert "1.4.2027 – 30.6.2027" in text


def test_front_matter_and_generated_date() -> None:
    doc = rich_plan()
    front, _ = strip_front_matter(build(doc, simple_roadmap(doc), "sv", generated=DAY).markdown)
    assert front.splitlines()[:4] == [
        'title: "Färdplan för klientinformation"',
        'plan: "asiakastieto"',
        'language: "sv"',
        'generated: "2027-01-04"',
    ]


def test_open_needs_gaps_and_warnings_are_named() -> None:
    doc = rich_plan()
    text = build(doc, simple_roadmap(doc), "en", generated=DAY).markdown
    assert "- Yhteystiedot † (Nuorisotyö †)" in text.split("### Open needs")[1]
    gaps = text.split("### Access gaps")[1].split("##")[0]
    assert "Sosiaalityö † cannot reach Kanta †" in gaps
    assert "after its deadline 31 Mar 2027" in text


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "ics"])
def test_same_data_gives_identical_bytes(fmt: str) -> None:
    first = render(fmt, rich_plan(), simple_roadmap(rich_plan()), "fi", generated=DAY)
    again = render(fmt, rich_plan(), simple_roadmap(rich_plan()), "fi", generated=DAY)
    assert first == again


def test_section_body_headings_never_skip_a_level() -> None:
    text = block("#### deep\n\ntext\n\n# top\n\n###### deeper", heading_base=2)
    assert [line.split(" ")[0] for line in text.split("\n") if line.startswith("#")] == [
        "###",
        "###",
        "####",
    ]


def test_markdown_checks_catch_what_they_look_for() -> None:
    bad = "\n".join(
        [
            "---",
            'title: "x"',
            "---",
            "",
            "# Title",
            "",
            "## Sneaky",
            "",
            "<b>raw</b>",
            "",
            "| A | B |",
            "|---|---|",
            "| 1 | 2 | 3 |",
            "",
            "[x](javascript:alert(1))",
            "",
            "```mermaid",
            'n1["a"] --> click',
            "```",
        ]
    )
    found = markdown_problems(bad, {"Title"}, {"A", "B"})
    for fragment in ("heading h2 'Sneaky'", "raw HTML", "different widths", "unsafe Mermaid"):
        assert any(fragment in p for p in found), fragment


def test_adjacent_lists_stay_apart() -> None:
    """A user's list never merges with the document's list before it, nor with its neighbour."""
    text = "- document item\n\n" + block("- a\n\n* b\n\n1. c\n\n2) d")
    kinds = [t.type for t in MarkdownIt("commonmark").parse(text) if t.type.endswith("list_open")]
    assert kinds == ["bullet_list_open"] * 3 + ["ordered_list_open"] * 2


def test_links_are_shown_in_plan_order_whatever_order_they_are_stored_in() -> None:
    doc = rich_plan()
    shuffled = doc.model_copy(deep=True)
    shuffled.items[0].needs = ("n2", "n1")
    doc.items[0].needs = ("n1", "n2")
    shuffled.stakeholders[0].sources.reverse()
    roadmap = simple_roadmap(doc)
    assert (
        build(doc, roadmap, "en", generated=DAY).markdown.split("\n---\n", 1)[1]
        == (build(shuffled, roadmap, "en", generated=DAY).markdown.split("\n---\n", 1)[1])
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ["Tiimi vaihtui", "tiimi Digikehitys → Sosiaalipalvelut", "työmäärä"]),
        ("sv", ["team Digikehitys → Sosiaalipalvelut", "arbetsinsats"]),
    ],
)
def test_a_change_of_team_or_effort_says_what_changed(lang: str, words: list[str]) -> None:
    import dataclasses

    from roadmap.engine.baseline import diff

    doc = rich_plan()
    plain = simple_roadmap(doc)
    a1 = plain.placements["A1"]

    def placed(team: str, effort: float):
        a = dataclasses.replace(a1, team=team, load=((a1.start, effort),))
        return dataclasses.replace(plain, placements={**plain.placements, "A1": a})

    before, now = placed("dev", 2.0), placed("soc", 3.0)
    changes = diff(before, now)
    assert [c.kind for c in changes] == ["team"]
    text = build(doc, now, lang, generated=DAY, baseline="v1", changes=changes).markdown
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("## ") and "v1" in line)
    section = "\n".join(lines[head : head + 6])  # the heading and the table of changes
    for word in words:
        assert word in section
    assert "->" not in section and "dev" not in section
