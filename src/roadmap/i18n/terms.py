"""The words for the plan's codes: statuses, MoSCoW classes, period units, scoring methods and
dependency kinds, in the reader's language.

Codes (``in_progress``, ``wont``, ``wsjf``) are what the store keeps and files exchange; a person
reads these words instead, everywhere: the app, the command line and the documents. Each function
words a code in the interface's language, or in ``lang`` where a document or a window speaks a
language of its own; an unknown code is shown as it is. Reading the words people type back is
:mod:`roadmap.model.typed_words`'s job.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from string import Formatter

from roadmap import i18n
from roadmap.i18n import N_, _, language, pgettext
from roadmap.i18n.lang import Lang

STATUS = {
    "idea": N_("idea"),
    "planned": N_("planned"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
    "dropped": N_("dropped"),
}
MOSCOW = {
    "must": N_("must have"),
    "should": N_("should have"),
    "could": N_("could have"),
    "wont": N_("will not have this time"),
}
PERIOD_UNIT = {"day": N_("day"), "month": N_("month"), "quarter": N_("quarter")}
SCORING_METHOD = {
    "weighted": N_("weighted criteria"),
    "rice": N_("RICE"),
    "wsjf": N_("WSJF"),
    "moscow": N_("MoSCoW"),
}
DEPENDENCY_KIND = {"hard": N_("required"), "soft": N_("preferred")}
CHANGE_KIND = {
    "earlier": N_("Moved earlier"),
    "later": N_("Moved later"),
    "ends_earlier": N_("Ends earlier"),
    "ends_later": N_("Ends later"),
    "team": N_("Team changed"),
    "effort": N_("Effort changed"),
    "added": N_("Added"),
    "dropped": N_("Dropped"),
    "done": N_("Done"),
    "priority": N_("Priority changed"),
}
"""How an item's place changed since a baseline."""
REASONS = {
    ("start", ""): N_("ready to start"),
    ("dependency", ""): N_("after {items} (ready in {period})"),
    ("soft_dependency", ""): N_("preferably after {items}"),
    ("capacity", ""): N_("{team} is fully booked in {period} by work ranked higher: {items}"),
    ("capacity", "span"): N_(
        "{team} is fully booked from {first} to {period}, in {period} by work ranked higher: "
        "{items}"
    ),
    ("capacity", "pinned"): N_("{team} is fully booked in {period} by pinned work: {items}"),
    ("capacity", "pinned_span"): N_(
        "{team} is fully booked from {first} to {period}, in {period} by pinned work: {items}"
    ),
    ("capacity", "none"): N_("{team} has no capacity in {period}"),
    ("capacity", "none_span"): N_("{team} has no capacity from {first} to {period}"),
    ("pinned", ""): N_("fixed to {period}"),
    ("earliest_start", ""): N_("cannot start before {period}"),
    ("earliest_start", "day"): N_("cannot start before {date}"),
    ("no_team", ""): N_("no team assigned"),
    ("lag", ""): N_("a planned wait after {items} (ended in {period})"),
    ("not_started", ""): N_("not started; the earliest is the current period, {period}"),
}
"""The engine's reasons for an item's place, by kind and variant (:func:`_variant`), with the
fields they fill in."""
WARNINGS = {
    ("deadline", ""): N_("{item} ends in {period}, after its deadline."),
    ("deadline", "day"): N_("{item} ends in {period}, after its deadline {deadline} ({due})."),
    ("overload", ""): N_("{team} is overloaded in {period}: {items}."),
    ("overload", "pinned"): N_(
        "{team} has no room left in {period} for the pinned {items}: the work starts there as "
        "pinned but is done as capacity frees up."
    ),
    ("overload", "horizon"): N_(
        "{team} has more work than fits in the plan's horizon, which ends in {period}: {items}."
    ),
    ("no_team", ""): N_("No team: {items}. They are placed without a capacity limit."),
    ("no_team", "unknown"): N_(
        "No team: {items}. They are placed without a capacity limit; the plan has no team {teams}."
    ),
    ("unplaced", ""): N_("Could not be placed within the plan's horizon: {items}."),
    ("unplaced", "no_capacity"): N_(
        "{item} cannot be placed: {team} has no capacity from {period} on."
    ),
    ("unplaced", "beyond_limit"): N_(
        "{item} cannot be placed: {team} cannot fit it within {count} periods of the plan's "
        "start, the furthest a roadmap reaches."
    ),
    ("unplaced", "too_much"): N_(
        "{item} cannot be placed: spread over {count} periods it needs {amount} a period, more "
        "than {team} ever has."
    ),
    ("unplaced", "blocker"): N_(
        "{item} cannot be placed: it waits for {other}, which cannot be placed."
    ),
    ("soft_dependency", ""): N_(
        "{item} does not wait for {other}, which it should preferably follow."
    ),
    ("soft_dependency", "held"): N_(
        "{item} does not wait for {other}, which it should preferably follow: {other} ends only "
        "in {period}, held back by the capacity of {team}."
    ),
    ("pin_conflict", ""): N_("{item} is fixed to {period}, before {other} ends."),
    ("pin_conflict", "ends"): N_(
        "{item} is fixed to {period}, but {other}, which it waits for, ends in {end}."
    ),
    ("pin_conflict", "unplaced"): N_(
        "{item} is fixed to {period} and placed there, but it waits for {other}, which cannot "
        "be placed."
    ),
    ("dropped_dependency", ""): N_(
        "{item} depends on {other}, which is dropped; the dependency is ignored."
    ),
}
"""The engine's warnings (:class:`roadmap.engine.result.Warning`), by kind and variant, with
the fields they fill in."""
DIRECTION = {"benefit": N_("benefit"), "cost": N_("cost")}
EVIDENCE_METHOD = {
    "interview": N_("interview"),
    "workshop": N_("workshop"),
    "survey": N_("survey"),
    "document": N_("document"),
    "data": N_("data"),
}
"""How a piece of evidence was gathered."""
HEALTH = {"on_track": N_("on track"), "at_risk": N_("at risk"), "off_track": N_("off track")}
"""How an item's follow-up stands."""


