"""What the views ask of the app: the app owns the undo history, the engine, the item editor
and the switching of views, and does these when a view posts one of these messages to it.

:func:`made` makes a change of the plan the one way the app and its views share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from roadmap.i18n import _
from roadmap.services.history import REFUSALS, make

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

    from roadmap.services.context import PlanContext
    from roadmap.services.history import Change
    from roadmap.tui.screens.base import PlanView


def made(node: App | Widget, ctx: PlanContext, change: Change) -> bool:
    """Make ``change`` in its own transaction; False, the refusal shown by ``node`` and
    nothing written, when the plan refuses it."""
    try:
        make(ctx.store, ctx.plan_id, change)
    except REFUSALS as exc:
        node.notify(str(exc), title=_("Refused"), severity="error", timeout=6, markup=False)
        return False
    return True


class PlanEdited(Message):
    """A view stored ``change`` (None: nothing to undo): the app records it in the undo
    history and says ``said`` with what the change moved (item ``key`` first).

    The view ``shown_by`` shows the change itself and counts as loaded; without one the view on
    screen reloads and the plan is sequenced again. ``scores``: only item ``key``'s scores
    changed, to these, and the engine takes its fast path.
    """

    def __init__(
        self,
        change: Change | None,
        said: str = "",
        *,
        key: str | None = None,
        shown_by: PlanView | None = None,
        scores: dict[str, float] | None = None,
    ) -> None:
        super().__init__()
        self.change, self.said, self.key = change, said, key
        self.shown_by, self.scores = shown_by, scores


class AddDependency(Message):
    """Item ``blocked`` is to wait for item ``blocker`` (``kind`` ``hard`` or ``soft``)."""

    def __init__(self, blocker: str, blocked: str, kind: str) -> None:
        super().__init__()
        self.blocker, self.blocked, self.kind = blocker, blocked, kind


class EditItem(Message):
    """Open the item editor on item ``key``."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class DeleteItem(Message):
    """Delete item ``key``, once the person confirms it."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class ShowTextsIn(Message):
    """Show and edit the plan's texts in language ``lang``."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang


class ShowView(Message):
    """Switch to the view ``mode``."""

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode


class ViewLoaded(Message):
    """A view shows its data (the engine starts once the first one does)."""
