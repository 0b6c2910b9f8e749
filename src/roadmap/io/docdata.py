"""What every part of a stakeholder document looks up: entities by key, texts in a language.

:class:`Facts` indexes a :class:`~roadmap.model.inputs.PlanDoc` and its sequenced
:class:`~roadmap.engine.result.Roadmap` once, and hands out user texts in the export
language: a missing translation falls back to the plan's default language and is marked with
:data:`MARK`, which the document explains in a note. User text is escaped by the writer of the
output (:mod:`roadmap.io.doc_writer`); references to items, organisations and teams are
escaped once and remembered, as a large plan names each item many times.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, NamedTuple

from roadmap.engine.result import Roadmap
from roadmap.i18n import N_
from roadmap.i18n.lang import Lang
from roadmap.io.doc_writer import MARKDOWN, Writer
from roadmap.model.inputs import ItemIn, PlanDoc
from roadmap.model.periods import Calendar

MARK = "†"
"""Follows a text shown in the default language because its translation is missing."""

LANGUAGE_NAMES = {"fi": N_("Finnish"), "sv": N_("Swedish"), "en": N_("English")}


class Dep(NamedTuple):
    """One end of a dependency seen from an item: the other item and the kind."""

    key: str
    soft: bool


class _Memo(dict):
    """Values made by ``make`` on first lookup, then looked up like any dict's."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


