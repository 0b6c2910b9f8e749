"""The sections of a stakeholder document that trace priorities to evidence and follow the
roadmap up: foreword, evidence base, goals and measures, starting and target levels,
traceability, people responsible and progress.

People are shown by role (and organisation); their names only where the plan's
``personal_names`` allows. The evidence base counts what was gathered, from which actor group
and when; it never prints who said what. The HTML writer adds small SVG pictures (the levels,
each measure's trend) beside tables that hold the same facts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import cast

from roadmap.engine.baseline import Change
from roadmap.i18n.terms import HEALTH, evidence_count
from roadmap.io import doc_roadmap, svg_charts
from roadmap.io.docdata import MARK, Facts
from roadmap.model.evidence import GoalIn, MeasureIn, PerspectiveIn


def foreword(f: Facts) -> str:
    """Why and how, in figures: who owns the roadmap and what it rests on."""
    _, w, doc = f.lang._, f.w, f.doc
    if not (doc.evidence or doc.goals or doc.perspectives or doc.plan.responsible):
        return ""
    out = [w.heading(2, _("Foreword"))]
    if doc.plan.responsible:
        who = person(f, doc.plan.responsible)
        out.append(
            w.para(_("{person} owns this roadmap, coordinates it and follows it up.", person=who))
        )
    if doc.evidence:
        first, last = min(e.date for e in doc.evidence), max(e.date for e in doc.evidence)
        out.append(
            w.para(
                _(
                    "It rests on {evidence} gathered {span} from {actors}.",
                    evidence=f.lang.ngettext(
                        "{n} piece of evidence", "{n} pieces of evidence", len(doc.evidence)
                    ),
                    span=f.lang.span(first, last),
                    actors=f.lang.ngettext(
                        "{n} actor group", "{n} actor groups", len(_groups(doc.evidence))
                    ),
                )
            )
        )
    if doc.goals:
        measures = sum(len(goal.measures) for goal in doc.goals)
        out.append(
            w.para(
                _(
                    "The vision is made concrete in {goals}, followed up with {measures}.",
                    goals=f.lang.ngettext("{n} goal", "{n} goals", len(doc.goals)),
                    measures=f.lang.ngettext("{n} measure", "{n} measures", measures),
                )
            )
        )
    return w.join(out)


def person(f: Facts, key: str | None) -> str:
    """A person as documents show them: role and organisation, the name only where the plan
    allows names."""
    found = f.people.get(key or "")
    if found is None:
        return "–"
    role = f.name(found, "role")
    org = f.org(found.organisation)
    shown = ", ".join(part for part in (role, org) if part)
    if f.doc.plan.personal_names and found.name:
        return f"{f.escape(found.name)} ({shown})" if shown else f.escape(found.name)
    return shown or f.lang._("not named")


def _groups(evidence) -> set[str | None]:
    return {e.stakeholder for e in evidence}


def evidence_base(f: Facts) -> str:
    """How many interviews and other sources per actor group, and when; no personal data."""
    _, w = f.lang._, f.w
    if not f.doc.evidence:
        return ""
    by_group: dict[str | None, list] = defaultdict(list)
    for ev in f.doc.evidence:
        by_group[ev.stakeholder].append(ev)
    rows = []
    for key in [*(s.key for s in f.doc.stakeholders), None]:
        found = by_group.get(key)
        if not found:
            continue
        group = f.name(f.stakeholders[key]) if key else _("Workshops and other shared sources")
        methods = _counts(f, found)
        first, last = min(ev.date for ev in found), max(ev.date for ev in found)
        rows.append([group, methods, _span(f, first, last)])
    out = [
        w.heading(2, _("Evidence base")),
        w.para(
            _(
                "What the plan rests on, by actor group: how many interviews and other sources, "
                "and when. Who said what is not published."
            )
        ),
        w.table([_("Actor group"), _("Evidence"), _("When")], rows),
    ]
    return w.join(out)


def _counts(f: Facts, evidence) -> str:
    """``2 interviews, 1 survey``: the evidence counted by method."""
    counts = Counter(ev.method for ev in evidence)
    return ", ".join(_count(f, method, n) for method, n in sorted(counts.items()))


def _count(f: Facts, method: str, n: int) -> str:
    return evidence_count(method, n, f.lang)


def _span(f: Facts, first: date, last: date) -> str:
    return f.lang.date(first) if first == last else f.lang.span(first, last)


def goals(f: Facts) -> str:
    """Each goal with its owner, the items that serve it and its measures."""
    _, w = f.lang._, f.w
    if not f.doc.goals:
        return ""
    out = [w.heading(2, _("Goals and measures"))]
    for goal in f.doc.goals:
        out.append(w.heading(3, f.name(goal, "text")))
        pairs = [(_("Owner"), person(f, goal.owner))]
        if goal.items:
            pairs.append((_("Served by"), "; ".join(f.item(k) for k in goal.items)))
        if goal.themes:
            pairs.append((_("Themes"), "; ".join(f.theme(k) for k in goal.themes)))
        out.append(w.fields(pairs))
        if goal.measures:
            out.append(_measures(f, goal))
    return w.join(out)


def _measures(f: Facts, goal: GoalIn) -> str:
    _, w = f.lang._, f.w
    rows = [
        [
            f.name(m),
            _point(f, m, m.baseline),
            _point(f, m, m.target),
            _point(f, m, m.values[-1]) if m.values else "–",
            w.figure(svg_charts.trend(f, m), "") if m.values else "",
        ]
        for m in goal.measures
    ]
    headers = [_("Measure"), _("Baseline"), _("Target"), _("Latest"), _("Trend")]
    if not any(row[-1] for row in rows):
        headers, rows = headers[:-1], [row[:-1] for row in rows]
    return w.table(headers, rows)


def _point(f: Facts, measure: MeasureIn, point) -> str:
    if point is None:
        return "–"
    unit = f.name(measure, "unit")
    value = f.lang.number(point.value)
    shown = f"{value} {unit}" if unit else value
    return f"{shown} ({f.lang.date(point.date)})"


def level_text(f: Facts, perspective: PerspectiveIn, level: int) -> str:
    """The description of ``level`` (1-5) of ``perspective`` in the export language."""
    # validated with use_enum_values: the keys are the languages' codes
    i18n = cast("dict[str, dict[str, str]]", perspective.i18n)
    translated = i18n.get(f.lang.code, {}).get(f"level_{level}")
    text = perspective.levels[level - 1]
    if f.lang.code != f.default and not translated and text:
        f.fell_back = True
        text = f"{text} {MARK}"
    return f.escape(translated or text)


def maturity(f: Facts) -> str:
    """Starting and target levels per perspective: a table and, in HTML, a chart."""
    _, w = f.lang._, f.w
    if not f.doc.perspectives:
        return ""
    rows = []
    for p in f.doc.perspectives:
        start = f"{p.start}/5: {level_text(f, p, p.start)}" if p.start else "–"
        if p.start_evidence:
            start += f" ({f.name(p, 'start_evidence')})"
        target = f"{p.target}/5: {level_text(f, p, p.target)}" if p.target else "–"
        if p.target and p.target_year:
            target += f" ({p.target_year})"
        raised = "; ".join(f.item(k) for k in p.items) or "–"
        rows.append([f.name(p), start, target, raised])
    headers = [_("Perspective"), _("Starting level"), _("Target level"), _("Raised by")]
    chart = w.figure(
        svg_charts.levels(f, f.doc.perspectives),
        _("Starting and target levels on a scale of 1 to 5; the same facts are in the table."),
    )
    return w.join(
        [
            w.heading(2, _("Starting and target levels")),
            w.para(_("Each perspective is rated on a scale of five levels.")),
            chart,
            w.table(headers, rows),
        ]
    )


def traceability(f: Facts) -> str:
    """From each item to the needs it answers and the evidence behind them."""
    _, w = f.lang._, f.w
    if not f.doc.evidence:
        return ""
    backing: dict[str, list] = defaultdict(list)
    for ev in f.doc.evidence:
        for key in ev.needs:
            backing[key].append(ev)
    rows = []
    for item in f.ranked:
        if not item.needs:
            continue
        needs = "; ".join(f.need(k) for k in item.needs if k in f.needs)
        evidence = {ev.key: ev for k in item.needs for ev in backing.get(k, ())}
        shown = _counts(f, evidence.values())
        if evidence:
            latest = max(ev.date for ev in evidence.values())
            shown += " " + _("(latest {date})", date=f.lang.date(latest))
        rows.append([f.item(item.key), needs, shown or _("no evidence yet")])
    if not rows:
        return ""
    return w.join(
        [
            w.heading(2, _("From items to needs and evidence")),
            w.table([_("Item"), _("Answers needs"), _("Evidence behind the needs")], rows),
        ]
    )


def responsible(f: Facts) -> str:
    """Who answers for the roadmap, each goal and each item under way."""
    _, w, doc = f.lang._, f.w, f.doc
    rows = []
    if doc.plan.responsible:
        rows.append([_("The roadmap as a whole"), person(f, doc.plan.responsible)])
    rows += [[f.name(goal, "text"), person(f, goal.owner)] for goal in doc.goals if goal.owner]
    rows += [[f.item(p.item), person(f, p.responsible)] for p in doc.progress if p.responsible]
    if not rows:
        return ""
    out = [w.heading(2, _("People responsible")), w.table([_("For"), _("Responsible")], rows)]
    if not doc.plan.personal_names:
        out.append(w.para(_("People are shown by role; the plan does not publish names.")))
    return w.join(out)


def progress(f: Facts) -> str:
    """Where the items under way stand, and how each measure moves towards its target."""
    _, w, doc = f.lang._, f.w, f.doc
    tracked = [p for p in doc.progress if p.updates and p.item in f.items]
    readings = [m for goal in doc.goals for m in goal.measures if m.values]
    if not tracked and not readings:
        return ""
    out = [w.heading(2, _("Follow-up"))]
    if tracked:
        from roadmap.io.doc_appendix import STATUS

        rows = []
        for p in tracked:
            last = p.updates[-1]
            note = f.escape(last.note) if last.note else ""
            rows.append(
                [
                    f.item(p.item),
                    _(STATUS[last.status]),
                    f.lang.percent(last.done),
                    _(HEALTH[last.health]),
                    f.lang.date(last.date),
                    note,
                ]
            )
        headers = [_("Item"), _("Status"), _("Done"), _("Health"), _("Updated"), _("Note")]
        out += [w.heading(3, _("Items under way")), w.table(headers, rows)]
    if readings:
        rows = []
        for m in readings:
            latest = m.values[-1]
            rows.append([f.name(m), _point(f, m, m.baseline), _point(f, m, latest), _toward(f, m)])
        headers = [_("Measure"), _("Baseline"), _("Latest"), _("Towards the target")]
        out += [w.heading(3, _("Measures")), w.table(headers, rows)]
    return w.join(out)


def _toward(f: Facts, m: MeasureIn) -> str:
    """The share of the way from baseline to target that the latest reading has come."""
    if m.baseline is None or m.target is None or m.target.value == m.baseline.value:
        return "–"
    share = (m.values[-1].value - m.baseline.value) / (m.target.value - m.baseline.value)
    return f.lang.percent(share)


def report(
    f: Facts, baseline: str | None = None, changes: Sequence[Change] = ()
) -> tuple[str, str]:
    """The follow-up report on its own, for a steering group: what was done, how the measures
    move, who answers for what, and (with a baseline) what moved since it was approved."""
    _, w = f.lang._, f.w
    head = w.join(
        [
            w.heading(1, _("Follow-up: {plan}", plan=f.name(f.doc.plan))),
            w.para(_("Roadmap owner: {person}", person=person(f, f.doc.plan.responsible))),
        ]
    )
    sections = w.join(
        [
            progress(f),
            goals(f),
            maturity(f),
            doc_roadmap.changes(f, baseline, changes) if baseline is not None else "",
            responsible(f),
        ]
    )
    return head, sections or w.para(_("Nothing to follow up yet."))