NOUNS = {
    "plan": N_("plan"),
    "item": N_("item"),
    "need": N_("need"),
    "team": N_("team"),
    "organisation": N_("organisation"),
    "theme": N_("theme"),
    "stakeholder": N_("stakeholder"),
    "source": N_("source"),
    "section": N_("section"),
    "criterion": N_("criterion"),
    "milestone": N_("milestone"),
    "person": N_("person"),
    "goal": N_("goal"),
    "measure": N_("measure"),
    "perspective": N_("perspective"),
    "scenario": N_("scenario"),
    "evidence": N_("evidence"),
}
"""The kinds of rows findings are about, as the reader names them."""


def subject(noun: str, key: str | None = None) -> str:
    """What a finding is about, in the reader's language: ``item CI-7``, ``kohde CI-7``."""
    what = _(NOUNS[noun]) if noun in NOUNS else noun
    return what if key is None else _("{what} {key}", what=what, key=key)


def _word(words: dict[str, str], code: str | None, lang: Lang | None) -> str:
    if not code:
        return ""
    message = words.get(code)
    if message is None:
        return code
    return lang._(message) if lang is not None else _(message)


def status_word(code: str | None, lang: Lang | None = None) -> str:
    """An item's status: ``in_progress`` is *in progress*, *käynnissä*, *pågår*."""
    return _word(STATUS, code, lang)


def moscow_word(code: str | None, lang: Lang | None = None) -> str:
    """A MoSCoW class: ``must`` is *must have*, *välttämätön*, *måste ha*."""
    return _word(MOSCOW, code, lang)


def unit_word(code: str | None, lang: Lang | None = None) -> str:
    """The length of a period: ``quarter`` is *quarter*, *vuosineljännes*, *kvartal*."""
    return _word(PERIOD_UNIT, code, lang)


def scoring_word(code: str | None, lang: Lang | None = None) -> str:
    """How a plan scores its items: ``weighted`` is *weighted criteria*."""
    return _word(SCORING_METHOD, code, lang)


def dependency_word(code: str | None, lang: Lang | None = None) -> str:
    """A dependency's kind: ``hard`` is *required*, ``soft`` *preferred*."""
    return _word(DEPENDENCY_KIND, code, lang)


def direction_word(code: str | None, lang: Lang | None = None) -> str:
    """Whether a criterion raises the score (*benefit*) or lowers it (*cost*)."""
    return _word(DIRECTION, code, lang)


def change_word(code: str | None, lang: Lang | None = None) -> str:
    """How an item's place changed since a baseline: ``earlier`` is *Moved earlier*."""
    return _word(CHANGE_KIND, code, lang)


DATE_HINT = N_("yyyy-mm-dd or dd.mm.yyyy")
"""How a date is typed, as a form's hint says it (*pp.kk.vvvv* in Finnish)."""


