"""Names in spreadsheet cells matched to the plan's themes, organisations and teams.

People write "Tiedon saatavuus" or "Lahden kaupunki" where the plan stores the keys
``tiedon-saatavuus`` and ``lahti``. A cell matches a record by its key, or by its name in any
of the plan's languages, without regard to case and spaces
(:func:`~roadmap.model.typed_words.word_key`).
A name that matches two records is refused, listing both. A name that matches nothing becomes a
new record with a key made from the name, unless creating is turned off; a new team belongs to
the row's owner (else to the plan's first organisation) and gets
:data:`DEFAULT_TEAM_CAPACITY`, which ``roadmap check`` flags until someone sets it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from roadmap.i18n import N_, _
from roadmap.model.fields import In as _In
from roadmap.model.inputs import OrganisationIn, PlanDoc, StakeholderIn, TeamIn, ThemeIn
from roadmap.model.typed_words import word_key

DEFAULT_TEAM_CAPACITY = 1.0
"""Effort units per period given to a team an import creates; a guess until someone sets it."""
KINDS = ("theme", "organisation", "team", "stakeholder")
AMBIGUOUS = {
    "theme": N_("{text} matches {n} themes: {listed}; write the key"),
    "organisation": N_("{text} matches {n} organisations: {listed}; write the key"),
    "team": N_("{text} matches {n} teams: {listed}; write the key"),
    "stakeholder": N_("{text} matches {n} stakeholders: {listed}; write the key"),
}
"""A name that several records of a kind share (always two or more)."""
UNKNOWN = {
    "theme": N_("no theme {text} in the plan, and creating is turned off"),
    "organisation": N_("no organisation {text} in the plan, and creating is turned off"),
    "team": N_("no team {text} in the plan, and creating is turned off"),
    "stakeholder": N_("no stakeholder {text} in the plan, and creating is turned off"),
}
_MODELS: dict[str, type[_In]] = {
    "theme": ThemeIn,
    "organisation": OrganisationIn,
    "team": TeamIn,
    "stakeholder": StakeholderIn,
}
_ROWS = {
    "theme": "themes",
    "organisation": "organisations",
    "team": "teams",
    "stakeholder": "stakeholders",
}


def key_of(name: str) -> str:
    """A key made from a name: ASCII letters and digits joined by ``-``, at most 40 long.

    >>> key_of("Tiedon saatavuus"), key_of("Välfärdsområde Österbotten")
    ('tiedon-saatavuus', 'valfardsomrade-osterbotten')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return key[:40].strip("-") or "x"


class Matcher:
    """Turns names into keys for one plan, remembering what it had to create."""

    def __init__(self, doc: PlanDoc, *, create: bool = True) -> None:
        self.create = create
        self.plan_name = doc.plan.name
        self.created: dict[str, list[Any]] = {kind: [] for kind in KINDS}
        self._keys: dict[str, set[str]] = {}
        self._found: dict[tuple[str, str], str] = {}
        """(kind, text as written) -> key: a column names the same few records many times."""
        self._names: dict[str, dict[str, dict[str, str]]] = {}
        """kind -> compared word -> {key: name}."""
        self._first_org: str | None = doc.organisations[0].key if doc.organisations else None
        for kind in KINDS:
            self._keys[kind] = set()
            self._names[kind] = {}
            for row in getattr(doc, _ROWS[kind]):
                self._add(kind, row)

    def _add(self, kind: str, row: Any) -> None:
        self._keys[kind].add(row.key)
        names = [row.key, row.name, *(t.get("name", "") for t in getattr(row, "i18n", {}).values())]
        for name in names:
            if name:
                self._names[kind].setdefault(word_key(name), {})[row.key] = row.name

    def key(self, kind: str, text: str, *, organisation: str | None = None) -> str:
        """The key of the ``kind`` record that ``text`` names (creating it if allowed);
        :class:`ValueError` when it names two, or none and creating is off. ``organisation``
        (by key or name) is where a new team or stakeholder belongs."""
        if (kind, text) in self._found:
            return self._found[kind, text]
        key = self._find(kind, text.strip(), organisation)
        self._found[kind, text] = key
        return key

    def _find(self, kind: str, text: str, organisation: str | None) -> str:
        if text in self._keys[kind]:
            return text
        found = self._names[kind].get(word_key(text), {})
        if len(found) > 1:
            listed = _(" and ").join(f"{key!r} ({name})" for key, name in sorted(found.items()))
            raise ValueError(_(AMBIGUOUS[kind], text=repr(text), n=len(found), listed=listed))
        if found:
            return next(iter(found))
        if not self.create:
            raise ValueError(_(UNKNOWN[kind], text=repr(text)))
        return self._new(kind, text, organisation)

    def _new(self, kind: str, name: str, organisation: str | None) -> str:
        base = key_of(name)
        taken = {k.casefold() for k in self._keys[kind]}
        key, n = base, 1
        while key.casefold() in taken:
            n += 1
            key = f"{base[: 40 - len(str(n)) - 1]}-{n}"
        values: dict[str, Any] = {"key": key, "name": name}
        if kind == "team":
            owner = self.key("organisation", organisation) if organisation else None
            values["organisation"] = (
                owner or self._first_org or self.key("organisation", self.plan_name)
            )
            values["capacity"] = DEFAULT_TEAM_CAPACITY
            values["capacity_assumed"] = True
        elif kind == "stakeholder" and organisation:
            values["organisation"] = self.key("organisation", organisation)
        row = _MODELS[kind].model_validate(values)
        if kind == "organisation" and self._first_org is None:
            self._first_org = key
        self.created[kind].append(row)
        self._add(kind, row)
        return key

    def extended(self, doc: PlanDoc) -> PlanDoc:
        """``doc`` with the records created so far added."""
        if not any(self.created.values()):
            return doc
        return doc.model_copy(
            update={
                _ROWS[kind]: [*getattr(doc, _ROWS[kind]), *self.created[kind]] for kind in KINDS
            }
        )
