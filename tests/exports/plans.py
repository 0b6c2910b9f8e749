"""Plans and roadmaps built by hand for the export tests: a small rich plan in three languages,
an injection corpus, and a simple roadmap that places items by their dependency depth."""

from __future__ import annotations

import networkx as nx

from roadmap.engine.result import Placement, Reason, Roadmap, Score, Warning
from roadmap.model.inputs import PlanDoc, dependency_edges
from roadmap.model.periods import Calendar

ATTACKS = [
    "| pipe | in | cell |",
    "# heading",
    "- list",
    "+ plus",
    "* star",
    "1. ordered",
    "> quote",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    '"] --> evil["x',
    "-->",
    "%%{init: {'theme': 'dark'}}%%",
    'click n1 href "javascript:alert(1)"',
    "#60;script#62;",
    "line one\nline two\r\n===",
    "```\ncode fence",
    "`tick` and ``double``",
    "&lt;b&gt; &amp;",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "a;b,c\\d: e",
    "---",
    "    indented code",
]


def rich_plan() -> PlanDoc:
    """A plan with every section filled, Finnish by default, partly translated."""
    return PlanDoc.model_validate(
        {
            "plan": {
                "name": "Asiakastiedon tiekartta",
                "slug": "asiakastieto",
                "default_language": "fi",
                "languages": ["fi", "en", "sv"],
                "start_date": "2027-01-01",
                "i18n": {
                    "en": {"name": "Client information roadmap"},
                    "sv": {"name": "Färdplan för klientinformation"},
                },
            },
            "sections": [
                {
                    "key": "bg",
                    "kind": "background",
                    "title": "Tausta",
                    "body": "Lahti ja Asikkala *yhdessä*.\n\n## Toimeksianto\n\nValtuusto päätti.",
                    "i18n": {
                        "en": {"title": "Background", "body": "Lahti and Asikkala *together*."}
                    },
                },
                {"key": "method", "kind": "method", "body": "Haastattelimme toimijoita."},
                {"key": "now", "kind": "current_state", "body": "- Tieto on siiloissa\n- Paperia"},
                {
                    "key": "vision",
                    "kind": "vision",
                    "title": "Visio",
                    "body": "Asiakas kertoo asiansa **kerran**.",
                },
                {"key": "extra", "kind": "custom", "title": "Riskit", "body": "Resurssit."},
            ],
            "organisations": [
                {
                    "key": "lahti",
                    "name": "Lahden kaupunki",
                    "i18n": {"en": {"name": "City of Lahti"}, "sv": {"name": "Lahtis stad"}},
                },
                {"key": "asikkala", "name": "Asikkalan kunta"},
            ],
            "teams": [
                {"key": "dev", "organisation": "lahti", "name": "Digikehitys", "capacity": 2},
                {"key": "soc", "organisation": "asikkala", "name": "Sosiaalipalvelut"},
            ],
            "themes": [
                {
                    "key": "share",
                    "name": "Tiedon saatavuus",
                    "description": "Tieto liikkuu.",
                    "i18n": {"en": {"name": "Availability of information"}},
                },
                {"key": "serve", "name": "Palvelu"},
            ],
            "sources": [
                {
                    "key": "crm",
                    "name": "Asiakasrekisteri",
                    "organisation": "lahti",
                    "holds": "Asiakkaat",
                    "access": "Sosiaalityö",
                },
                {"key": "kanta", "name": "Kanta", "holds": "Potilastiedot", "access": "Terveys"},
            ],
            "stakeholders": [
                {
                    "key": "sw",
                    "name": "Sosiaalityö",
                    "organisation": "lahti",
                    "description": "Aikuissosiaalityö",
                    "needs": [
                        {"key": "n1", "text": "Näkee asiakkaan palvelut", "importance": 5},
                        {"key": "n2", "text": "Vähemmän paperia", "importance": 2},
                    ],
                    "sources": [
                        {"source": "crm", "has_access": True},
                        {"source": "kanta", "has_access": False},
                    ],
                },
                {
                    "key": "ya",
                    "name": "Nuorisotyö",
                    "organisation": "asikkala",
                    "needs": [{"key": "n3", "text": "Yhteystiedot"}],
                    "sources": [{"source": "crm"}],
                },
            ],
            "criteria": [
                {"key": "impact", "name": "Vaikuttavuus", "weight": 3},
                {"key": "risk", "name": "Riski", "weight": 1, "direction": "cost"},
            ],
            "items": [
                {
                    "key": "A1",
                    "title": "Yhteinen asiakasnäkymä",
                    "theme": "share",
                    "organisation": "lahti",
                    "team": "dev",
                    "effort": 2,
                    "needs": ["n1"],
                    "sources": ["crm"],
                    "description": "Näkymä *kaikille*.\n\n- yksi\n- kaksi",
                    "scores": {"impact": 5, "risk": 2},
                    "moscow": "must",
                    "i18n": {"en": {"title": "Shared client view"}},
                },
                {
                    "key": "A2",
                    "title": "Suostumusten hallinta",
                    "theme": "share",
                    "team": "dev",
                    "depends_on": ["A1"],
                    "needs": ["n1"],
                    "deadline": "2027-03-31",
                },
                {
                    "key": "B1",
                    "title": "Sähköinen asiointi",
                    "theme": "serve",
                    "team": "soc",
                    "soft_depends_on": ["A1"],
                    "needs": ["n2"],
                    "mandatory": True,
                    "organisations": ["lahti"],
                },
                {"key": "B2", "title": "Paperiton arkisto", "depends_on": ["A2", "B1"]},
            ],
            "milestones": [
                {"key": "m1", "name": "Näkymä käytössä", "date": "2027-06-15", "items": ["A1"]},
            ],
        }
    )