def typed_date(day: date, lang: Lang | None = None) -> str:
    """``day`` as a person of the language types it: *31.3.2027* in Finnish and Swedish, ISO
    in English; :func:`roadmap.model.typed_words.parse_date` reads both.

    >>> typed_date(date(2027, 3, 31), Lang("fi")), typed_date(date(2027, 3, 31), Lang("en"))
    ('31.3.2027', '2027-03-31')
    """
    code = lang.code if lang is not None else language()
    return day.isoformat() if code in ("en", "xx") else f"{day.day}.{day.month}.{day.year}"


def evidence_count(method: str, n: int, lang: Lang | None = None) -> str:
    """``n`` pieces of evidence gathered by ``method``: *2 interviews*, *2 haastattelua*."""
    ngettext = lang.ngettext if lang is not None else i18n.ngettext
    if method == "interview":
        return ngettext("{n} interview", "{n} interviews", n)
    if method == "workshop":
        return ngettext("{n} workshop", "{n} workshops", n)
    if method == "survey":
        return ngettext("{n} survey", "{n} surveys", n)
    if method == "document":
        return ngettext("{n} document", "{n} documents", n)
    return ngettext("{n} data set", "{n} data sets", n)


def method_word(code: str | None, lang: Lang | None = None) -> str:
    """How a piece of evidence was gathered: ``interview`` is *interview*, *haastattelu*,
    *intervju*."""
    return _word(EVIDENCE_METHOD, code, lang)


def horizon_word(code: str) -> str:
    """``now``, ``next`` or ``later`` as a heading of the roadmap (apart from the button *Next*)."""
    words = {
        "now": pgettext("horizon", "Now"),
        "next": pgettext("horizon", "Next"),
        "later": pgettext("horizon", "Later"),
    }
    return words.get(code, code)


def reason_text(row, label, lang: Lang | None = None, *, item=None, team=None) -> str:
    """One of the engine's reasons for an item's place as a phrase in the reader's language."""
    return _explained(REASONS, row, label, lang, item, team)


def warning_text(row, label, lang: Lang | None = None, *, item=None, team=None) -> str:
    """One of the engine's warnings as a sentence in the reader's language."""
    return _explained(WARNINGS, row, label, lang, item, team)


LIST_LIMIT = 5
"""Items a sentence names before "N more"."""


def _variant(row) -> str:
    """Which of its kind's sentences a reason or warning needs, by the fields it carries
    (a baseline saved before some fields lacks them, and gets the plainer sentence)."""
    kind = row.kind
    if kind == "capacity":
        span = "span" if row.first is not None and row.first != row.period else ""
        if not row.items:
            return f"none_{span}" if span else "none"
        pinned = row.pinned and len(row.pinned) == len(row.items)
        return "_".join(filter(None, ["pinned" if pinned else "", span]))
    if kind == "earliest_start":
        return "day" if row.day is not None else ""
    if kind == "deadline":
        return "day" if row.deadline is not None and row.due is not None else ""
    if kind == "no_team":
        return "unknown" if getattr(row, "unknown", ()) else ""
    if kind == "soft_dependency" and hasattr(row, "cause"):
        return "held" if row.team and row.period is not None else ""
    if kind == "pin_conflict" and not row.cause:
        return "ends" if row.blocker_end is not None else ""
    return getattr(row, "cause", "")


def _explained(words: dict, row, label, lang: Lang | None, item=None, team=None) -> str:
    """``row`` (a reason or warning of the engine) worded from ``words`` in ``lang`` (the
    interface's language by default); periods are named by ``label``, items by ``item`` and
    teams by ``team`` (their keys by default), dates and numbers as the language writes them."""
    speak = lang if lang is not None else Lang(language())
    message = words.get((row.kind, _variant(row))) or words.get((row.kind, ""))
    if message is None:  # a kind newer than this reader: say what it is about
        return ", ".join([row.kind, *row.items])
    text = speak._(message)
    wanted = _fields(text)
    name = item or str
    pinned = getattr(row, "pinned", ())
    values: dict[str, str] = {}
    if "items" in wanted:
        shown = [
            speak._("{item} (pinned)", item=name(k)) if k in pinned else name(k) for k in row.items
        ]
        values["items"] = _listed(shown, speak)
    if "item" in wanted:
        values["item"] = name(row.items[0]) if row.items else ""
    if "other" in wanted:
        values["other"] = _listed([name(k) for k in row.items[1:]], speak)
    for field in ("period", "first", "due", "end"):
        if field in wanted:
            index = getattr(row, "blocker_end" if field == "end" else field)
            values[field] = label(index) if index is not None else ""
    if "team" in wanted:
        values["team"] = (team or str)(row.team or "")
    if "teams" in wanted:
        values["teams"] = _listed([(team or str)(k) for k in row.unknown], speak)
    if "date" in wanted:
        values["date"] = speak.date(row.day)
    if "deadline" in wanted:
        values["deadline"] = speak.date(row.deadline)
    if "count" in wanted:
        values["count"] = speak.number(row.count or 0, 0)
    if "amount" in wanted:
        values["amount"] = speak.number(row.amount or 0, 2)
    return text.format(**values)


