"""Prioritisation: a 0-100 score per item, with the parts and notes that explain it.

A plan picks one method:

``weighted``
    Each criterion's value is normalised to 0-1 by its scale (``1-5``, ``0-10``,
    ``fibonacci`` = 1..21), turned round for ``cost`` criteria (``1 - n``), and weighted;
    100 means the top of every scale. A value nobody gave counts as the middle of the scale.
    Workshop criteria hold either mean scores (values inside the scale: normalised by it) or
    vote totals (any value outside it: normalised by the plan's largest total); an item nobody
    voted for counts as 0.
``rice``
    reach x impact x confidence / effort, as a share of the plan's highest RICE.
``wsjf``
    cost of delay / job size (effort), as a share of the plan's highest WSJF.
``moscow``
    Bands of 25 points (won't 0-24, could 25-49, should 50-74, must 75-99); the weighted
    score orders items within their band. An unclassified item counts as *could*.

Efforts of zero count as the smallest positive effort of the plan, so that a free item does
not divide by zero nor flatten every other score. Plan-wide figures (highest RICE or WSJF,
largest vote totals) come from the items being sequenced: :meth:`ScoreModel.fit` collects
them, :meth:`ScoreModel.score` scores one item, so a changed item can be scored alone as long
as the plan-wide figures stay the same.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from roadmap.engine.deadlines import Pressure
from roadmap.engine.inputs import CriterionData, ItemData
from roadmap.engine.needs import NO_NEEDS, NeedValue, on_scale
from roadmap.engine.result import Score, ScorePart

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing for the sequencer
if TYPE_CHECKING:
    from typing import Any

METHODS = ("weighted", "rice", "wsjf", "moscow")
SCALES: dict[str, tuple[float, float]] = {"1-5": (1.0, 5.0), "0-10": (0.0, 10.0)}
SCALES["fibonacci"] = (1.0, 21.0)
BANDS = {"wont": 0, "could": 1, "should": 2, "must": 3}
BAND_NAMES = {"wont": "won't", "could": "could", "should": "should", "must": "must"}
BAND_WIDTH = 25.0
BAND_SPREAD = 24.0
"""Points the weighted score spreads over inside a band, leaving a gap below the next band."""
MANDATORY = "mandatory: sequenced ahead of optional work whatever its score"

Breakdown = tuple[float, tuple[ScorePart, ...], tuple[str, ...]]
"""A score, its parts and its notes."""

_FIRST, _SECOND, _CONTRIBUTION = itemgetter(0), itemgetter(1), attrgetter("contribution")


def _clamp01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def _num(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


@dataclass(frozen=True, slots=True)
class ScoreModel:
    """A scoring method with the plan-wide figures it normalises by."""

    method: str
    criteria: tuple[CriterionData, ...]
    spans: tuple[tuple[float, float], ...]
    """Per criterion: the values that map to 0 and to 1."""
    vote_totals: tuple[bool, ...]
    """Per criterion: normalised by the plan's largest value (workshop vote totals)."""
    min_effort: float
    top: float
    """Highest raw RICE or WSJF of the plan (1 for the other methods)."""
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)
    """Keys of ``criteria``."""
    needs: Mapping[str, NeedValue] = field(default_factory=dict, compare=False, repr=False)
    """The derived reach of the items that answer needs (:mod:`roadmap.engine.needs`)."""
    derived: tuple[int, ...] = ()
    """Indexes of the criteria whose unscored values are derived from needs."""
    pressure: Mapping[str, Pressure] = field(default_factory=dict, compare=False, repr=False)
    """The deadline pressure of the items with deadlines (:mod:`roadmap.engine.deadlines`)."""
    pressed: tuple[int, ...] = ()
    """Indexes of the criteria whose unscored values are derived from deadline pressure."""
    _cache: dict[tuple, Any] = field(default_factory=dict, compare=False, repr=False)
    """Breakdowns by criterion values, and parts by criterion and value: items score alike."""
    _scaled: dict[float, tuple[tuple[str, float], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Derived criterion values by derived reach (:meth:`_scale`)."""

    @classmethod
    def fit(
        cls,
        method: str,
        criteria: Iterable[CriterionData],
        items: Iterable[ItemData],
        needs: Mapping[str, NeedValue] | None = None,
        pressure: Mapping[str, Pressure] | None = None,
    ) -> ScoreModel:
        """The model for ``method`` over ``items`` (the items being sequenced), with the
        derived reach of the items that answer ``needs`` and the deadline ``pressure`` on
        items."""
        if method not in METHODS:
            raise ValueError(f"unknown scoring method {method!r} (use {', '.join(METHODS)})")
        items = tuple(items)
        criteria = tuple(c for c in criteria if c.weight > 0)
        spans, totals = [], []
        for c in criteria:
            lo, hi = SCALES.get(c.scale, SCALES["1-5"])
            if not c.workshop:  # only workshop vote totals are normalised by the plan
                spans.append((lo, hi))
                totals.append(False)
                continue
            values = (
                [v for x in items if (v := x.scores.get(c.key)) is not None] if c.workshop else []
            )
            is_total = any(v < lo or v > hi for v in values)
            spans.append((0.0, max(values) or 1.0) if is_total else (lo, hi))
            totals.append(is_total)
        efforts = [item.effort for item in items if item.effort > 0]
        least = min(efforts, default=1.0)
        keys = tuple(c.key for c in criteria)
        derived = tuple(i for i, c in enumerate(criteria) if c.derived == "needs")
        pressed = tuple(i for i, c in enumerate(criteria) if c.derived == "deadline")
        model = cls(
            method, criteria, tuple(spans), tuple(totals), least, 1.0, keys, needs or {}, derived,
            pressure=pressure or {}, pressed=pressed,
        )  # fmt: skip
        if method in ("rice", "wsjf"):
            top = max((model._raw(item)[0] for item in items), default=0.0)
            model = dataclasses.replace(model, top=top)
        return model

    def refit(self, items: Iterable[ItemData]) -> ScoreModel:
        """The model over ``items`` after a change of scores alone, efforts unchanged: the
        same model unless its plan-wide figures come from scores (RICE, WSJF, vote totals)."""
        if self.method in ("rice", "wsjf") or any(c.workshop for c in self.criteria):
            return ScoreModel.fit(self.method, self.criteria, items, self.needs, self.pressure)
        return self

    def score(self, item: ItemData) -> Score:
        """The item's score with its breakdown."""
        return Score(item.key, self.method, *self.breakdown(item))

    def breakdown(self, item: ItemData) -> Breakdown:
        """The item's score, parts and notes."""
        return self.breakdowns((item,))[0]

    def breakdowns(self, items: Iterable[ItemData]) -> list[Breakdown]:
        """:meth:`breakdown` of each of ``items``, in one loop over a plan's items."""
        ratio, moscow = self.method in ("rice", "wsjf"), self.method == "moscow"
        cache, keys, needs, derived = self._cache, self.keys, self.needs, self.derived
        pressed, pressure = self.pressed, self.pressure
        found = []
        breakdown: Breakdown | None
        for item in items:
            if ratio:
                breakdown = self._ratio(item)
            else:  # items with the same values score alike
                key = (item.moscow if moscow else None, *map(item.scores.get, keys))
                if derived:
                    key = self._derive(key, item)
                if pressed:
                    key = self._press(key, item)
                breakdown = cache.get(key)
                if breakdown is None:
                    breakdown = cache[key] = self._breakdown(key)
            if needs and item.key in needs:
                breakdown = (breakdown[0], breakdown[1], (*breakdown[2], *needs[item.key].notes))
            if pressed and item.key in pressure:
                note = pressure[item.key].note
                breakdown = (breakdown[0], breakdown[1], (*breakdown[2], note))
            if item.mandatory:
                breakdown = (breakdown[0], breakdown[1], (*breakdown[2], MANDATORY))
            found.append(breakdown)
        return found

    def _derive(self, key: tuple, item: ItemData) -> tuple:
        """``key`` with each derived criterion's value as ``(typed, derived)``: ``typed`` is
        the item's own value, or ``"needs"`` where it has none and the derived one counts."""
        reach = self.needs.get(item.key, NO_NEEDS).reach
        scaled = self._scaled.get(reach) or self._scale(reach)
        values = list(key)
        for i, pair in zip(self.derived, scaled, strict=True):
            typed = key[i + 1]
            values[i + 1] = pair if typed is None else (typed, pair[1])
        return tuple(values)

    def _press(self, key: tuple, item: ItemData) -> tuple:
        """``key`` with each deadline criterion's value as ``("deadline", value)`` where the
        item has none of its own, else ``(typed, value, "deadline")``: the deadline pressure
        on the criterion's scale."""
        found = self.pressure.get(item.key)
        pressure = found.value if found is not None else 0.0
        values = list(key)
        for i in self.pressed:
            lo, hi = self.spans[i]
            value = round(lo + pressure * (hi - lo), 2)
            typed = key[i + 1]
            values[i + 1] = ("deadline", value) if typed is None else (typed, value, "deadline")
        return tuple(values)

    def _scale(self, reach: float) -> tuple[tuple[str, float], ...]:
        """``("needs", value)`` of ``reach`` on each derived criterion's scale; cached by
        ``reach``, which many items share."""
        found = tuple(("needs", round(on_scale(reach, *self.spans[i]), 2)) for i in self.derived)
        self._scaled[reach] = found
        return found

    def _breakdown(self, key: tuple) -> Breakdown:
        band, *values = key
        return self._moscow(band, values) if self.method == "moscow" else self._weighted(values)

    def _weighted(self, values: list[float | None]) -> Breakdown:
        if not self.criteria:
            return 0.0, (), ("no weighted criteria: every item scores 0",)
        cache, part = self._cache, self._part  # most parts are cached: no call for those
        found = [cache.get((i, value)) or part(i, value) for i, value in enumerate(values)]
        parts = tuple(map(_FIRST, found))
        return sum(map(_CONTRIBUTION, parts)), parts, tuple(filter(None, map(_SECOND, found)))

    def _part(self, i: int, value: float | None) -> tuple[ScorePart, str]:
        """Criterion ``i`` at ``value``: its part of the score, and a note when unscored;
        cached by ``(i, value)``."""
        c, (lo, hi), is_total = self.criteria[i], self.spans[i], self.vote_totals[i]
        name, note = c.name or c.key, ""
        cache_key = (i, value)
        label = f"{name} (workshop votes)" if is_total else name
        if isinstance(value, tuple) and (value[0] == "deadline" or len(value) == 3):
            typed, derived = value[0], value[1]  # deadline pressure: see _press
            if typed == "deadline":
                value, label = derived, f"{name} (from deadline pressure)"
            else:
                value = typed
                note = f"{name}: the typed {_num(typed)} counts; deadline pressure: {derived:g}"
        elif isinstance(value, tuple):  # a derived criterion: see _derive
            typed, derived = value
            if typed == "needs":
                value, label = derived, f"{name} (from needs)"
                if derived <= lo:
                    note = f"answers no need: counted at the bottom of {name}"
            else:
                value = typed
                note = f"{name}: the typed {_num(typed)} counts; derived from needs: {derived:g}"
        if value is None:
            n = 0.0 if c.workshop else 0.5
            note = (
                f"no votes on {name}: counted as 0"
                if c.workshop
                else f"not scored on {name}: counted as the middle of its scale"
            )
        else:
            n = _clamp01((value - lo) / (hi - lo))
        if c.direction == "cost":
            n = 1.0 - n
        label = f"{label} (cost)" if c.direction == "cost" else label
        total = sum(x.weight for x in self.criteria)
        part = ScorePart(label, value, c.weight, 100.0 * c.weight * n / total)
        self._cache[cache_key] = (part, note)
        return part, note

    def _moscow(self, moscow: str | None, values: list[float | None]) -> Breakdown:
        weighted, parts, notes = self._weighted(values)
        band = moscow if moscow in BANDS else "could"
        low = BANDS[band] * BAND_WIDTH
        k = BAND_SPREAD / 100.0
        scaled = tuple(ScorePart(p.label, p.value, p.weight, p.contribution * k) for p in parts)
        head = ScorePart(f"MoSCoW: {BAND_NAMES[band]}", None, None, low)
        if moscow not in BANDS:
            notes = ("not classified by MoSCoW: counted as could", *notes)
        notes = (
            f"{BAND_NAMES[band]} band ({low:.0f}-{low + BAND_SPREAD:.0f}); the weighted score "
            f"{weighted:.1f} places it within the band",
            *notes,
        )
        return low + weighted * k, (head, *scaled), notes

    def _raw(self, item: ItemData) -> tuple[float, tuple[ScorePart, ...], str]:
        """RICE or WSJF before normalisation, its factors, and the formula in words."""
        effort = item.effort if item.effort > 0 else self.min_effort
        derived = self.needs.get(item.key) if self.needs else None
        if self.method == "rice":
            typed = item.reach
            label, given = "reach", typed
            if typed is None and derived is not None:
                label, given = "reach (from needs)", round(derived.reach, 3)
            reach, impact = given or 0.0, item.impact or 0.0
            raw = reach * impact * item.confidence / effort
            factors: tuple[tuple[str, float | None], ...] = (
                (label, given),
                ("impact", item.impact),
                ("confidence", item.confidence),
                ("effort", item.effort),
            )
            formula = (
                f"RICE = reach {_num(reach)} x impact {_num(impact)} x confidence "
                f"{_num(item.confidence)} / effort {_num(effort)} = {_num(raw)}"
            )
        else:
            typed = item.cost_of_delay
            label, given = "cost of delay", typed
            if typed is None and derived is not None:
                label, given = "cost of delay (from needs)", round(derived.reach, 3)
            cod = given or 0.0
            raw = cod / effort
            factors = ((label, given), ("job size", item.effort))
            formula = f"WSJF = cost of delay {_num(cod)} / job size {_num(effort)} = {_num(raw)}"
        if typed is not None and derived is not None:
            formula += f" (the typed {label} counts; derived from needs: {derived.reach:.3g})"
        parts = tuple(ScorePart(name, value, None, 0.0) for name, value in factors)
        return raw, parts, formula

    def _ratio(self, item: ItemData) -> Breakdown:
        raw, parts, formula = self._raw(item)
        name = self.method.upper()
        score = 100.0 * raw / self.top if self.top > 0 else 0.0
        weight = 100.0 / self.top if self.top > 0 else 0.0
        notes = [formula, f"the plan's highest {name} ({_num(self.top)}) scores 100"]
        missing = [p.label for p in parts if p.value is None]
        if missing:
            notes.append(f"no {' or '.join(missing)}: counted as 0")
        if item.effort <= 0:
            notes.append(f"no effort: counted as the plan's smallest ({_num(self.min_effort)})")
        return score, (*parts, ScorePart(name, raw, weight, score)), tuple(notes)


def score_items(
    method: str,
    criteria: Iterable[CriterionData],
    items: Iterable[ItemData],
    needs: Mapping[str, NeedValue] | None = None,
) -> dict[str, Score]:
    """Scores of ``items`` by ``method``, keyed by item key."""
    items = tuple(items)
    model = ScoreModel.fit(method, criteria, items, needs)
    return {item.key: model.score(item) for item in items}
