"""What `roadmap check` finds in a plan."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from roadmap.model.check import ERROR, WARNING, check_plan
from roadmap.model.inputs import ItemIn, PlanDoc


def doc(**parts) -> PlanDoc:
    base = {
        "plan": {"name": "P", "start_date": "2027-01-01", "languages": ["fi", "en"]},
        "organisations": [{"key": "city", "name": "Kaupunki", "i18n": {"en": {"name": "City"}}}],
        "teams": [{"key": "t", "organisation": "city", "name": "Tiimi"}],
    }
    return PlanDoc.model_validate(base | parts)


def item(key: str, **extra) -> dict:
    return {
        "key": key,
        "title": f"Kohde {key}",
        "organisation": "city",
        "team": "t",
        "i18n": {"en": {"title": f"Item {key}"}},
        **extra,
    }


def test_clean_plan_has_no_findings() -> None:
    plan = doc(items=[item("A"), item("B", depends_on=["A"])])
    plan.plan.i18n = {"en": {"name": "P"}}
    assert check_plan(plan) == []


def test_cycle_is_an_error_listing_every_item() -> None:
    plan = doc(
        items=[
            item("A", depends_on=["C"]),
            item("B", depends_on=["A"]),
            item("C", depends_on=["B"]),
        ]
    )
    plan.plan.i18n = {"en": {"name": "P"}}
    [finding] = check_plan(plan)
    assert finding.severity == ERROR
    assert finding.subject.startswith("item ")
    for key in "ABC":
        assert key in finding.message
    assert finding.message.count("->") == 3


def test_deadline_before_earliest_start() -> None:
    plan = doc(items=[item("A", earliest_start="2027-06-01", deadline="2027-03-01")])
    plan.plan.i18n = {"en": {"name": "P"}}
    [finding] = check_plan(plan)
    assert (finding.severity, finding.subject) == (ERROR, "item A")
    assert "2027-03-01" in finding.message and "2027-06-01" in finding.message


def test_gaps_and_open_needs_and_translations_are_warnings() -> None:
    plan = doc(
        stakeholders=[
            {
                "key": "school",
                "name": "Koulu",
                "i18n": {"en": {"name": "School"}},
                "needs": [
                    {"key": "N1", "text": "Tieto", "i18n": {"en": {"text": "Data"}}},
                    {"key": "N2", "text": "Avoin"},
                ],
            }
        ],
        items=[
            item("A", needs=["N1"]),
            {"key": "B", "title": "Ilman tiimiä", "i18n": {"en": {"title": "No team"}}},
            {"key": "C", "title": "Valmis", "status": "done", "i18n": {"en": {"title": "Done"}}},
        ],
    )
    found = {(f.severity, f.subject, f.message) for f in check_plan(plan)}
    assert (WARNING, "item B", "has no organisation and no team") in found
    assert not any(subject == "item C" for _, subject, _ in found)
    assert (WARNING, "need N2", "no item answers it (Koulu: Avoin)") in found
    assert (WARNING, "need N2", "no en translation of text") in found
    assert (WARNING, "plan", "no en translation of name") in found
    assert not any(subject == "need N1" for _, subject, _ in found)


def test_infinite_and_undefined_numbers_are_refused() -> None:
    for bad in ("inf", "nan"):
        with pytest.raises(ValidationError, match="effort"):
            ItemIn(key="A", title="a", effort=float(bad))
        with pytest.raises(ValidationError, match="scores"):
            ItemIn(key="A", title="a", scores={"value": float(bad)})
