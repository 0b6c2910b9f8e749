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
from collections.abc import Iterable
from dataclasses import dataclass

from roadmap.engine.result import Roadmap
from roadmap.io.doc_writer import MARKDOWN, Writer
from roadmap.io.i18n import N_, Lang
from roadmap.model.inputs import ItemIn, PlanDoc
from roadmap.model.periods import Calendar

MARK = "†"
"""Follows a text shown in the default language because its translation is missing."""

LANGUAGE_NAMES = {"fi": N_("Finnish"), "sv": N_("Swedish"), "en": N_("English")}


@dataclass(frozen=True, slots=True)
class Dep:
    """One end of a dependency seen from an item: the other item and the kind."""

    key: str
    soft: bool


class Facts:
    """A plan, its roadmap and one language, indexed for the document's sections."""

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
        self.answers: dict[str, list[str]] = defaultdict(list)
        self.depends: dict[str, list[Dep]] = defaultdict(list)
        self.blocks: dict[str, list[Dep]] = defaultdict(list)
        for item in doc.items:
            for need in item.needs:
                self.answers[need].append(item.key)
            for soft, keys in ((False, item.depends_on), (True, item.soft_depends_on)):
                for key in keys:
                    self.depends[item.key].append(Dep(key, soft))
                    self.blocks[key].append(Dep(item.key, soft))
        self._periods: dict[int, str] = {}
        self._refs: dict[str, str] = {}
        self._orgs: dict[str | None, str] = {}
        self._teams: dict[str | None, str] = {}
        self.ranked = sorted(doc.items, key=lambda i: (-self.score(i.key), i.key))
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

    def item(self, key: str) -> str:
        """An item as readers see it in lists and tables: ``Title (KEY)``."""
        ref = self._refs.get(key)
        if ref is None:
            ref = self._refs[key] = f"{self.name(self.items[key], 'title')} ({self.escape(key)})"
        return ref

    def known(self, keys: Iterable[str], table: dict) -> list[str]:
        """The ``keys`` found in ``table``, in the order the plan lists them there.

        Links (an item's needs and sources, a stakeholder's sources) are shown in the plan's
        order, not in the order they happen to be stored in.
        """
        found = [key for key in keys if key in table]
        if len(found) > 1:
            order = list(table)
            found.sort(key=order.index)
        return found

    def org(self, key: str | None) -> str:
        name = self._orgs.get(key)
        if name is None:
            name = self._orgs[key] = self.name(self.orgs[key]) if key in self.orgs else ""
        return name

    def team(self, key: str | None) -> str:
        name = self._teams.get(key)
        if name is None:
            name = self._teams[key] = self.escape(self.teams[key].name) if key in self.teams else ""
        return name

    def owner(self, item: ItemIn) -> str:
        """The owner organisation of an item: its own, else its team's."""
        if item.organisation:
            return self.org(item.organisation)
        team = self.teams.get(item.team or "")
        return self.org(team.organisation) if team else ""

    def period(self, index: int) -> str:
        label = self._periods.get(index)
        if label is None:
            label = self._periods[index] = self.lang.period(self.cal, index)
        return label

    def score(self, key: str) -> float:
        found = self.roadmap.scores.get(key)
        return found.score if found else 0.0

    def language_name(self, code: str) -> str:
        return self.lang._(LANGUAGE_NAMES[code])
