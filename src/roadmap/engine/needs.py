"""Needs that weigh: the derived scoring input of the needs an item answers.

An item that answers well-evidenced, important needs of many actors, and that gives actors
access to sources they need but cannot reach today, is worth more. :func:`need_values` turns
that into one number per item, its *derived reach*:

``w(n) = importance(n) / 5 x (1 - 1/2 ** (1 + evidence(n)))``
    the weight of need ``n``: its importance (1-5) scaled to 0-1, times how well it is backed;
    a need nobody has evidence for counts half, each piece of evidence halves what is left.
``w(a) = max w(n)`` over the needs of actor ``a`` that the item answers
    an actor counts once, however many of its needs the item answers.
``R = sum of w(a) over the actors + 1/2 x gaps closed``
    a gap is an actor that needs a source the item concerns and cannot reach it today.

More evidence never lowers ``R``: ``w(n)`` grows with it, and the rest are sums and maxima.
:func:`on_scale` maps ``R`` onto a criterion's scale as ``R / (1 + R)`` of the way from its
bottom to its top, so that the map needs no plan-wide figure and an item's score on a derived
criterion depends on its own needs alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from roadmap.i18n import _, ngettext
from roadmap.i18n.terms import evidence_count

GAP_WEIGHT = 0.5
"""What closing one gap (an actor reaching a source it needs) adds to the derived reach."""


@dataclass(frozen=True, slots=True)
class NeedData:
    """A need with its actor, importance and the evidence behind it."""

    key: str
    stakeholder: str
    importance: int = 3
    evidence: tuple[tuple[str, date], ...] = ()
    """``(method, date)`` of each piece of evidence that supports it."""

    @property
    def weight(self) -> float:
        """``w(n)``: importance scaled to 0-1, times how well the need is backed."""
        return self.importance / 5.0 * (1.0 - 0.5 ** (1 + len(self.evidence)))

    def backing(self) -> str:
        """``backed by 3 interviews and 1 survey, latest 2026-10`` or ``no evidence yet``."""
        if not self.evidence:
            return _("no evidence yet")
        counts = Counter(method for method, _day in self.evidence)
        kinds = [evidence_count(method, n) for method, n in sorted(counts.items())]
        latest = max(day for _method, day in self.evidence)
        return _(
            "backed by {evidence}, latest {month}",
            evidence=_join(kinds),
            month=format(latest, "%Y-%m"),
        )


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _("{first} and {last}", first=", ".join(words[:-1]), last=words[-1])


@dataclass(frozen=True, slots=True)
class NeedValue:
    """An item's derived reach, with what it comes from."""

    reach: float
    needs: tuple[NeedData, ...] = ()
    """The needs the item answers."""
    gaps: tuple[tuple[str, str], ...] = ()
    """``(actor, source)``: access the item gives to a source the actor needs."""
    notes: tuple[str, ...] = ()
    """``answers NEUVOLA-1, backed by 3 interviews, latest 2026-10`` per need, and the gaps
    closed: worded once per need for the whole plan, as a sequencing run reads them all."""


NO_NEEDS = NeedValue(0.0)
"""The value of an item that answers no need and closes no gap."""


def need_values(
    needs: Iterable[NeedData],
    answers: Mapping[str, Iterable[str]],
    concerns: Mapping[str, Iterable[str]] = {},
    gaps: Iterable[tuple[str, str]] = (),
) -> dict[str, NeedValue]:
    """The derived reach of each item that answers a need or closes a gap.

    ``answers`` maps an item to the keys of the needs it answers, ``concerns`` to the
    sources it concerns; ``gaps`` are ``(actor, source)`` pairs where the actor needs the
    source and cannot reach it.

    >>> needs = [NeedData("N-1", "nurse", 5, (("interview", date(2026, 10, 1)),) * 3),
    ...          NeedData("N-2", "family", 3)]
    >>> value = need_values(needs, {"CI-1": ["N-1", "N-2"]}, {"CI-1": ["reg"]},
    ...                     [("nurse", "reg")])["CI-1"]
    >>> round(value.reach, 4)
    1.7375
    """
    by_key = {n.key: n for n in needs}
    order = {key: i for i, key in enumerate(by_key)}
    weight = {key: n.weight for key, n in by_key.items()}
    notes_of: dict[str, tuple[str, ...]] = {key: (_note(n),) for key, n in by_key.items()}
    missing: dict[str, list[str]] = {}
    for actor, source in gaps:
        missing.setdefault(source, []).append(actor)
    values = {}
    for item in {*answers, *concerns}:
        keys = [k for k in answers.get(item, ()) if k in by_key]
        if len(keys) > 1:
            keys.sort(key=order.__getitem__)
        best: dict[str, float] = {}
        for key in keys:
            actor = by_key[key].stakeholder
            w = weight[key]
            if w > best.get(actor, -1.0):
                best[actor] = w
        closed = (
            [(a, source) for source in concerns.get(item, ()) for a in missing.get(source, ())]
            if missing
            else []
        )
        if keys or closed:
            closed.sort()
            notes = notes_of[keys[0]] if len(keys) == 1 else sum((notes_of[k] for k in keys), ())
            if closed:
                notes += (_closed_note(tuple(closed)),)
            answered = tuple(by_key[k] for k in keys)
            reach = sum(best.values()) + GAP_WEIGHT * len(closed)
            values[item] = NeedValue(reach, answered, tuple(closed), notes)
    return values


SHOWN_GAPS = 3
"""Gaps named in an item's note; more are counted."""


def _closed_note(closed: tuple[tuple[str, str], ...]) -> str:
    """``closes 2 access gaps: NEUVOLA to reg, PERHE to reg`` (the first few named)."""
    named = ", ".join(
        _("{actor} to {source}", actor=actor, source=source)
        for actor, source in closed[:SHOWN_GAPS]
    )
    more = len(closed) - SHOWN_GAPS
    if more > 0:
        named = ngettext("{gaps} and {n} more", "{gaps} and {n} more", more, gaps=named)
    return ngettext(
        "closes {n} access gap: {gaps}", "closes {n} access gaps: {gaps}", len(closed), gaps=named
    )


def _note(need: NeedData) -> str:
    return _("answers {key}, {backing}", key=need.key, backing=need.backing())


def on_scale(reach: float, low: float, high: float) -> float:
    """``reach`` as a value of a scale from ``low`` to ``high``: ``R / (1 + R)`` of the way.

    >>> on_scale(1.0, 1.0, 5.0), on_scale(0.0, 1.0, 5.0)
    (3.0, 1.0)
    """
    return low + (high - low) * reach / (1.0 + reach)
