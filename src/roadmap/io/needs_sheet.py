"""A sheet of stakeholders and their needs, as a workbook often keeps beside its items.

Each row names a stakeholder (a service, a role, the clients themselves) and one of its needs:
``Sidosryhmä | Organisaatio | Tarve | Tärkeys`` in Finnish, ``Intressent | Organisation |
Behov | Vikt`` in Swedish, ``Stakeholder | Organisation | Need | Importance`` in English. The
stakeholder and its organisation are matched by key or name like the items' names
(:class:`~roadmap.io.matching.Matcher`) and created when the plan lacks them. A need is matched
by its key (a ``Tarpeen tunnus`` / ``Behovets nyckel`` / ``Need key`` column), else by its text
under the same stakeholder; new needs get keys made from their stakeholder's. Items name the
needs they answer by key in their own sheet. Interview notes are not read here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from roadmap.io.matching import Matcher
from roadmap.model.inputs import NeedIn, PlanDoc, StakeholderIn
from roadmap.model.typed_words import parse_number, word_key

HEADERS: dict[str, str] = {
    word_key(header): target
    for header, target in {
        "stakeholder": "stakeholder",
        "sidosryhmä": "stakeholder",
        "toimija": "stakeholder",
        "intressent": "stakeholder",
        "aktör": "stakeholder",
        "organisation": "organisation",
        "organization": "organisation",
        "organisaatio": "organisation",
        "need": "need",
        "tarve": "need",
        "behov": "need",
        "need key": "need_key",
        "tarpeen tunnus": "need_key",
        "behovets nyckel": "need_key",
        "importance": "importance",
        "tärkeys": "importance",
        "vikt": "importance",
        "betydelse": "importance",
    }.items()
}
"""Header as compared -> field of a row of the needs sheet."""


@dataclass
class NeedsSheet:
    """The rows of a sheet of stakeholders and needs: ``(line, {field: cell})``."""

    name: str
    columns: dict[str, str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@dataclass
class AddedNeeds:
    """The needs a needs sheet adds to a plan, and the problems of its rows."""

    needs: list[NeedIn] = field(default_factory=list)
    """New needs, each with its stakeholder's key in :attr:`holders`."""
    holders: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)


def is_needs_header(cells: Iterable[Any]) -> bool:
    """Whether a row is the header of a needs sheet (it has stakeholder and need columns)."""
    found = {HEADERS.get(word_key(c)) for c in cells if isinstance(c, str)}
    return {"stakeholder", "need"} <= found


def read_needs(records: Iterable[tuple[int, list[Any]]], *, name: str) -> NeedsSheet | None:
    """The needs sheet in ``records`` (its header may be below title rows), or ``None``."""
    sheet: NeedsSheet | None = None
    positions: dict[str, int] = {}
    for line, cells in records:
        if sheet is None:
            if is_needs_header(cells):
                sheet = NeedsSheet(name=name, columns={})
                for i, cell in enumerate(cells):
                    target = HEADERS.get(word_key(cell)) if isinstance(cell, str) else None
                    if target and target not in positions:
                        positions[target], sheet.columns[target] = i, str(cell)
            continue
        values = {target: cells[i] for target, i in positions.items() if i < len(cells)}
        if any(v is not None and str(v).strip() for v in values.values()):
            sheet.rows.append((line, values))
    return sheet


def add_needs(doc: PlanDoc, sheet: NeedsSheet, matcher: Matcher) -> AddedNeeds:
    """The needs of the sheet that ``doc`` lacks; their stakeholders (and organisations) are
    matched or created through ``matcher``."""
    out = AddedNeeds()
    need_keys = {n.key for s in doc.stakeholders for n in s.needs}
    texts = {(s.key, word_key(n.text)): n.key for s in doc.stakeholders for n in s.needs}
    for line, values in sheet.rows:
        where = f"{sheet.name}:{line}"
        holder_text, text = _text(values.get("stakeholder")), _text(values.get("need"))
        if not holder_text or not text:
            missing = sheet.columns["stakeholder" if not holder_text else "need"]
            out.problems.append((line, f"{where}: column {missing!r}: required, but empty"))
            continue
        try:
            owner = _text(values.get("organisation")) or None
            if owner:
                owner = matcher.key("organisation", owner)
            holder = matcher.key("stakeholder", holder_text, organisation=owner)
            importance = _importance(values.get("importance"))
        except ValueError as exc:
            out.problems.append((line, f"{where}: {exc}"))
            continue
        key = _text(values.get("need_key")) or texts.get((holder, word_key(text)))
        if key in need_keys:
            continue  # the plan has this need already
        key = key or _new_key(holder, need_keys)
        try:
            need = NeedIn.model_validate({"key": key, "text": text, "importance": importance})
        except ValueError as exc:
            out.problems.append((line, f"{where}: {exc}"))
            continue
        need_keys.add(key)
        texts[holder, word_key(text)] = key
        out.needs.append(need)
        out.holders[key] = holder
    return out


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _importance(cell: Any) -> int:
    if cell is None or not _text(cell):
        return 3
    value = cell if isinstance(cell, int | float) else parse_number(str(cell))
    if value != int(value) or not 1 <= value <= 5:
        raise ValueError(f"importance {_text(cell)!r} is not a whole number from 1 to 5")
    return int(value)


def _new_key(holder: str, taken: set[str]) -> str:
    n = 1
    while f"{holder[:34]}-n{n}" in taken:
        n += 1
    return f"{holder[:34]}-n{n}"


def with_needs(doc: PlanDoc, added: AddedNeeds) -> PlanDoc:
    """``doc`` with the ``added`` needs under their stakeholders."""
    if not added.needs:
        return doc
    stakeholders: list[StakeholderIn] = []
    for holder in doc.stakeholders:
        new = [n for n in added.needs if added.holders[n.key] == holder.key]
        if new:
            holder = holder.model_copy(update={"needs": [*holder.needs, *new]})
        stakeholders.append(holder)
    return doc.model_copy(update={"stakeholders": stakeholders})
