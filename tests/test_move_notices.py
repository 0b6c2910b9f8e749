"""The notice of what a change moved words its periods as the reader writes them."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from roadmap.i18n import set_language
from roadmap.model.inputs import PlanDoc
from roadmap.services.planning import Sequenced, moves, sequenced
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan
from test_cli_plan import DOC


def _sequenced(path: Path, doc: dict) -> Sequenced:
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=PlanDoc.model_validate(doc))
    try:
        return sequenced(store, 1)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["B moved from 2027 Q3 to 2027 Q2.", "C moved from 2027 Q2 to 2027 Q3."]),
        ("fi", ["B siirtyi jaksolta Q3/2027 jaksolle Q2/2027.",
                "C siirtyi jaksolta Q2/2027 jaksolle Q3/2027."]),
    ],
)  # fmt: skip
def test_moves_are_told_with_worded_periods(tmp_path: Path, lang: str, expected: list) -> None:
    lower = copy.deepcopy(DOC)
    lower["items"][2]["scores"] = {"value": 1}  # C falls below B: B moves earlier, C later
    old = _sequenced(tmp_path / "old.db", DOC)
    new = _sequenced(tmp_path / "new.db", lower)
    set_language(lang)
    assert moves(old.roadmap, new.roadmap, new.snapshot.calendar, first="B") == expected


@pytest.mark.parametrize(
    ("lang", "worded"), [("en", "Kehitys in 2027 Q2: 4 planned"), ("fi", "Q2/2027")]
)
def test_overloads_are_told_with_worded_periods(lang: str, worded: str) -> None:
    from datetime import date

    from roadmap.model.periods import Calendar
    from roadmap.services.planning import overloads

    set_language(lang)
    told = overloads(
        {"dev": [(1, 2), (4, 2)]}, {"dev": "Kehitys"}, Calendar(date(2027, 1, 1), "quarter")
    )
    assert len(told) == 1 and worded in told[0] and "2027-Q" not in told[0]
