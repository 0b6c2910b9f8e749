"""Baselines: a roadmap saved as plain data, and what changed since.

:func:`to_data` and :func:`from_data` turn a :class:`~roadmap.engine.result.Roadmap` into
JSON-able data and back (what the ``baseline`` table stores). :func:`diff` compares the
current roadmap with a baseline item by item: moved earlier or later (with the reasons it is
where it is now), added, dropped, done, or only its priority changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from roadmap.engine.result import Placement, Reason, Roadmap, Score, ScorePart, Warning
from roadmap.model.periods import Calendar

FORMAT = "roadmap-baseline/1"
KINDS = ("earlier", "later", "added", "dropped", "done", "priority")
"""Kinds of change, in the order :func:`diff` lists them."""
PRIORITY_STEP = 0.5
"""Priorities that differ by less than this count as unchanged."""


@dataclass(frozen=True, slots=True)
class Change:
    """How one item differs from the baseline; periods are start periods."""

    key: str
    kind: str
    """One of :data:`KINDS`."""
    text: str
    before: int | None = None
    after: int | None = None
    priority_before: float | None = None
    priority_after: float | None = None
    reasons: tuple[Reason, ...] = ()
    """Why the item is where it is now (for ``earlier``, ``later`` and ``added``)."""


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
    placements = {
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
        for key, p in roadmap.placements.items()
    }
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
    }


def from_data(data: dict[str, Any]) -> Roadmap:
    """The roadmap that :func:`to_data` wrote."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a saved roadmap (format {data.get('format')!r}, expected {FORMAT})")

    def reason(r: dict[str, Any]) -> Reason:
        return Reason(r["kind"], r["text"], tuple(r["items"]), r["period"], r["team"])

    placements = {
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
        for key, p in data["placements"].items()
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
        placements=placements,
        scores=scores,
        warnings=warnings,
        critical_path=tuple(data["critical_path"]),
        unplaced=tuple(data["unplaced"]),
        periods=data["periods"],
        done=tuple(data["done"]),
        dropped=tuple(data["dropped"]),
    )


def diff(baseline: Roadmap, current: Roadmap, calendar: Calendar) -> tuple[Change, ...]:
    """What changed from ``baseline`` to ``current``, by kind (see :data:`KINDS`), then key."""
    label = calendar.label
    out: list[Change] = []
    for key, now in current.placements.items():
        was = baseline.placements.get(key)
        if was is None:
            text = f"added in {label(now.start)}"
            out.append(
                Change(
                    key, "added", text, None, now.start, None, now.effective_priority, now.reasons
                )
            )
            continue
        moved = now.start != was.start
        changed = abs(now.effective_priority - was.effective_priority) >= PRIORITY_STEP
        if not (moved or changed):
            continue
        prio = f"priority {was.effective_priority:.0f} -> {now.effective_priority:.0f}"
        if moved:
            kind = "earlier" if now.start < was.start else "later"
            text = f"moved {kind} from {label(was.start)} to {label(now.start)}"
            text += f" ({prio})" if changed else ""
            why = "; ".join(r.text for r in now.reasons)
            text += f": {why}" if why else ""
            reasons = now.reasons
        else:
            kind, text, reasons = "priority", f"{prio}, still in {label(now.start)}", ()
        out.append(
            Change(
                key,
                kind,
                text,
                was.start,
                now.start,
                was.effective_priority,
                now.effective_priority,
                reasons,
            )
        )
    for key, was in baseline.placements.items():
        if key in current.placements:
            continue
        if key in current.done:
            kind, text = "done", f"done (was planned for {label(was.start)})"
        elif key in current.dropped:
            kind, text = "dropped", f"dropped (was planned for {label(was.start)})"
        elif key in current.unplaced:
            kind, text = "dropped", f"can no longer be placed (was in {label(was.start)})"
        else:
            kind, text = "dropped", f"no longer in the plan (was in {label(was.start)})"
        out.append(Change(key, kind, text, was.start, None, was.effective_priority, None))
    order = {kind: i for i, kind in enumerate(KINDS)}
    return tuple(sorted(out, key=lambda c: (order[c.kind], c.key)))
