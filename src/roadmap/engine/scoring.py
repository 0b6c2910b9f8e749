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
from functools import cache
from operator import attrgetter, itemgetter
from typing import Any

from roadmap.engine.deadlines import Pressure
from roadmap.engine.inputs import CriterionData, ItemData
from roadmap.engine.needs import NO_NEEDS, NeedValue, on_scale
from roadmap.engine.result import Score, ScorePart
from roadmap.i18n import N_, _, language, numeral

METHODS = ("weighted", "rice", "wsjf", "moscow")
SCALES: dict[str, tuple[float, float]] = {"1-5": (1.0, 5.0), "0-10": (0.0, 10.0)}
SCALES["fibonacci"] = (1.0, 21.0)
BANDS = {"wont": 0, "could": 1, "should": 2, "must": 3}
BAND_NAMES = {"wont": N_("won't"), "could": N_("could"), "should": N_("should"), "must": N_("must")}
"""Each MoSCoW class as the notes name its band."""
BAND_WIDTH = 25.0
BAND_SPREAD = 24.0
"""Points the weighted score spreads over inside a band, leaving a gap below the next band."""
MANDATORY = N_("mandatory: sequenced ahead of optional work whatever its score")

Breakdown = tuple[float, tuple[ScorePart, ...], tuple[str, ...]]
"""A score, its parts and its notes."""

_FIRST, _SECOND, _CONTRIBUTION = itemgetter(0), itemgetter(1), attrgetter("contribution")


def _clamp01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def _num(x: float) -> str:
    """``x`` to three significant digits, in the reader's numerals."""
    return numeral(f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}")


