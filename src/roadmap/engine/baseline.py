"""Baselines: a roadmap saved as plain data, and what changed since.

:func:`to_data` and :func:`from_data` turn a :class:`~roadmap.engine.result.Roadmap` into
JSON-able data and back (what the ``baseline`` table stores). :func:`diff` compares the
current roadmap with a baseline item by item: moved earlier or later (with the reasons it is
where it is now), ends earlier or later, added, dropped, done, moved to another team, its
effort changed, or only its priority changed; each change also names the others that came
with it (a new end, effort, team, number of periods or priority).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from roadmap.engine.result import Placement, Reason, Roadmap, Score, ScorePart, Warning
from roadmap.i18n import _, ngettext
from roadmap.i18n.terms import reason_text
from roadmap.model.periods import Calendar

FORMAT = "roadmap-baseline/1"
KINDS = ("earlier", "later", "ends_earlier", "ends_later", "added", "dropped", "done", "team",
         "effort", "priority")  # fmt: skip
"""Kinds of change, in the order :func:`diff` lists them."""
PRIORITY_STEP = 0.5
"""Priorities that differ by less than this count as unchanged."""


@dataclass(frozen=True, slots=True)
class Change:
    """How one item differs from the baseline, named by its most telling change (``kind``);
    ``text`` lists all of them."""

    key: str
    kind: str
    """One of :data:`KINDS`."""
    text: str
    before: int | None = None
    """The start period before (the end period for ``ends_earlier`` and ``ends_later``)."""
    after: int | None = None
    priority_before: float | None = None
    priority_after: float | None = None
    reasons: tuple[Reason, ...] = ()
    """Why the item is where it is now (when it moved or was added)."""
    end_before: int | None = None
    end_after: int | None = None
    effort_before: float | None = None
    effort_after: float | None = None
    team_before: str | None = None
    team_after: str | None = None


def _reason(r: Reason) -> dict[str, Any]:
    return {
        "kind": r.kind,
        "text": r.text,
        "items": list(r.items),
        "period": r.period,
        "team": r.team,
    }


def _warning(w: Warning) -> dict[str, Any]:
    return {
        "kind": w.kind,
        "text": w.text,
        "items": list(w.items),
        "team": w.team,
        "period": w.period,
    }


def to_data(roadmap: Roadmap) -> dict[str, Any]:
    """The roadmap as JSON-able data."""
    placements = _placements(roadmap.placements)
    milestones = _placements(roadmap.milestones)
    scores = {
        key: {
            "method": s.method,
            "score": s.score,
            "parts": [[x.label, x.value, x.weight, x.contribution] for x in s.parts],
            "notes": list(s.notes),
        }
        for key, s in roadmap.scores.items()
    }
    return {
        "format": FORMAT,
        "periods": roadmap.periods,
        "critical_path": list(roadmap.critical_path),
        "unplaced": list(roadmap.unplaced),
        "done": list(roadmap.done),
        "dropped": list(roadmap.dropped),
        "warnings": [_warning(w) for w in roadmap.warnings],
        "placements": placements,
        "scores": scores,
        "milestones": milestones,
    }


def _placements(placed: dict[str, Placement]) -> dict[str, Any]:
    return {
        key: {
            "start": p.start,
            "end": p.end,
            "score": p.score,
            "effective_priority": p.effective_priority,
            "inherited_from": p.inherited_from,
            "critical": p.critical,
            "slack": p.slack,
            "team": p.team,
            "committed": p.committed,
            "load": [list(x) for x in p.load],
            "reasons": [_reason(r) for r in p.reasons],
            "reached": p.reached,
        }
        for key, p in placed.items()
    }


def from_data(data: dict[str, Any]) -> Roadmap:
    """The roadmap that :func:`to_data` wrote."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a saved roadmap (format {data.get('format')!r}, expected {FORMAT})")

    def reason(r: dict[str, Any]) -> Reason:
        return Reason(r["kind"], r["text"], tuple(r["items"]), r["period"], r["team"])

    def placements(data: dict[str, Any]) -> dict[str, Placement]:
        return {
            key: Placement(
                key=key,
                start=p["start"],
                end=p["end"],
                score=p["score"],
                effective_priority=p["effective_priority"],
                inherited_from=p["inherited_from"],
                critical=p["critical"],
                slack=p["slack"],
                reasons=tuple(reason(r) for r in p["reasons"]),
                team=p["team"],
                committed=p["committed"],
                load=tuple((period, used) for period, used in p["load"]),
                reached=p.get("reached"),
            )
            for key, p in data.items()
        }

    scores = {
        key: Score(
            key,
            s["method"],
            s["score"],
            tuple(ScorePart(*x) for x in s["parts"]),
            tuple(s["notes"]),
        )
        for key, s in data["scores"].items()
    }
    warnings = tuple(
        Warning(w["kind"], w["text"], tuple(w["items"]), w["team"], w["period"])
        for w in data["warnings"]
    )
    return Roadmap(
        placements=placements(data["placements"]),
        scores=scores,
        warnings=warnings,
        critical_path=tuple(data["critical_path"]),
        unplaced=tuple(data["unplaced"]),
        periods=data["periods"],
        done=tuple(data["done"]),
        dropped=tuple(data["dropped"]),
        milestones=placements(data.get("milestones", {})),
    )


