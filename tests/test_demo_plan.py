"""The built-in demo plan: valid, consistent and shaped like a plan people would really write."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
import yaml

from roadmap.model.inputs import PlanDoc, check_references, dependency_edges
from roadmap.model.periods import Calendar
from roadmap.model.tables import TRANSLATABLE_FIELDS

PLAN_FILE = Path(__file__).resolve().parent.parent / "data" / "demo" / "plan.yaml"


@pytest.fixture(scope="module")
def doc() -> PlanDoc:
    raw = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    return PlanDoc.model_validate(raw)


@pytest.fixture(scope="module")
def calendar(doc: PlanDoc) -> Calendar:
    return Calendar(doc.plan.start_date, doc.plan.period_unit)


def _capacities(doc: PlanDoc, calendar: Calendar) -> dict[str, list[float]]:
    """Capacity of each team in each period of the horizon."""
    out: dict[str, list[float]] = {}
    for team in doc.teams:
        per = [team.capacity] * doc.plan.horizon
        for change in sorted(team.capacity_changes, key=lambda c: calendar.parse(c.from_period)):
            start = calendar.parse(change.from_period)
            assert 0 < start < doc.plan.horizon, f"{team.key}: change outside the horizon"
            per[start:] = [change.capacity] * (doc.plan.horizon - start)
        out[team.key] = per
    return out


def test_plan_is_valid_and_references_resolve(doc: PlanDoc) -> None:
    problems = check_references(doc)
    assert problems == [], "\n".join(f"{p.where()}: {p.message}" for p in problems)


def test_plan_settings(doc: PlanDoc) -> None:
    plan = doc.plan
    assert plan.default_language == "fi"
    assert {"fi", "en"} <= set(plan.languages)
    assert plan.start_date == date(2027, 1, 1)
    assert (plan.period_unit, plan.horizon, plan.scoring_method) == ("quarter", 8, "weighted")


def test_sizes(doc: PlanDoc) -> None:
    assert 25 <= len(doc.items) <= 40
    assert 8 <= len(doc.stakeholders) <= 12
    assert 6 <= len(doc.sources) <= 10
    assert {o.key for o in doc.organisations} == {"lahti", "asikkala"}
    teams_per_org = defaultdict(int)
    for team in doc.teams:
        teams_per_org[team.organisation] += 1
    assert set(teams_per_org) == {"lahti", "asikkala"}
    assert all(2 <= n <= 3 for n in teams_per_org.values()), dict(teams_per_org)
    assert any(team.capacity_changes for team in doc.teams)
    assert 4 <= len(doc.themes) <= 5
    assert 3 <= len(doc.criteria) <= 5
    assert 3 <= len(doc.milestones) <= 4
    for sh in doc.stakeholders:
        assert 1 <= len(sh.needs) <= 3, sh.key
        assert sh.sources, f"{sh.key} names no information sources"


def test_sections_tell_the_whole_story(doc: PlanDoc) -> None:
    kinds = [s.kind for s in doc.sections]
    for kind in ("background", "method", "current_state", "vision"):
        assert kinds.count(kind) == 1, kind
    assert "custom" in kinds
    for section in doc.sections:
        assert section.title.strip() and section.body.strip(), section.key
    vision = next(s for s in doc.sections if s.kind == "vision")
    paragraphs = [p for p in vision.body.split("\n\n") if p.strip()]
    assert len(paragraphs) >= 4, "the vision should be a narrative of several paragraphs"


def _rows(doc: PlanDoc) -> list[tuple[str, str, object]]:
    """(table, label, row) for every row that carries reader-facing text."""
    rows: list[tuple[str, str, object]] = [("plan", "plan", doc.plan)]
    groups = (
        ("section", doc.sections),
        ("organisation", doc.organisations),
        ("theme", doc.themes),
        ("info_source", doc.sources),
        ("stakeholder", doc.stakeholders),
        ("criterion", doc.criteria),
        ("item", doc.items),
        ("milestone", doc.milestones),
    )
    for table, group in groups:
        rows.extend((table, f"{table} {row.key}", row) for row in group)
    for sh in doc.stakeholders:
        rows.extend(("need", f"need {need.key}", need) for need in sh.needs)
    return rows


def test_every_reader_facing_text_has_an_english_translation(doc: PlanDoc) -> None:
    missing = []
    for table, label, row in _rows(doc):
        english = row.i18n.get("en", {})
        for field in TRANSLATABLE_FIELDS[table]:
            if str(getattr(row, field)).strip() and not english.get(field, "").strip():
                missing.append(f"{label}.{field}")
    assert missing == []


def test_translations_are_not_copies_of_the_finnish_text(doc: PlanDoc) -> None:
    copies = []
    for _table, label, row in _rows(doc):
        for lang, fields in row.i18n.items():
            for field, text in fields.items():
                original = str(getattr(row, field))
                if len(original) > 30 and text.strip() == original.strip():
                    copies.append(f"{label}.{field} ({lang})")
    assert copies == []


def test_silos_are_visible(doc: PlanDoc) -> None:
    pairs = [(sh.key, a.source, a.has_access) for sh in doc.stakeholders for a in sh.sources]
    without = [p for p in pairs if not p[2]]
    assert len(without) >= 8, "several actors should lack access to sources they need"
    assert len(without) < len(pairs)
    # every source is needed by someone, and owners are named where the municipalities own it
    needed = {source for _, source, _ in pairs}
    assert needed == {s.key for s in doc.sources}
    for source in doc.sources:
        assert source.holds.strip() and source.access.strip(), source.key


def test_a_few_needs_are_left_open(doc: PlanDoc) -> None:
    answered = {need for item in doc.items for need in item.needs}
    needs = [n for sh in doc.stakeholders for n in sh.needs]
    open_needs = [n.key for n in needs if n.key not in answered]
    assert 1 <= len(open_needs) <= 2, open_needs
    assert all(1 <= n.importance <= 5 for n in needs)


def test_items_are_complete(doc: PlanDoc) -> None:
    scored = [c.key for c in doc.criteria if not c.workshop]
    workshop = [c.key for c in doc.criteria if c.workshop]
    assert len(workshop) == 1
    assert any(c.direction == "cost" for c in doc.criteria)
    team_org = {t.key: t.organisation for t in doc.teams}
    for item in doc.items:
        assert item.description.strip(), item.key
        assert item.theme and item.team and item.organisation and item.moscow, item.key
        assert team_org[item.team] == item.organisation, item.key
        assert 1 <= item.effort <= 12, item.key
        assert set(scored) <= set(item.scores), item.key
        assert all(1 <= v <= 5 for v in item.scores.values()), item.key
    with_workshop = sum(1 for item in doc.items if workshop[0] in item.scores)
    assert 0 < with_workshop < len(doc.items), "the workshop criterion is partly scored"
    assert sum(1 for item in doc.items if item.depends_on) >= 15
    assert sum(1 for item in doc.items if item.soft_depends_on) >= 5


def test_statuses_and_constraints(doc: PlanDoc, calendar: Calendar) -> None:
    statuses = [item.status for item in doc.items]
    assert 1 <= statuses.count("done") <= 2
    assert 2 <= statuses.count("in_progress") <= 5
    assert statuses.count("idea") + statuses.count("planned") >= len(statuses) * 0.7
    assert 1 <= sum(item.mandatory for item in doc.items) <= 2
    pinned = [item for item in doc.items if item.pinned_period is not None]
    assert len(pinned) == 1
    assert 0 <= calendar.parse(pinned[0].pinned_period) < doc.plan.horizon
    dated = [item for item in doc.items if item.earliest_start or item.deadline]
    assert len(dated) >= 2
    end = calendar.end_of(doc.plan.horizon - 1)
    for item in dated:
        for day in (item.earliest_start, item.deadline):
            assert day is None or doc.plan.start_date <= day <= end, item.key
    for ms in doc.milestones:
        assert date(2027, 1, 1) <= ms.date <= date(2028, 12, 31), ms.key
        assert ms.items, ms.key


def test_done_items_block_nothing_unfinished_before_them(doc: PlanDoc) -> None:
    status = {item.key: item.status for item in doc.items}
    for blocker, blocked, kind in dependency_edges(doc):
        assert status[blocker] != "dropped", (blocker, blocked)
        if status[blocked] in ("done", "in_progress"):
            assert status[blocker] == "done" or kind == "soft", (blocker, blocked)


def test_each_team_has_room_for_its_work(doc: PlanDoc, calendar: Calendar) -> None:
    capacity = _capacities(doc, calendar)
    load: dict[str, float] = defaultdict(float)
    for item in doc.items:
        if item.status not in ("done", "dropped"):
            load[item.team] += item.effort
    for team, per in capacity.items():
        assert load[team] <= 0.8 * sum(per), f"{team}: {load[team]} of {sum(per)}"


def test_longest_dependency_chain_fits_the_horizon(doc: PlanDoc, calendar: Calendar) -> None:
    """Even with each team working only on the chain, the hard chains end inside the horizon."""
    capacity = _capacities(doc, calendar)
    items = {item.key: item for item in doc.items if item.status != "done"}
    graph = nx.DiGraph()
    graph.add_nodes_from(items)
    graph.add_edges_from(
        (a, b) for a, b, kind in dependency_edges(doc) if kind == "hard" and a in items
    )
    finish: dict[str, int] = {}
    for key in nx.topological_sort(graph):
        item = items[key]
        start = max((finish[p] + 1 for p in graph.predecessors(key)), default=0)
        if item.earliest_start:
            start = max(start, calendar.index_of(item.earliest_start))
        if item.pinned_period is not None:
            start = max(start, calendar.parse(item.pinned_period))
        periods = math.ceil(item.effort / min(capacity[item.team]))
        finish[key] = start + periods - 1
        assert finish[key] < doc.plan.horizon, f"{key} cannot finish inside the horizon"
        if item.deadline:
            assert calendar.end_of(finish[key]) <= item.deadline, f"{key} misses its deadline"
