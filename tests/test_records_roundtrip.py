"""Evidence, people, goals, measures, maturity and progress survive export -> import ->
export byte for byte, and plan files of the older format still read."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import test_roundtrip_props as base
from roadmap.io.planfile import PlanFileError, dump_json, dump_yaml, parse_plan
from roadmap.model.inputs import PlanDoc, check_references
from roadmap.model.storable import storage_problems

empty_db, fresh = base.empty_db, base.fresh
TEXT, NAME, DATES, some, maybe = base.TEXT, base.NAME, base.DATES, base.some, base.maybe
VALUE = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def plans_with_records(draw: st.DrawFn) -> PlanDoc:
    """A generated plan with every kind of record, referring to its rows."""
    data: dict[str, Any] = draw(base.plan_docs()).model_dump()
    items = [x["key"] for x in data["items"]]
    needs = [n["key"] for s in data["stakeholders"] for n in s["needs"]]
    holders = [s["key"] for s in data["stakeholders"]]
    themes = [x["key"] for x in data["themes"]]
    sources = [x["key"] for x in data["sources"]]
    orgs = [x["key"] for x in data["organisations"]]
    people = draw(base.KEYS)
    others = data["plan"]["languages"][1:]

    def i18n(field: str) -> dict:
        return {others[0]: {field: draw(TEXT)}} if others and draw(st.booleans()) else {}

    data["plan"]["personal_names"] = draw(st.booleans())
    data["plan"]["responsible"] = maybe(draw, people)
    data["people"] = [
        {
            "key": k,
            "name": draw(TEXT),
            "role": draw(TEXT),
            "organisation": maybe(draw, orgs),
            "i18n": i18n("role"),
        }
        for k in people
    ]
    data["evidence"] = [
        {
            "key": k,
            "method": draw(
                st.sampled_from(["interview", "workshop", "survey", "document", "data"])
            ),
            "date": draw(DATES),
            "stakeholder": maybe(draw, holders),
            "person": maybe(draw, people),
            "recorded_by": maybe(draw, people),
            "summary": draw(TEXT),
            "quote": draw(TEXT),
            "personal": draw(st.booleans()),
            "needs": some(draw, needs),
            "i18n": i18n("summary"),
        }
        for k in draw(base.KEYS)
    ]
    measure_keys = iter(f"M{n}" for n in range(100))

    def point() -> dict | None:
        return draw(st.none() | st.fixed_dictionaries({"value": VALUE, "date": DATES}))

    data["goals"] = [
        {
            "key": k,
            "text": draw(NAME),
            "owner": maybe(draw, people),
            "items": some(draw, items),
            "themes": some(draw, themes),
            "measures": [
                {
                    "key": next(measure_keys),
                    "name": draw(NAME),
                    "unit": draw(TEXT),
                    "source": maybe(draw, sources),
                    "baseline": point(),
                    "target": point(),
                    "values": [
                        {"date": draw(DATES), "value": draw(VALUE), "note": draw(TEXT)}
                        for _ in range(draw(st.integers(0, 3)))
                    ],
                    "i18n": i18n("unit"),
                }
                for _ in range(draw(st.integers(0, 2)))
            ],
            "i18n": i18n("text"),
        }
        for k in draw(base.KEYS)
    ]
    data["perspectives"] = [
        {
            "key": k,
            "name": draw(NAME),
            "levels": [draw(TEXT) for _ in range(5)],
            "start": draw(st.none() | st.integers(1, 5)),
            "start_evidence": draw(TEXT),
            "target": draw(st.none() | st.integers(1, 5)),
            "target_year": draw(st.none() | st.integers(2000, 2100)),
            "items": some(draw, items),
            "i18n": i18n("level_3"),
        }
        for k in draw(base.KEYS)
    ]
    data["progress"] = [
        {
            "item": key,
            "responsible": maybe(draw, people),
            "updates": [
                {
                    "date": draw(DATES),
                    "status": draw(st.sampled_from(["planned", "in_progress", "done"])),
                    "done": draw(st.floats(0, 1)),
                    "health": draw(st.sampled_from(["on_track", "at_risk", "off_track"])),
                    "note": draw(TEXT),
                }
                for _ in range(draw(st.integers(0, 3)))
            ],
        }
        for key in some(draw, items)
    ]
    doc = PlanDoc.model_validate(data)
    assert not check_references(doc) and not storage_problems(doc)
    return doc


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=plans_with_records())
def test_records_export_import_export_is_identical(fmt: str, doc: PlanDoc, fresh) -> None:
    dump = dump_yaml if fmt == "yaml" else dump_json
    stored = base.stored_and_read(fresh(), doc)
    assert stored.people == doc.people
    assert [(g.key, sorted(g.items), g.measures) for g in stored.goals] == [
        (g.key, sorted(g.items), g.measures) for g in doc.goals
    ]
    assert stored.plan.personal_names == doc.plan.personal_names
    assert stored.plan.responsible == doc.plan.responsible
    assert len(stored.evidence) == len(doc.evidence)
    assert len(stored.progress) == len(doc.progress)
    exported = dump(stored).encode()
    parsed = parse_plan(exported, name=f"plan.{fmt}", fmt=fmt)
    assert parsed == stored
    again = base.stored_and_read(fresh(), parsed)
    assert dump(again).encode() == exported
    assert again == stored


V1 = b"""format: roadmap/1
plan: {name: Old, start_date: 2027-01-01}
items:
- {key: A, title: First}
"""


def test_a_roadmap_1_file_reads_and_is_written_as_roadmap_2() -> None:
    doc = parse_plan(V1, name="old.yaml", fmt="yaml")
    assert [item.key for item in doc.items] == ["A"]
    assert dump_yaml(doc).startswith("format: roadmap/2\n")
    assert dump_json(doc).count('"format"') == 1


def test_a_roadmap_1_file_may_not_hold_the_newer_records() -> None:
    text = V1 + b"people:\n- {key: p, role: Lead}\n"
    with pytest.raises(PlanFileError) as caught:
        parse_plan(
            text.replace(b"name: Old", b"name: Old, personal_names: true"),
            name="old.yaml",
            fmt="yaml",
        )
    why = "needs format roadmap/2 (this file says roadmap/1)"
    assert caught.value.messages == [
        f"old.yaml:2: plan.personal_names: personal_names {why}",
        f"old.yaml:5: people: people {why}",
    ]


def test_every_broken_record_reference_is_named_at_once() -> None:
    text = b"""format: roadmap/2