class Facts:
    """A plan, its roadmap and one language, indexed for the document's sections.

    The names of items, organisations, teams, themes, needs and periods, and numbers, are
    made once and remembered: a large plan names each item many times. They are looked up
    through remembering dicts' own lookup, which costs less than a call of a method.
    """

    item: Callable[[str], str]
    """An item as readers see it in lists and tables: ``Title (KEY)``."""
    org: Callable[[str | None], str]
    """The name of an organisation, or ``""`` for none or an unknown one."""
    team: Callable[[str | None], str]
    """The name of a team, or ``""`` for none or an unknown one."""
    theme: Callable[[str | None], str]
    """The name of a theme, or ``""`` for none or an unknown one."""
    need: Callable[[str], str]
    """A need as the appendix lists it: ``text (stakeholder)``."""
    period: Callable[[int], str]
    """The label of a period in the export language."""
    score: Callable[[str], float]
    """An item's score, 0 for an item without one."""
    number: Callable[[float], str]
    """A number with at most one decimal, as :meth:`Lang.number` writes it."""

    def __init__(
        self, doc: PlanDoc, roadmap: Roadmap, lang: Lang, writer: Writer = MARKDOWN
    ) -> None:
        """``writer`` escapes user text for the output, and writes the blocks of a document."""
        self.doc, self.roadmap, self.lang, self.w = doc, roadmap, lang, writer
        self.escape = writer.inline
        self.cal = Calendar(doc.plan.start_date, doc.plan.period_unit)
        self.default = doc.plan.default_language
        self.fell_back = False
        self.items = {item.key: item for item in doc.items}
        self.orgs = {org.key: org for org in doc.organisations}
        self.teams = {team.key: team for team in doc.teams}
        self.themes = {theme.key: theme for theme in doc.themes}
        self.sources = {src.key: src for src in doc.sources}
        self.stakeholders = {sh.key: sh for sh in doc.stakeholders}
        self.needs = {need.key: (need, sh) for sh in doc.stakeholders for need in sh.needs}
        self.people = {person.key: person for person in doc.people}
        self.answers: dict[str, list[str]] = defaultdict(list)
        self.depends: dict[str, list[Dep]] = {}
        self.blocks: dict[str, list[Dep]] = defaultdict(list)
        # Built with tuple.__new__: a third of the cost of calling Dep for 10,000s of links.
        new, blocks, answers = tuple.__new__, self.blocks, self.answers
        for item in doc.items:
            key = item.key
            for need in item.needs:
                answers[need].append(key)
            hard, soft = item.depends_on, item.soft_depends_on
            if hard or soft:
                mine = self.depends[key] = []
                for other in hard:
                    mine.append(new(Dep, (other, False)))
                    blocks[other].append(new(Dep, (key, False)))
                for other in soft:
                    mine.append(new(Dep, (other, True)))
                    blocks[other].append(new(Dep, (key, True)))
        self.unplaced = frozenset(roadmap.unplaced)
        self.item = _Memo(self._item).__getitem__
        self.org = _Memo(self._org).__getitem__
        self.team = _Memo(self._team).__getitem__
        self.theme = _Memo(self._theme).__getitem__
        self.need = _Memo(self._need).__getitem__
        self.period = _Memo(partial(lang.period, self.cal)).__getitem__
        self.score = _Memo(self._score).__getitem__
        self.number = _Memo(lang.number).__getitem__
        self._ranks: dict[int, dict[str, int]] = {}
        self.reasons: dict[object, str] = {}
        """Reasons and warnings in words, by record: many items share a reason."""
        self.selected: dict[str, list[str]] = {}
        """The items each diagram shows, by diagram (see :mod:`roadmap.io.doc_diagrams`)."""
        scores = roadmap.scores

        def rank(item: ItemIn) -> tuple[float, str]:
            found = scores.get(item.key)
            return (-found.score if found else -0.0, item.key)

        self.ranked = sorted(doc.items, key=rank)
        """Items, highest score first."""

    def text(self, row, field: str) -> str:
        """The raw text of ``row.field`` in the export language, marked when it fell back."""
        value = getattr(row, field)
        if self.lang.code == self.default:
            return value
        translated = row.i18n.get(self.lang.code, {}).get(field)
        if translated:
            return translated
        if value:
            self.fell_back = True
            return f"{value} {MARK}"
        return value

    def name(self, row, field: str = "name") -> str:
        """``row.field`` in the export language, escaped for one line of Markdown."""
        return self.escape(self.text(row, field))

    def body(self, row, field: str, heading_base: int | None = None) -> str:
        """``row.field`` (Markdown) in the export language, re-written safely."""
        value = getattr(row, field)
        translated = row.i18n.get(self.lang.code, {}).get(field)
        if self.lang.code == self.default or translated or not value:
            return self.w.body(translated or value, heading_base)
        self.fell_back = True
        return self.w.join([self.w.para(MARK), self.w.body(value, heading_base)])

    def _item(self, key: str) -> str:
        return f"{self.name(self.items[key], 'title')} ({self.escape(key)})"

    def known(self, keys: Iterable[str], table: dict) -> list[str]:
        """The ``keys`` found in ``table``, in the order the plan lists them there.

        Links (an item's needs and sources, a stakeholder's sources) are shown in the plan's
        order, not in the order they happen to be stored in.
        """
        found = [key for key in keys if key in table]
        if len(found) > 1:
            rank = self._ranks.get(id(table))
            if rank is None:
                rank = self._ranks[id(table)] = {key: i for i, key in enumerate(table)}
            found.sort(key=rank.__getitem__)
        return found

    def _org(self, key: str | None) -> str:
        return self.name(self.orgs[key]) if key in self.orgs else ""

    def _team(self, key: str | None) -> str:
        return self.escape(self.teams[key].name) if key in self.teams else ""

    def _theme(self, key: str | None) -> str:
        return self.name(self.themes[key]) if key in self.themes else ""

    def _need(self, key: str) -> str:
        need, sh = self.needs[key]
        return f"{self.name(need, 'text')} ({self.name(sh)})"

    def owner(self, item: ItemIn) -> str:
        """The owner organisation of an item: its own, else its team's."""
        if item.organisation:
            return self.org(item.organisation)
        team = self.teams.get(item.team or "")
        return self.org(team.organisation) if team else ""

    def _score(self, key: str) -> float:
        found = self.roadmap.scores.get(key)
        return found.score if found else 0.0

    def language_name(self, code: str) -> str:
        return self.lang._(LANGUAGE_NAMES[code])