def _listed(names: list[str], lang: Lang) -> str:
    """``names`` joined, the first :data:`LIST_LIMIT` of them and how many more."""
    more = len(names) - LIST_LIMIT
    if more <= 0:
        return ", ".join(names)
    return ", ".join([*names[:LIST_LIMIT], lang.ngettext("{n} more", "{n} more", more)])


@cache
def _fields(text: str) -> frozenset[str]:
    """The names of the fields a wording fills in."""
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)


CHANGE_TEXT = {
    "added": N_("added in {period}"),
    "done": N_("done (was planned for {period})"),
    "dropped": N_("dropped (was planned for {period})"),
    "unplaced": N_("can no longer be placed (was in {period})"),
    "removed": N_("no longer in the plan (was in {period})"),
    "earlier": N_("moved earlier from {before} to {after}"),
    "later": N_("moved later from {before} to {after}"),
    "ends_earlier": N_("ends in {after} rather than {before}"),
    "ends_later": N_("ends in {after} rather than {before}"),
}
"""An item's change since a baseline (or against the plan), by kind; a ``dropped`` item by
why it has no place now."""


def change_facts(
    change, label: Callable[[int], str], lang: Lang | None = None, team=None
) -> list[str]:
    """What else changed with an item (:attr:`roadmap.engine.baseline.Change.facts`), a
    phrase each in the reader's language; periods named by ``label``, teams by ``team``."""
    words = lang if lang is not None else Lang(language())
    name = team or (lambda key: key or "-")
    out = []
    for fact in change.facts:
        if fact == "end":
            out.append(
                words._(
                    "ends in {after} (was {before})",
                    after=label(change.end_after),
                    before=label(change.end_before),
                )
            )
        elif fact == "span":
            out.append(
                words.ngettext(
                    "{before} → {n} period",
                    "{before} → {n} periods",
                    change.span_after,
                    before=change.span_before,
                )
            )
        elif fact == "effort":
            out.append(
                words._(
                    "effort {before} → {after}",
                    before=words.number(change.effort_before or 0, 2),
                    after=words.number(change.effort_after or 0, 2),
                )
            )
        elif fact == "team":
            out.append(
                words._(
                    "team {before} → {after}",
                    before=name(change.team_before),
                    after=name(change.team_after),
                )
            )
        elif fact == "priority":
            out.append(
                words._(
                    "priority {before} → {after}",
                    before=words.number(change.priority_before or 0, 0),
                    after=words.number(change.priority_after or 0, 0),
                )
            )
    return out


def change_text(change, label: Callable[[int], str], lang: Lang | None = None, team=None) -> str:
    """An item's change (:class:`roadmap.engine.baseline.Change`) as the reader's language
    tells it: where it was and is, what else changed, and why it is where it is now; periods
    named by ``label``, teams by ``team``."""
    words = lang if lang is not None else Lang(language())
    facts = ", ".join(change_facts(change, label, words, team))
    kind = change.gone if change.kind == "dropped" and change.gone else change.kind
    message = CHANGE_TEXT.get(kind)
    if message is None:  # team, effort or priority: the item itself stays where it was
        return words._("{facts}, still in {period}", facts=facts, period=label(change.after))
    period = change.after if change.kind == "added" else change.before
    text = words._(
        message,
        period=label(period) if period is not None else "",
        before=label(change.before) if change.before is not None else "",
        after=label(change.after) if change.after is not None else "",
    )
    if facts:
        text += f" ({facts})"
    if change.kind != "added":
        why = "; ".join(reason_text(r, label, words, team=team) for r in change.reasons)
        text += f": {why}" if why else ""
    return text


def choices(words: dict[str, str], lang: Lang | None = None) -> list[tuple[str, str]]:
    """``(word, code)`` of every code of ``words`` (:data:`STATUS`, :data:`MOSCOW` ...), for a
    list a person picks from."""
    return [(_word(words, code, lang), code) for code in words]
