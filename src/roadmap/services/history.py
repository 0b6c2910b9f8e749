"""Undo and redo of the edits made in the app, each replayed in its own short transaction.

A change records what it takes to go back and forth (the item before and after, a score's old
and new value, a dependency added or removed, a cell of the silo map, a row of the smaller
tables, a team's capacity changes). Item and score changes keep the values they left, and row
changes the row as they left it: a replay is refused only when someone else changed the same
thing meanwhile, never because of the history's own earlier steps.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from roadmap.model.inputs import ItemIn
from roadmap.store.db import Store
from roadmap.store.item_write import ItemWrite, WriteConflict, diff, update_item
from roadmap.store.items import DeletedItem, delete_item, restore_item
from roadmap.store.repo import NotFoundError
from roadmap.store.rows import DeletedRow, delete_row, restore_row, set_row
from roadmap.store.silo import set_silo_cell
from roadmap.store.teams import set_capacity_changes

LIMIT = 100
"""How many changes can be undone."""
REFUSALS = (WriteConflict, NotFoundError, ValueError)
"""What a change or its replay is refused with (someone else changed the same thing, it is
gone, it would make a cycle ...); nothing is written then."""


class Change:
    """One undoable edit."""

    label: str = ""

    def undo(self, session: Session, plan_id: int) -> None:
        raise NotImplementedError

    def redo(self, session: Session, plan_id: int) -> None:
        raise NotImplementedError


class ItemChange(Change):
    """An item created (``before`` None), edited, or deleted (``after`` None).

    ``before`` and ``after`` are the item as stored before and after the edit: a replay
    changes just the fields that differ, and is refused only when someone else changed one of
    those fields meanwhile.
    """

    def __init__(self, before: ItemIn | DeletedItem | None, after: ItemIn | None) -> None:
        self.before, self.after = before, after
        key = (after or _item_of(before)).key
        verb = "created" if before is None else "deleted" if after is None else "edited"
        self.label = f"{key} {verb}"

    def undo(self, session: Session, plan_id: int) -> None:
        if self.before is None:
            assert self.after is not None
            self.before = delete_item(
                session=session, plan_id=plan_id, key=self.after.key, expected=self.after
            )
        elif self.after is None:
            assert isinstance(self.before, DeletedItem)  # a deletion undone
            restore_item(session=session, plan_id=plan_id, deleted=self.before)
        else:
            _turn(session, plan_id, self.after, _item_of(self.before))

    def redo(self, session: Session, plan_id: int) -> None:
        if self.after is None:
            before = _item_of(self.before)
            self.before = delete_item(
                session=session, plan_id=plan_id, key=before.key, expected=before
            )
        elif isinstance(self.before, DeletedItem):
            # The creation being redone: the item comes back as it was deleted by the undo.
            restore_item(session=session, plan_id=plan_id, deleted=self.before)
            self.before = None
        else:
            assert self.before is not None
            _turn(session, plan_id, self.before, self.after)


def _turn(session: Session, plan_id: int, now: ItemIn, then: ItemIn) -> None:
    """Take a stored item from ``now`` to ``then``, in the fields where they differ."""
    write = diff(now, then)
    if write is not None:
        update_item(session=session, plan_id=plan_id, write=write)


def _item_of(state: ItemIn | DeletedItem | None) -> ItemIn:
    assert state is not None
    return state.item if isinstance(state, DeletedItem) else state


@dataclass
class ScoreChange(Change):
    """One score set or cleared (``None``)."""

    item: str
    criterion: str
    before: float | None
    after: float | None

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"score {self.criterion} of {self.item}"

    def _set(self, session: Session, plan_id: int, now: float | None, then: float | None) -> None:
        scores = {"scores": {self.criterion: then}}
        read = {"scores": {self.criterion: now}}
        update_item(session=session, plan_id=plan_id, write=ItemWrite(self.item, scores, read))

    def undo(self, session: Session, plan_id: int) -> None:
        self._set(session, plan_id, self.after, self.before)

    def redo(self, session: Session, plan_id: int) -> None:
        self._set(session, plan_id, self.before, self.after)


@dataclass
class DependencyChange(Change):
    """A dependency added (``added``) or removed."""

    blocker: str
    blocked: str
    kind: str
    added: bool

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"{self.blocked} waits for {self.blocker}"

    def _set(self, session: Session, plan_id: int, present: bool) -> None:
        from roadmap.store import dependencies

        ends = {"blocker_key": self.blocker, "blocked_key": self.blocked}
        if present:
            dependencies.add_dependency(session=session, plan_id=plan_id, kind=self.kind, **ends)
        else:
            dependencies.remove_dependency(session=session, plan_id=plan_id, **ends)

    def undo(self, session: Session, plan_id: int) -> None:
        self._set(session, plan_id, not self.added)

    def redo(self, session: Session, plan_id: int) -> None:
        self._set(session, plan_id, self.added)


@dataclass
class SiloChange(Change):
    """Whether a stakeholder needs a source and can reach it (``None``: does not need it)."""

    stakeholder: str
    source: str
    before: bool | None
    after: bool | None

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"{self.stakeholder} and source {self.source}"

    def _set(self, session: Session, plan_id: int, state: bool | None) -> None:
        set_silo_cell(
            session=session,
            plan_id=plan_id,
            stakeholder=self.stakeholder,
            source=self.source,
            state=state,
        )

    def undo(self, session: Session, plan_id: int) -> None:
        self._set(session, plan_id, self.before)

    def redo(self, session: Session, plan_id: int) -> None:
        self._set(session, plan_id, self.after)


class RowChange(Change):
    """A row of a smaller table (stakeholder, need, source, team, section) created, edited or
    deleted: ``before`` and ``after`` are its :func:`row_state` (None: no row).

    ``deleted`` is the row as the last replay deleted it, brought back with its links.
    """

    def __init__(
        self,
        model: type,
        what: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        deleted: DeletedRow | None = None,
    ) -> None:
        self.model, self.before, self.after, self.deleted = model, before, after, deleted
        key = (after or before or {}).get("key")
        verb = "created" if before is None else "deleted" if after is None else "edited"
        self.label = f"{what} {key} {verb}"

    def undo(self, session: Session, plan_id: int) -> None:
        self._turn(session, plan_id, self.after, self.before)

    def redo(self, session: Session, plan_id: int) -> None:
        self._turn(session, plan_id, self.before, self.after)

    def _turn(
        self,
        session: Session,
        plan_id: int,
        now: dict[str, Any] | None,
        then: dict[str, Any] | None,
    ) -> None:
        """Take the row from state ``now`` (as stored) to ``then``."""
        if now is None:
            assert self.deleted is not None
            restore_row(session=session, plan_id=plan_id, deleted=self.deleted)
        elif then is None:
            self.deleted = delete_row(
                session=session, plan_id=plan_id, model=self.model, key=now["key"], expected=now
            )
        else:
            set_row(
                session=session,
                plan_id=plan_id,
                model=self.model,
                key=now["key"],
                state=then,
                expected=now,
            )


@dataclass
class CapacityChange(Change):
    """A team's capacity changes replaced: ``(from period, capacity)`` before and after."""

    team: str
    before: list[tuple[int, float]]
    after: list[tuple[int, float]]

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"capacity of team {self.team}"

    def _set(self, session: Session, plan_id: int, now: list, then: list) -> None:
        set_capacity_changes(
            session=session, plan_id=plan_id, team=self.team, changes=then, expected=now
        )

    def undo(self, session: Session, plan_id: int) -> None:
        self._set(session, plan_id, self.after, self.before)

    def redo(self, session: Session, plan_id: int) -> None:
        self._set(session, plan_id, self.before, self.after)