def diff(baseline: Roadmap, current: Roadmap, calendar: Calendar) -> tuple[Change, ...]:
    """What changed from ``baseline`` to ``current``, by kind (see :data:`KINDS`), then key."""
    label = calendar.label
    out: list[Change] = []
    for key, now in current.placements.items():
        was = baseline.placements.get(key)
        if was is None:
            text = _("added in {period}", period=label(now.start))
            out.append(
                Change(
                    key, "added", text, None, now.start, None, now.effective_priority, now.reasons,
                    end_after=now.end, effort_after=_effort(now), team_after=now.team,
                )
            )  # fmt: skip
            continue
        change = _changed(key, was, now, label)
        if change is not None:
            out.append(change)
    for key, was in baseline.placements.items():
        if key in current.placements:
            continue
        period = label(was.start)
        if key in current.done:
            kind, text = "done", _("done (was planned for {period})", period=period)
        elif key in current.dropped:
            kind, text = "dropped", _("dropped (was planned for {period})", period=period)
        elif key in current.unplaced:
            kind, text = "dropped", _("can no longer be placed (was in {period})", period=period)
        else:
            kind, text = "dropped", _("no longer in the plan (was in {period})", period=period)
        out.append(Change(key, kind, text, was.start, None, was.effective_priority, None))
    order = {kind: i for i, kind in enumerate(KINDS)}
    return tuple(sorted(out, key=lambda c: (order[c.kind], c.key)))


def _effort(p: Placement) -> float:
    """The effort an item was placed with: what its load adds up to."""
    return sum(e for _period, e in p.load)


def _changed(key: str, was: Placement, now: Placement, label) -> Change | None:
    """The change of an item placed in both roadmaps, or None when it is the same."""
    moved, ends = now.start != was.start, now.end != was.end
    effort_was, effort_now = _effort(was), _effort(now)
    effort = abs(effort_now - effort_was) > 1e-9
    team = now.team != was.team
    priority = abs(now.effective_priority - was.effective_priority) >= PRIORITY_STEP
    if not (moved or ends or effort or team or priority):
        return None
    facts = []
    span_was, span_now = was.end - was.start + 1, now.end - now.start + 1
    if moved and span_was != span_now:  # moved as a whole, the end says nothing new
        facts.append(_("ends in {now} (was {was})", now=label(now.end), was=label(was.end)))
    if span_was != span_now:
        facts.append(
            ngettext("{was} -> {n} period", "{was} -> {n} periods", span_now, was=span_was)
        )
    if effort:
        facts.append(
            _("effort {was} -> {now}", was=format(effort_was, "g"), now=format(effort_now, "g"))
        )
    if team:
        facts.append(_("team {was} -> {now}", was=was.team or "-", now=now.team or "-"))
    if priority:
        facts.append(
            _(
                "priority {was} -> {now}",
                was=format(was.effective_priority, ".0f"),
                now=format(now.effective_priority, ".0f"),
            )
        )
    details = f" ({', '.join(facts)})" if facts else ""
    reasons: tuple[Reason, ...] = ()
    before, after = was.start, now.start
    if moved:
        kind = "earlier" if now.start < was.start else "later"
        moved_text = (
            _("moved earlier from {was} to {now}")
            if kind == "earlier"
            else _("moved later from {was} to {now}")
        )
        text = moved_text.format(was=label(was.start), now=label(now.start)) + details
        reasons = now.reasons
    elif ends:
        kind = "ends_earlier" if now.end < was.end else "ends_later"
        text = (
            _("ends in {now} rather than {was}", now=label(now.end), was=label(was.end)) + details
        )
        before, after, reasons = was.end, now.end, now.reasons
    else:
        kind = "team" if team else "effort" if effort else "priority"
        text = _("{facts}, still in {period}", facts=", ".join(facts), period=label(now.start))
    why = "; ".join(reason_text(r, label) for r in reasons)
    text += f": {why}" if why else ""
    return Change(
        key, kind, text, before, after, was.effective_priority, now.effective_priority, reasons,
        was.end, now.end, effort_was, effort_now, was.team, now.team,
    )  # fmt: skip
