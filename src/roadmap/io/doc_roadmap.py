"""The roadmap by period, the engine's reasons and warnings in words, and changes since a baseline.

Reasons and warnings come from the engine as structured records (kind, items, period, team);
here they become sentences in the export language (:mod:`roadmap.i18n.terms` words them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from roadmap.engine.baseline import Change
from roadmap.engine.result import Placement, Reason, Warning
from roadmap.i18n.terms import CHANGE_KIND as CHANGES
from roadmap.i18n.terms import change_facts, reason_text, warning_text
from roadmap.io.docdata import Facts


def _fill(f: Facts, row: Reason | Warning, words: Callable) -> str:
    return words(
        row, f.period, f.lang,
        item=lambda k: f.item(k) if k in f.items else f.escape(k),
        team=lambda k: f.team(k) or f.escape(k),
    )  # fmt: skip


def reason(f: Facts, row: Reason) -> str:
    """One reason, short, in the export language; remembered, as items share reasons."""
    text = f.reasons.get(row)
    if text is None:
        text = f.reasons[row] = _fill(f, row, reason_text)
    return text


def warning(f: Facts, row: Warning) -> str:
    """One warning as a plain sentence in the export language."""
    return _fill(f, row, warning_text)


def why(f: Facts, key: str) -> str:
    """All reasons of an item's placement, joined, with the critical path named."""
    return _why(f, f.roadmap.placements[key], f.lang._("on the critical path"))


def _why(f: Facts, placed: Placement, critical: str) -> str:
    parts = [reason(f, row) for row in placed.reasons]
    if placed.critical:
        parts.append(critical)
    return "; ".join(parts)


def by_period(f: Facts) -> str:
    _, w = f.lang._, f.w
    placements = f.roadmap.placements
    starts: dict[int, list[str]] = defaultdict(list)
    for item in f.ranked:
        if item.key in placements:
            starts[placements[item.key].start].append(item.key)
    milestones: dict[int, list] = defaultdict(list)
    for ms in sorted(f.doc.milestones, key=lambda m: (m.date, m.key)):
        milestones[f.cal.index_of(ms.date)].append(ms)
    if not starts and not milestones and not f.roadmap.warnings:
        return ""
    out = [w.heading(2, _("Roadmap by period"))]
    headers = [_("Item"), _("Owner"), _("Team"), _("Effort"), _("Ends"), _("Why here")]
    critical = _("on the critical path")
    items, ref, owner, team, number, period = f.items, f.item, f.owner, f.team, f.number, f.period
    for index in sorted(set(starts) | set(milestones)):
        out.append(w.heading(3, f.period(index)))
        out.append(w.para(f.lang.span(f.cal.start_of(index), f.cal.end_of(index))))
        rows = []
        for key in starts.get(index, []):
            item, placed = items[key], placements[key]
            rows.append(
                [
                    ref(key),
                    owner(item),
                    team(item.team),
                    number(item.effort),
                    period(placed.end),
                    _why(f, placed, critical),
                ]
            )
        if rows:
            out.append(w.table(headers, rows))
        if index in milestones:
            out.append(w.para(_("Milestones in this period:")))
            out.append(w.bullets(_milestone(f, ms) for ms in milestones[index]))
    if f.roadmap.unplaced:
        out.append(w.heading(3, _("Not placed")))
        out.append(w.bullets(f.item(k) for k in f.roadmap.unplaced if k in f.items))
    if f.roadmap.warnings:
        out.append(w.heading(3, _("Warnings")))
        out.append(w.bullets(warning(f, row) for row in f.roadmap.warnings))
    return w.join(out)


def _milestone(f: Facts, ms) -> str:
    line = f"{f.lang.date(ms.date)}: {f.w.strong(f.name(ms))}"
    known = [k for k in ms.items if k in f.items]
    if known:
        line += " — " + f.lang._("waits for {items}", items=", ".join(f.item(k) for k in known))
    return line


def changes(f: Facts, baseline: str, found: Sequence[Change]) -> str:
    """What moved, was added, dropped or finished since baseline ``baseline``, and why."""
    _, w = f.lang._, f.w
    head = w.heading(2, _("Changes since {baseline}", baseline=f.escape(baseline)))
    if not found:
        return w.join([head, w.para(_("Nothing has changed since the baseline."))])
    rows = []
    for change in found:
        name = f.item(change.key) if change.key in f.items else f.escape(change.key)
        before = f.period(change.before) if change.before is not None else "–"
        after = f.period(change.after) if change.after is not None else "–"
        why_text = "; ".join(reason(f, row) for row in change.reasons)
        if change.kind in ("team", "effort"):  # it stays where it was: say what changed
            why_text = ", ".join(change_facts(change, f.period, f.lang, _team(f)))
        elif change.kind == "priority":
            why_text = _(
                "priority {before} → {after}",
                before=f.lang.number(change.priority_before or 0),
                after=f.lang.number(change.priority_after or 0),
            )
        kind = _(CHANGES[change.kind]) if change.kind in CHANGES else f.escape(change.kind)
        rows.append([kind, name, before, after, why_text])
    headers = [_("Change"), _("Item"), _("Before"), _("Now"), _("Why")]
    return w.join([head, w.table(headers, rows)])


def _team(f: Facts):
    """A team as the document names it, escaped."""
    return lambda key: f.team(key) or f.escape(key or "-")