plan: {name: P, start_date: 2027-01-01, responsible: nobody}
items:
- {key: A, title: First}
evidence:
- {key: E1, method: interview, date: 2026-10-01, stakeholder: X, needs: [N9]}
- {key: E1, method: chat, date: 2026-10-02}
goals:
- key: G
  text: Goal
  items: [A, A, B]
  measures: [{key: M, name: Share, source: S}]
perspectives:
- {key: P, name: Data, levels: [a, b, c, d]}
progress:
- {item: A, updates: [{date: 2027-01-01, done: 2, health: fine}]}
"""
    found = "\n".join(messages(text))
    for expected in (
        "p.yaml:7: evidence[1] (E1).method: should be one of 'interview', 'workshop', 'survey',",
        "p.yaml:14: perspectives[0] (P).levels: should have at least 5 entries",
        "p.yaml:16: progress[0].updates[0].done: should be at most 1",
        "progress[0].updates[0].health: should be one of 'on_track', 'at_risk' or 'off_track'",
    ):
        assert expected in found


def test_broken_record_references_are_all_named_with_their_lines() -> None:
    text = b"""format: roadmap/2
plan: {name: P, start_date: 2027-01-01, responsible: nobody}
items:
- {key: A, title: First}
evidence:
- {key: E1, method: interview, date: 2026-10-01, stakeholder: X, needs: [N9]}
- {key: E1, method: survey, date: 2026-10-02}
goals:
- key: G
  text: Goal
  items: [A, A, B]
  measures: [{key: M, name: Share, source: S}]
"""
    assert messages(text) == [
        "p.yaml:2: plan.responsible: unknown person 'nobody'",
        "p.yaml:6: evidence[0] (E1).stakeholder: unknown stakeholder 'X'",
        "p.yaml:6: evidence[0] (E1).needs[0]: unknown need 'N9'",
        "p.yaml:7: evidence[1] (E1).key: duplicate evidence key 'E1'",
        "p.yaml:11: goals[0] (G).items[1]: 'A' is listed twice",
        "p.yaml:11: goals[0] (G).items[2]: unknown item 'B'",
        "p.yaml:12: goals[0] (G).measures[0] (M).source: unknown source 'S'",
    ]


def messages(text: bytes) -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        parse_plan(text, name="p.yaml", fmt="yaml")
    return caught.value.messages


def test_broken_records_are_named_in_the_readers_language() -> None:
    from roadmap.i18n import set_language

    text = b"""format: roadmap/2
plan: {name: P, start_date: 2027-01-01, responsible: nobody}
items:
- {key: A, title: First}
evidence:
- {key: E1, method: interview, date: 2026-10-01, stakeholder: X}
- {key: E1, method: survey, date: 2026-10-02}
goals:
- {key: G, text: Goal, items: [A, A]}
progress:
- {item: A}
- {item: A}
"""
    set_language("fi")
    assert messages(text) == [
        "p.yaml:2: plan.responsible: tuntematon henkilö 'nobody'",
        "p.yaml:6: evidence[0] (E1).stakeholder: tuntematon sidosryhmä 'X'",
        "p.yaml:7: evidence[1] (E1).key: toistuva tunnus 'E1' (näyttö)",
        "p.yaml:9: goals[0] (G).items[1]: 'A' on luettelossa kahdesti",
        "p.yaml:12: progress[1].item: kohteen 'A' edistyminen on kirjattu kahdesti",
    ]
    set_language("sv")
    old = V1 + b"people:\n- {key: p, role: Lead}\n"
    with pytest.raises(PlanFileError) as caught:
        parse_plan(old, name="old.yaml", fmt="yaml")
    assert caught.value.messages == [
        "old.yaml:5: people: people kräver formatet roadmap/2 (den här filen anger roadmap/1)"
    ]