class Changes(Change):
    """Changes saved together (a team and its capacity): one step, undone in reverse order."""

    def __init__(self, *steps: Change) -> None:
        self.steps = steps
        self.label = steps[0].label

    def undo(self, session: Session, plan_id: int) -> None:
        for step in reversed(self.steps):
            step.undo(session, plan_id)

    def redo(self, session: Session, plan_id: int) -> None:
        for step in self.steps:
            step.redo(session, plan_id)


def make(store: Store, plan_id: int, change: Change) -> None:
    """Make ``change`` (its redo) in one transaction; one of :data:`REFUSALS` when refused."""
    store.run(lambda session: change.redo(session, plan_id))


class History:
    """The changes that can be undone, and those undone that can be redone."""

    def __init__(self, store: Store, plan_id: int, limit: int = LIMIT) -> None:
        self.store, self.plan_id = store, plan_id
        self._done: deque[Change] = deque(maxlen=limit)
        self._undone: list[Change] = []

    def record(self, change: Change) -> None:
        self._done.append(change)
        self._undone.clear()

    def undo(self) -> Change | None:
        """Undo the last change (or raise what refused it, keeping it undoable)."""
        if not self._done:
            return None
        change = self._done[-1]
        self.store.run(lambda session: change.undo(session, self.plan_id))
        self._undone.append(self._done.pop())
        return change

    def redo(self) -> Change | None:
        if not self._undone:
            return None
        change = self._undone[-1]
        self.store.run(lambda session: change.redo(session, self.plan_id))
        self._done.append(self._undone.pop())
        return change
