"""Plan documents for the import and export tests.

:func:`rich_plan` uses every part of the document format, written in the order the store gives
back (labels canonical, link lists in the order of what they point to), so that reading it back
gives an equal document.
"""

from __future__ import annotations

from typing import Any

from roadmap.model.inputs import PlanDoc


def rich_plan_data() -> dict[str, Any]:
    return {
        "format": "roadmap/2",
        "plan": {
            "name": "Lahti & Asikkala",
            "slug": "lahti",
            "default_language": "fi",
            "languages": ["fi", "en"],
            "start_date": "2027-02-10",
            "period_unit": "quarter",
            "horizon": 8,
            "scoring_method": "rice",
            "i18n": {"en": {"name": "Lahti and Asikkala"}},
        },
        "sections": [
            {
                "key": "vision",
                "kind": "vision",
                "title": "Visio",
                "body": "# Tavoite\n\n- tieto *liikkuu* | `x`\n",
                "i18n": {"en": {"title": "Vision"}},
            },
            {"key": "bg", "kind": "background", "title": "Tausta"},
        ],
        "organisations": [
            {"key": "LAHTI", "name": "Lahden kaupunki"},
            {"key": "ASIK", "name": "Asikkalan kunta", "i18n": {"en": {"name": "Asikkala"}}},
        ],
        "teams": [
            {
                "key": "DATA",
                "organisation": "LAHTI",
                "name": "Tietotiimi",
                "capacity": 4.0,
                "capacity_changes": [
                    {"from_period": "2027-Q3", "capacity": 6.0},
                    {"from_period": "2028-Q1", "capacity": 2.0},
                ],
            },
            {"key": "ICT", "organisation": "ASIK", "name": "ICT", "capacity": 2.5},
        ],
        "themes": [
            {"key": "AVAIL", "name": "Tiedon saatavuus", "description": "Kuka näkee mitä."},
            {"key": "QUAL", "name": "Laatu"},
        ],
        "sources": [
            {
                "key": "REG",
                "name": "Asiakasrekisteri",
                "organisation": "LAHTI",
                "holds": "Asiakkuudet",
                "access": "Sosiaalityö",
            },
            {"key": "PAPER", "name": "Paperiarkisto"},
        ],
        "stakeholders": [
            {
                "key": "SOC",
                "name": "Sosiaalityö",
                "organisation": "LAHTI",
                "description": "Aikuissosiaalityö",
                "needs": [
                    {"key": "N1", "text": "Näkee asiakkaan palvelut", "importance": 5},
                    {"key": "N2", "text": "Tietää yhteyshenkilön"},
                ],
                "sources": [{"source": "REG", "has_access": True}, {"source": "PAPER"}],
            },
            {"key": "CLIENT", "name": "Asiakas"},
        ],
        "criteria": [
            {"key": "impact", "name": "Vaikutus", "weight": 3.0},
            {
                "key": "cost",
                "name": "Kustannus",
                "direction": "cost",
                "scale": "0-10",
                "workshop": True,
            },
        ],
        "items": [
            {
                "key": "Z-1",
                "title": "Yhteinen asiakasnäkymä",
                "description": "Rivi 1\nRivi 2 with | pipe and # hash\n",
                "theme": "AVAIL",
                "organisation": "LAHTI",
                "team": "DATA",
                "status": "planned",
                "effort": 2.5,
                "moscow": "must",
                "confidence": 0.8,
                "reach": 100.0,
                "impact": 2.0,
                "cost_of_delay": 3.0,
                "mandatory": True,
                "pinned_period": "2027-Q4",
                "earliest_start": "2027-04-01",
                "deadline": "2028-06-30",
                "tags": ["data", "laki"],
                "scores": {"impact": 4.0, "cost": 2.0},
                "needs": ["N1", "N2"],
                "sources": ["REG"],
                "organisations": ["LAHTI", "ASIK"],
                "i18n": {"en": {"title": "Shared client view"}},
            },
            {"key": "A-2", "title": "Kirjaamisohje", "depends_on": ["Z-1"], "team": "ICT"},
            {"key": "M-3", "title": "Rajapinta", "depends_on": ["A-2", "Z-1"], "effort": 8.0},
            {"key": "B-4", "title": "Koulutus", "soft_depends_on": ["M-3"], "scores": {"cost": 1}},
        ],
        "milestones": [
            {"key": "MS1", "name": "Pilotti", "date": "2027-12-31", "items": ["Z-1", "M-3"]},
        ],
    }


def rich_plan() -> PlanDoc:
    return PlanDoc.model_validate(rich_plan_data())


def small_plan(slug: str = "small", n_items: int = 3) -> PlanDoc:
    """A plan with one criterion and a chain of ``n_items`` items."""
    return PlanDoc.model_validate(
        {
            "plan": {"name": f"Plan {slug}", "slug": slug, "start_date": "2027-01-01"},
            "criteria": [{"key": "impact", "name": "Impact"}],
            "items": [
                {
                    "key": f"K{i}",
                    "title": f"Item {i}",
                    "scores": {"impact": 3.0},
                    **({"depends_on": [f"K{i - 1}"]} if i else {}),
                }
                for i in range(n_items)
            ],
        }
    )
