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
from datetime import date
from typing import Any

from roadmap.engine.result import Placement, Reason, Roadmap, Score, ScorePart, Warning

FORMAT = "roadmap-baseline/1"
KINDS = ("earlier", "later", "ends_earlier", "ends_later", "added", "dropped", "done", "team",
         "effort", "priority")  # fmt: skip
"""Kinds of change, in the order :func:`diff` lists them."""
PRIORITY_STEP = 0.5
"""Priorities that differ by less than this count as unchanged."""


@dataclass(frozen=True, slots=True)
class Change:
    """How one item differs from the baseline, named by its most telling change (``kind``),
    with the facts of all of them; :func:`roadmap.i18n.terms.change_text` words them for a
    reader."""

    key: str
    kind: str
    """One of :data:`KINDS`."""
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
    facts: tuple[str, ...] = ()
    """What else changed with an item placed in both: ``end`` (when it moved and its length
    changed), ``span`` (its number of periods), ``effort``, ``team`` and ``priority``."""
    span_before: int | None = None
    span_after: int | None = None
    """Its number of periods."""
    gone: str | None = None
    """Why a ``dropped`` item has no place now: ``dropped``, ``unplaced`` (it can no longer
    be placed) or ``removed`` (no longer in the plan)."""


def _reason(r: Reason) -> dict[str, Any]:
    return {
        "kind": r.kind,
        "items": list(r.items),
        "period": r.period,
        "team": r.team,
        "first": r.first,
        "pinned": list(r.pinned),
        "day": r.day.isoformat() if r.day else None,
        "gap": r.gap,
    }


def _warning(w: Warning) -> dict[str, Any]:
    return {
        "kind": w.kind,
        "items": list(w.items),
        "team": w.team,
        "period": w.period,
        "cause": w.cause,
        "deadline": w.deadline.isoformat() if w.deadline else None,
        "due": w.due,
        "blocker_end": w.blocker_end,
        "count": w.count,
        "amount": w.amount,
        "unknown": list(w.unknown),
    }


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


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

    def reason(r: dict[str, Any]) -> Reason:  # baselines saved before some fields lack them
        return Reason(
            r["kind"], tuple(r["items"]), r["period"], r["team"], r.get("first"),
            tuple(r.get("pinned", ())), _day(r.get("day")), r.get("gap", 0),
        )  # fmt: skip

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
        Warning(
            w["kind"],
            tuple(w["items"]),
            w["team"],
            w["period"],
            w.get("cause", ""),
            _day(w.get("deadline")),
            w.get("due"),
            w.get("blocker_end"),
            w.get("count"),
            w.get("amount"),
            tuple(w.get("unknown", ())),
        )
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


def diff(baseline: Roadmap, current: Roadmap) -> tuple[Change, ...]:
    """What changed from ``baseline`` to ``current``, by kind (see :data:`KINDS`), then key."""
    out: list[Change] = []
    for key, now in current.placements.items():
        was = baseline.placements.get(key)
        if was is None:
            out.append(
                Change(
                    key, "added", None, now.start, None, now.effective_priority, now.reasons,
                    end_after=now.end, effort_after=_effort(now), team_after=now.team,
                )
            )  # fmt: skip
            continue
        change = _changed(key, was, now)
        if change is not None:
            out.append(change)
    for key, was in baseline.placements.items():
        if key in current.placements:
            continue
        kind, gone = ("done", None) if key in current.done else ("dropped", _gone(key, current))
        out.append(Change(key, kind, was.start, None, was.effective_priority, None, gone=gone))
    order = {kind: i for i, kind in enumerate(KINDS)}
    return tuple(sorted(out, key=lambda c: (order[c.kind], c.key)))


def _gone(key: str, current: Roadmap) -> str:
    """Why an item of the baseline has no place now (see :attr:`Change.gone`)."""
    if key in current.dropped:
        return "dropped"
    return "unplaced" if key in current.unplaced else "removed"


def _effort(p: Placement) -> float:
    """The effort an item was placed with: what its load adds up to."""
    return sum(e for _period, e in p.load)


def _changed(key: str, was: Placement, now: Placement) -> Change | None:
    """The change of an item placed in both roadmaps, or None when it is the same."""
    moved, ends = now.start != was.start, now.end != was.end
    effort_was, effort_now = _effort(was), _effort(now)
    effort = abs(effort_now - effort_was) > 1e-9
    team = now.team != was.team
    priority = abs(now.effective_priority - was.effective_priority) >= PRIORITY_STEP
    if not (moved or ends or effort or team or priority):
        return None
    span_was, span_now = was.end - was.start + 1, now.end - now.start + 1
    facts = tuple(
        fact
        for fact, changed in (
            ("end", moved and span_was != span_now),  # moved as a whole, the end says nothing new
            ("span", span_was != span_now),
            ("effort", effort),
            ("team", team),
            ("priority", priority),
        )
        if changed
    )
    reasons: tuple[Reason, ...] = ()
    before, after = was.start, now.start
    if moved:
        kind = "earlier" if now.start < was.start else "later"
        reasons = now.reasons
    elif ends:
        kind = "ends_earlier" if now.end < was.end else "ends_later"
        before, after, reasons = was.end, now.end, now.reasons
    else:
        kind = "team" if team else "effort" if effort else "priority"
    return Change(
        key, kind, before, after, was.effective_priority, now.effective_priority, reasons,
        was.end, now.end, effort_was, effort_now, was.team, now.team, facts, span_was, span_now,
    )  # fmt: skip
