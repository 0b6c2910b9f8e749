"""The minutes of a workshop session as Markdown, in Finnish, Swedish or English.

The record is read by :func:`roadmap.store.workshop.minutes_record`; this module only words it.
Labels live in :data:`LABELS`, one dict per language (a test checks that every label exists in
every language). Results name no participant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roadmap.io.mdsafe import inline
from roadmap.workshop.tally import ItemResult

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Workshop minutes",
        "plan": "Plan",
        "date": "Date",
        "participants": "Participants",
        "agenda": "Agenda",
        "minutes": "min",
        "captured": "Captured during the session",
        "item": "New item",
        "need": "Need",
        "note": "Note",
        "decision": "Decision",
        "rounds": "Voting rounds",
        "round": "Round",
        "voted": "voted",
        "hidden": "Results were not revealed.",
        "rank": "#",
        "item_col": "Item",
        "total": "Total",
        "spread": "Spread",
        "contested": "people disagree",
        "applied": "The results were written into the plan's workshop criterion.",
        "decisions": "Decisions",
        "none": "None.",
        "dots": "dot voting, {budget} dots per person, at most {per_item} on one item",
        "points": "{budget} points per person, at most {per_item} on one item",
        "score": "each item scored 1-5 on the plan's criteria",
        "items": "items: {n}",
        "current_state": "Current state",
        "needs": "Needs",
        "vision": "Vision",
        "items_step": "Development items",
        "voting": "Voting",
        "results": "Results",
        "roadmap": "Roadmap",
    },
    "fi": {
        "title": "Työpajan muistio",
        "plan": "Suunnitelma",
        "date": "Päivämäärä",
        "participants": "Osallistujia",
        "agenda": "Ohjelma",
        "minutes": "min",
        "captured": "Työpajassa kirjattua",
        "item": "Uusi kehittämiskohde",
        "need": "Tarve",
        "note": "Huomio",
        "decision": "Päätös",
        "rounds": "Äänestyskierrokset",
        "round": "Kierros",
        "voted": "äänesti",
        "hidden": "Tuloksia ei julkistettu.",
        "rank": "#",
        "item_col": "Kehittämiskohde",
        "total": "Yhteensä",
        "spread": "Hajonta",
        "contested": "näkemykset eroavat",
        "applied": "Tulokset kirjattiin suunnitelman työpajakriteeriin.",
        "decisions": "Päätökset",
        "none": "Ei yhtään.",
        "dots": "pisteäänestys, {budget} pistettä kullekin, enintään {per_item} yhdelle kohteelle",
        "points": "{budget} pistettä kullekin, enintään {per_item} yhdelle kohteelle",
        "score": "kukin kohde pisteytettiin 1-5 suunnitelman kriteereillä",
        "items": "kohteita: {n}",
        "current_state": "Nykytila",
        "needs": "Tarpeet",
        "vision": "Visio",
        "items_step": "Kehittämiskohteet",
        "voting": "Äänestys",
        "results": "Tulokset",
        "roadmap": "Tiekartta",
    },
    "sv": {
        "title": "Minnesanteckningar från workshoppen",
        "plan": "Plan",
        "date": "Datum",
        "participants": "Deltagare",
        "agenda": "Program",
        "minutes": "min",
        "captured": "Antecknat under workshoppen",
        "item": "Nytt utvecklingsobjekt",
        "need": "Behov",
        "note": "Anteckning",
        "decision": "Beslut",
        "rounds": "Röstningsomgångar",
        "round": "Omgång",
        "voted": "röstade",
        "hidden": "Resultaten offentliggjordes inte.",
        "rank": "#",
        "item_col": "Utvecklingsobjekt",
        "total": "Totalt",
        "spread": "Spridning",
        "contested": "åsikterna går isär",
        "applied": "Resultaten fördes in i planens workshopkriterium.",
        "decisions": "Beslut",
        "none": "Inga.",
        "dots": "prickröstning, {budget} prickar per person, högst {per_item} på ett objekt",
        "points": "{budget} poäng per person, högst {per_item} på ett objekt",
        "score": "varje objekt poängsattes 1-5 enligt planens kriterier",
        "items": "objekt: {n}",
        "current_state": "Nuläge",
        "needs": "Behov",
        "vision": "Vision",
        "items_step": "Utvecklingsobjekt",
        "voting": "Röstning",
        "results": "Resultat",
        "roadmap": "Färdplan",
    },
}
STEP_LABEL = {"items": "items_step"}
"""Steps whose label key differs from the step key."""


@dataclass(frozen=True, slots=True)
class RoundRecord:
    number: int
    method: str
    budget: int
    per_item: int
    items: int
    voted: int
    applied: bool
    results: list[ItemResult] | None
    """None when the results were never revealed."""


@dataclass(frozen=True, slots=True)
class Minutes:
    plan: str
    plan_i18n: dict
    name: str
    held_on: date
    agenda: list[tuple[str, int]]
    participants: int
    notes: list[tuple[str, str, str, str | None]]
    """``(step, kind, text, item key)`` in the order captured."""
    rounds: list[RoundRecord]
    titles: dict[str, tuple[str, dict]]
    """Item key -> (title, translations)."""


def _number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text if lang == "en" else text.replace(".", ",")


def render_minutes(record: Minutes, lang: str) -> str:
    """The minutes in ``lang`` (``fi``, ``sv`` or ``en``)."""
    label = LABELS[lang]

    def title(key: str) -> str:
        text, i18n = record.titles.get(key, (key, {}))
        return inline(i18n.get(lang, {}).get("title", text))

    plan = record.plan_i18n.get(lang, {}).get("name", record.plan)
    out = [
        f"# {label['title']}: {inline(record.name)}",
        "",
        f"- {label['plan']}: {inline(plan)}",
        f"- {label['date']}: {record.held_on.isoformat()}",
        f"- {label['participants']}: {record.participants}",
        "",
        f"## {label['agenda']}",
        "",
    ]
    for n, (step, minutes) in enumerate(record.agenda, start=1):
        out.append(f"{n}. {label[STEP_LABEL.get(step, step)]} ({minutes} {label['minutes']})")
    out += ["", f"## {label['captured']}", ""]
    captured = [note for note in record.notes if note[1] != "decision"]
    for step, kind, text, key in captured:
        what = f"{key} {title(key)}" if key else inline(text)
        out.append(f"- {label[kind]} ({label[STEP_LABEL.get(step, step)]}): {what}")
    if not captured:
        out.append(label["none"])
    out += ["", f"## {label['rounds']}", ""]
    for rnd in record.rounds:
        rules = label[rnd.method].format(budget=rnd.budget, per_item=rnd.per_item)
        items = label["items"].format(n=rnd.items)
        out += [
            f"### {label['round']} {rnd.number}",
            "",
            f"{rules}; {items}; {rnd.voted} {label['voted']}.",
            "",
        ]
        if rnd.results is None:
            out += [label["hidden"], ""]
            continue
        out += [
            f"| {label['rank']} | {label['item_col']} | {label['total']} | {label['spread']} |",
            "|---:|---|---:|---:|",
        ]
        for r in rnd.results:
            flag = f" ({label['contested']})" if r.contested else ""
            out.append(
                f"| {r.rank} | {r.key} {title(r.key)}{flag} | {_number(r.total, lang)} "
                f"| {_number(r.spread, lang)} |"
            )
        out.append("")
        if rnd.applied:
            out += [label["applied"], ""]
    if not record.rounds:
        out += [label["none"], ""]
    out += [f"## {label['decisions']}", ""]
    decisions = [inline(text) for _, kind, text, _ in record.notes if kind == "decision"]
    out += [f"- {text}" for text in decisions] or [label["none"]]
    return "\n".join(out) + "\n"
