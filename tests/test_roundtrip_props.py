"""Generated plans survive export -> import into an empty database -> export byte for byte."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap.io.planfile import dump_json, dump_yaml, parse_plan
from roadmap.model.inputs import PlanDoc, check_references
from roadmap.model.storable import storage_problems
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan

MARKDOWN = st.text(alphabet=st.sampled_from(list("|#->*`[]\\ \n\t_!:'\"{}%@&ä€😀")), max_size=40)
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
TEXT = st.one_of(MARKDOWN, ANY_TEXT)
NAME = TEXT.filter(bool)
KEYS = st.lists(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,8}", fullmatch=True), unique=True, max_size=6
)
NUMBER = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
DATES = st.dates(min_value=date(1990, 1, 1))
OTHER_LANGUAGES = {"fi": ["sv", "en"], "sv": ["fi", "en"], "en": ["fi", "sv"]}


def some(draw: st.DrawFn, values: list[str], *, max_size: int = 3) -> list[str]:
    return draw(st.lists(st.sampled_from(values), unique=True, max_size=max_size)) if values else []


def maybe(draw: st.DrawFn, values: list[str]) -> str | None:
    return draw(st.none() | st.sampled_from(values)) if values else None


@st.composite
def plan_docs(draw: st.DrawFn) -> PlanDoc:
    default = draw(st.sampled_from(["fi", "sv", "en"]))
    others = some(draw, OTHER_LANGUAGES[default], max_size=2)

    def i18n(*fields: str) -> dict[str, dict[str, str]]:
        if not others or not draw(st.booleans()):
            return {}
        return {others[0]: {fields[0]: draw(TEXT)}}

    orgs = draw(KEYS)
    teams = draw(KEYS) if orgs else []
    criteria = draw(KEYS)
    needs = [f"N{i}" for i in range(draw(st.integers(0, 3)))]
    sources = draw(KEYS)
    items = draw(KEYS)
    data: dict[str, Any] = {
        "plan": {
            "name": draw(NAME),
            "slug": draw(st.none() | st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)),
            "default_language": default,
            "languages": [default, *others],
            "start_date": draw(DATES),
            "period_unit": draw(st.sampled_from(["day", "month", "quarter"])),
            "horizon": draw(st.integers(1, 40)),
            "scoring_method": draw(st.sampled_from(["weighted", "rice", "wsjf", "moscow"])),
            "i18n": i18n("name"),
        },
        "sections": [
            {"key": k, "title": draw(TEXT), "body": draw(TEXT), "i18n": i18n("body")}
            for k in draw(KEYS)
        ],
        "organisations": [{"key": k, "name": draw(NAME), "i18n": i18n("name")} for k in orgs],
        "teams": [
            {
                "key": k,
                "organisation": draw(st.sampled_from(orgs)),
                "name": draw(NAME),
                "capacity": draw(NUMBER),
                "capacity_changes": [
                    {"from_period": n, "capacity": draw(NUMBER)}
                    for n in draw(st.lists(st.integers(0, 30), unique=True, max_size=2))
                ],
            }
            for k in teams
        ],
        "sources": [
            {"key": k, "name": draw(NAME), "organisation": maybe(draw, orgs), "holds": draw(TEXT)}
            for k in sources
        ],
        "stakeholders": [
            {
                "key": "SH",
                "name": draw(NAME),
                "needs": [{"key": n, "text": draw(NAME), "importance": 5} for n in needs],
                "sources": [{"source": s, "has_access": True} for s in sources[:1]],
            }
        ]
        if needs
        else [],
        "criteria": [
            {"key": k, "name": draw(NAME), "weight": draw(NUMBER), "workshop": draw(st.booleans())}
            for k in criteria
        ],
        "items": [],
    }
    for i, key in enumerate(items):
        hard = some(draw, items[:i])
        data["items"].append(
            {
                "key": key,
                "title": draw(NAME),
                "description": draw(TEXT),
                "team": maybe(draw, teams),
                "organisation": maybe(draw, orgs),
                "status": draw(st.sampled_from(["idea", "planned", "done"])),
                "effort": draw(NUMBER),
                "moscow": draw(st.none() | st.sampled_from(["must", "wont"])),
                "confidence": draw(st.floats(0, 1)),
                "reach": draw(st.none() | NUMBER),
                "mandatory": draw(st.booleans()),
                "pinned_period": draw(st.none() | st.integers(0, 40)),
                "deadline": draw(st.none() | DATES),
                "duration": draw(st.none() | st.integers(1, 12)),
                "max_share": draw(st.none() | st.sampled_from([0.25, 0.5, 1.0])),
                "lags": {k: draw(st.integers(1, 3)) for k in some(draw, hard)},
                "tags": draw(
                    st.lists(NAME.filter(lambda t: len(t) <= 100), unique=True, max_size=3)
                ),
                "scores": {c: draw(NUMBER) for c in some(draw, criteria)},
                "needs": some(draw, needs),
                "sources": some(draw, sources),
                "organisations": some(draw, orgs),
                "depends_on": hard,
                "soft_depends_on": some(draw, [k for k in items[:i] if k not in hard]),
                "i18n": i18n("title"),
            }
        )
    milestone = next(k for k in ("M", "M-1", "M-2") if k not in items)  # not an item's key
    data["milestones"] = [
        {"key": milestone, "name": draw(NAME), "date": draw(DATES), "items": some(draw, items),
         "deadline": draw(st.booleans())}
    ]  # fmt: skip
    data["scenarios"] = [
        {"key": "S", "name": draw(NAME), "capacities": {t: draw(NUMBER) for t in some(draw, teams)},
         "pins": {k: draw(st.none() | st.integers(0, 40)) for k in some(draw, items)}}
    ] if draw(st.booleans()) else []  # fmt: skip
    doc = PlanDoc.model_validate(data)
    assert not check_references(doc) and not storage_problems(doc)
    return doc


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty database to copy for each example."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    Store.open(path).close()
    return path


@pytest.fixture
def fresh(empty_db: Path, tmp_path: Path) -> Iterator:
    counter = iter(range(10**6))

    def open_copy() -> Store:
        path = tmp_path / f"db{next(counter)}.db"
        shutil.copy(empty_db, path)
        return Store.open(path)

    yield open_copy


def stored_and_read(store: Store, doc: PlanDoc) -> PlanDoc:
    with store.write() as session:
        plan_id = write_plan(session=session, doc=doc).id
    with store.read() as session:
        back = read_plan(session=session, plan_id=plan_id)
    store.close()
    return back


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=plan_docs())
def test_export_import_export_is_identical(fmt: str, doc: PlanDoc, fresh) -> None:
    dump = dump_yaml if fmt == "yaml" else dump_json
    stored = stored_and_read(fresh(), doc)
    exported = dump(stored).encode()
    parsed = parse_plan(exported, name=f"plan.{fmt}", fmt=fmt)
    assert parsed == stored
    again = stored_and_read(fresh(), parsed)
    assert dump(again).encode() == exported
    assert again == stored
