"""What the app shares with its views: the open plan, the latest roadmap and how current the
views' data is. Views read it; only the app changes it (views ask through
:mod:`roadmap.tui.messages`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap.engine.explanations import Explanation
    from roadmap.engine.inputs import Snapshot
    from roadmap.engine.result import Roadmap
    from roadmap.services.context import PlanContext
    from roadmap.services.planning import Planner


class Shared:
    """The app's state that every view reads."""

    def __init__(self, ctx: PlanContext, planner: Planner) -> None:
        self.ctx = ctx
        self._planner = planner
        self.data_version = 0
        """Raised on every change of the plan; views compare it with what they loaded."""
        self.roadmap: Roadmap | None = None
        """The engine's latest roadmap, or None until it ran."""

    @property
    def snapshot(self) -> Snapshot | None:
        """The plan as the engine last sequenced it, or None."""
        return self._planner.snapshot

    def explain(self, roadmap: Roadmap, key: str) -> Explanation | None:
        """Why item ``key`` is where it is in ``roadmap`` (None: not known)."""
        return self._planner.explain(roadmap, key)