@cache
def _ratio_words(lang: str) -> dict[str, str]:
    """The words of RICE and WSJF breakdowns in ``lang`` (the interface's language), looked
    up once: a plan words them for every item."""
    return {
        "reach": _("reach"),
        "reach_needs": _("reach (from needs)"),
        "impact": _("impact"),
        "confidence": _("confidence"),
        "effort": _("effort"),
        "rice": _(
            "RICE = reach {reach} x impact {impact} x confidence {confidence} / effort "
            "{effort} = {raw}"
        ),
        "cost": _("cost of delay"),
        "cost_needs": _("cost of delay (from needs)"),
        "size": _("job size"),
        "wsjf": _("WSJF = cost of delay {cost} / job size {size} = {raw}"),
        "typed": _(" (the typed {label} counts; derived from needs: {derived})"),
        "highest": _("the plan's highest {name} ({top}) scores 100"),
        "missing": _("no {factors}: counted as 0"),
        "or": _(" or "),
        "no_effort": _("no effort: counted as the plan's smallest ({effort})"),
    }


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
            top = max((model._raw(item, worded=False)[0] for item in items), default=0.0)
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
        pressed, pressure, scaled = self.pressed, self.pressure, self._scaled
        found, mandatory = [], ""
        breakdown: Breakdown | None
        for item in items:
            if ratio:
                breakdown = self._ratio(item)
            else:  # items with the same values score alike
                key = (item.moscow if moscow else None, *map(item.scores.get, keys))
                if derived:  # the derived values, worked into the criteria's on a miss
                    reach = needs.get(item.key, NO_NEEDS).reach
                    key += (scaled.get(reach) or self._scale(reach),)
                if pressed:
                    press = pressure.get(item.key)
                    key += (press.value if press is not None else 0.0,)
                breakdown = cache.get(key)
                if breakdown is None:
                    breakdown = cache[key] = self._breakdown(key)
            if needs and item.key in needs:
                breakdown = (breakdown[0], breakdown[1], (*breakdown[2], *needs[item.key].notes))
            if pressed and item.key in pressure:
                note = pressure[item.key].note
                breakdown = (breakdown[0], breakdown[1], (*breakdown[2], note))
            if item.mandatory:
                mandatory = mandatory or _(MANDATORY)
                breakdown = (breakdown[0], breakdown[1], (*breakdown[2], mandatory))
            found.append(breakdown)
        return found

    def _derive(self, values: list, scaled: tuple[tuple[str, float], ...]) -> None:
        """Set each derived criterion's value in ``values`` to ``(typed, derived)``: ``typed``
        is the item's own value, or ``"needs"`` where it has none and the derived one counts."""
        for i, pair in zip(self.derived, scaled, strict=True):
            typed = values[i]
            values[i] = pair if typed is None else (typed, pair[1])

    def _press(self, values: list, pressure: float) -> None:
        """Set each deadline criterion's value in ``values`` to ``("deadline", value)`` where
        the item has none of its own, else ``(typed, value, "deadline")``: the deadline
        ``pressure`` on the criterion's scale."""
        for i in self.pressed:
            lo, hi = self.spans[i]
            value = round(lo + pressure * (hi - lo), 2)
            typed = values[i]
            values[i] = ("deadline", value) if typed is None else (typed, value, "deadline")

    def _scale(self, reach: float) -> tuple[tuple[str, float], ...]:
        """``("needs", value)`` of ``reach`` on each derived criterion's scale; cached by
        ``reach``, which many items share."""
        found = tuple(("needs", round(on_scale(reach, *self.spans[i]), 2)) for i in self.derived)
        self._scaled[reach] = found
        return found

    def _breakdown(self, key: tuple) -> Breakdown:
        """The breakdown of ``key``: the band, the criteria's values, and after them the
        derived values on their scales (:meth:`_scale`) and the deadline pressure, where the
        model has such criteria."""
        band, *values = key
        if self.pressed:
            self._press(values, values.pop())
        if self.derived:
            self._derive(values, values.pop())
        return self._moscow(band, values) if self.method == "moscow" else self._weighted(values)

    def _weighted(self, values: list[float | None]) -> Breakdown:
        if not self.criteria:
            return 0.0, (), (_("no weighted criteria: every item scores 0"),)
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
        label = _("{name} (workshop votes)", name=name) if is_total else name
        if isinstance(value, tuple) and (value[0] == "deadline" or len(value) == 3):
            typed, derived = value[0], value[1]  # deadline pressure: see _press
            if typed == "deadline":
                value, label = derived, _("{name} (from deadline pressure)", name=name)
            else:
                value = typed
                note = _(
                    "{name}: the typed {typed} counts; deadline pressure: {derived}",
                    name=name,
                    typed=_num(typed),
                    derived=numeral(format(derived, "g")),
                )
        elif isinstance(value, tuple):  # a derived criterion: see _derive
            typed, derived = value
            if typed == "needs":
                value, label = derived, _("{name} (from needs)", name=name)
                if derived <= lo:
                    note = _("answers no need: counted at the bottom of {name}", name=name)
            else:
                value = typed
                note = _(
                    "{name}: the typed {typed} counts; derived from needs: {derived}",
                    name=name,
                    typed=_num(typed),
                    derived=numeral(format(derived, "g")),
                )
        if value is None:
            n = 0.0 if c.workshop else 0.5
            note = (
                _("no votes on {name}: counted as 0", name=name)
                if c.workshop
                else _("not scored on {name}: counted as the middle of its scale", name=name)
            )
        else:
            n = _clamp01((value - lo) / (hi - lo))
        if c.direction == "cost":
            n = 1.0 - n
        label = _("{name} (cost)", name=label) if c.direction == "cost" else label
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
        name = _(BAND_NAMES[band])
        head = ScorePart(_("MoSCoW: {band}", band=name), None, None, low)
        if moscow not in BANDS:
            notes = (_("not classified by MoSCoW: counted as {band}", band=name), *notes)
        notes = (
            _(
                "{band} band ({low}-{high}); the weighted score {weighted} places it within "
                "the band",
                band=name,
                low=format(low, ".0f"),
                high=format(low + BAND_SPREAD, ".0f"),
                weighted=numeral(format(weighted, ".1f")),
            ),
            *notes,
        )
        return low + weighted * k, (head, *scaled), notes

    def _raw(
        self, item: ItemData, *, worded: bool = True
    ) -> tuple[float, tuple[ScorePart, ...], str]:
        """RICE or WSJF before normalisation, its factors, and the formula in words (unless
        not ``worded``: only the value is wanted)."""
        effort = item.effort if item.effort > 0 else self.min_effort
        derived = self.needs.get(item.key) if self.needs else None
        words = _ratio_words(language()) if worded else {}
        if self.method == "rice":
            typed = item.reach
            label, given = words.get("reach", ""), typed
            if typed is None and derived is not None:
                label, given = words.get("reach_needs", ""), round(derived.reach, 3)
            reach, impact = given or 0.0, item.impact or 0.0
            raw = reach * impact * item.confidence / effort
            if not worded:
                return raw, (), ""
            factors: tuple[tuple[str, float | None], ...] = (
                (label, given),
                (words["impact"], item.impact),
                (words["confidence"], item.confidence),
                (words["effort"], item.effort),
            )
            formula = words["rice"].format(
                reach=_num(reach),
                impact=_num(impact),
                confidence=_num(item.confidence),
                effort=_num(effort),
                raw=_num(raw),
            )
        else:
            typed = item.cost_of_delay
            label, given = words.get("cost", ""), typed
            if typed is None and derived is not None:
                label, given = words.get("cost_needs", ""), round(derived.reach, 3)
            cod = given or 0.0
            raw = cod / effort
            if not worded:
                return raw, (), ""
            factors = ((label, given), (words["size"], item.effort))
            formula = words["wsjf"].format(
                cost=_num(cod),
                size=_num(effort),
                raw=_num(raw),
            )
        if typed is not None and derived is not None:
            formula += words["typed"].format(
                label=label,
                derived=numeral(format(derived.reach, ".3g")),
            )
        parts = tuple(ScorePart(name, value, None, 0.0) for name, value in factors)
        return raw, parts, formula

    def _ratio(self, item: ItemData) -> Breakdown:
        raw, parts, formula = self._raw(item)
        name = self.method.upper()
        score = 100.0 * raw / self.top if self.top > 0 else 0.0
        weight = 100.0 / self.top if self.top > 0 else 0.0
        words = _ratio_words(language())
        notes = [formula, words["highest"].format(name=name, top=_num(self.top))]
        missing = [p.label for p in parts if p.value is None]
        if missing:
            notes.append(words["missing"].format(factors=words["or"].join(missing)))
        if item.effort <= 0:
            notes.append(words["no_effort"].format(effort=_num(self.min_effort)))
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