def simple_roadmap(doc: PlanDoc) -> Roadmap:
    """Each item starts in the period after the last of its dependencies."""
    graph = nx.DiGraph()
    graph.add_nodes_from(item.key for item in doc.items)
    graph.add_edges_from((a, b) for a, b, _ in dependency_edges(doc))
    placements, scores = {}, {}
    critical = tuple(nx.dag_longest_path(graph)) if graph else ()
    for depth, layer in enumerate(nx.topological_generations(graph)):
        for key in sorted(layer):
            preds = sorted(graph.predecessors(key))
            reasons = (
                (Reason("dependency", items=tuple(preds), period=depth - 1),)
                if preds
                else (Reason("start"),)
            )
            score = round(100 * (1 - len(scores) / len(doc.items)), 1)
            scores[key] = Score(key, doc.plan.scoring_method, score)
            placements[key] = Placement(
                key, depth, depth, score, score, None, key in critical, 0.0, reasons
            )
    periods = max((p.end + 1 for p in placements.values()), default=0)
    calendar = Calendar(doc.plan.start_date, doc.plan.period_unit)
    warnings = tuple(
        Warning(
            "deadline",
            items=(item.key,),
            period=placements[item.key].end,
            deadline=item.deadline,
            due=calendar.index_of(item.deadline),
        )
        for item in doc.items
        if item.deadline and placements[item.key].start > 0
    )
    return Roadmap(placements, scores, warnings, critical, (), periods)


def attack_plan() -> PlanDoc:
    """Every user text of a plan filled from :data:`ATTACKS`, in all three languages."""
    n = len(ATTACKS)

    def pick(i: int) -> str:
        return ATTACKS[i % n]

    def tr(i: int, field: str) -> dict:
        return {"en": {field: pick(i + 1)}, "sv": {field: pick(i + 2)}}

    items = [
        {
            "key": f"X{i}",
            "title": pick(i),
            "description": "\n\n".join([pick(i), pick(i + 3), "[ok](https://example.org/a_(b))"]),
            "theme": f"t{i % 3}",
            "team": "team",
            "organisation": "o1",
            "needs": [f"n{i}"] if i % 2 else [],
            "sources": ["s0"],
            "depends_on": [f"X{i - 1}"] if i else [],
            "soft_depends_on": [f"X{i - 2}"] if i > 1 else [],
            "deadline": "2027-02-01" if i == 3 else None,
            "i18n": tr(i, "title"),
        }
        for i in range(n)
    ]
    return PlanDoc.model_validate(
        {
            "plan": {
                "name": pick(7),
                "slug": "attack",
                "languages": ["fi", "en", "sv"],
                "start_date": "2027-01-01",
                "i18n": tr(7, "name"),
            },
            "sections": [
                {"key": f"s{k}", "kind": kind, "title": pick(k), "body": pick(k + 5)}
                for k, kind in enumerate(["background", "method", "current_state", "vision"])
            ]
            + [{"key": "c", "kind": "custom", "title": pick(12), "body": "\n".join(ATTACKS)}],
            "organisations": [{"key": "o1", "name": pick(0), "i18n": tr(0, "name")}],
            "teams": [{"key": "team", "organisation": "o1", "name": pick(16)}],
            "themes": [
                {"key": f"t{k}", "name": pick(k + 8), "description": pick(k + 9)} for k in range(3)
            ],
            "sources": [
                {
                    "key": "s0",
                    "name": pick(13),
                    "organisation": "o1",
                    "holds": pick(14),
                    "access": pick(15),
                }
            ],
            "stakeholders": [
                {
                    "key": "sh",
                    "name": pick(2),
                    "description": pick(3),
                    "needs": [{"key": f"n{i}", "text": pick(i)} for i in range(n)],
                    "sources": [{"source": "s0", "has_access": False}],
                }
            ],
            "criteria": [{"key": "c1", "name": pick(19), "weight": 2}],
            "items": items,
            "milestones": [
                {"key": f"m{k}", "name": pick(k * 5), "date": f"2027-0{k + 1}-15", "items": ["X0"]}
                for k in range(4)
            ],
        }
    )
