"""What the projector shows for each agenda step, as Markdown read from the plan and session.

The plan's own content comes first (its current-state and vision sections, its needs, its
items); what the room captured during the session follows, so that people see it appear.
"""

from __future__ import annotations

from sqlmodel import select

from roadmap.model import tables as t
from roadmap.store import workshop as ws
from roadmap.store.db import Store

SECTION_KINDS = {"current_state": "current_state", "vision": "vision"}


def _captured(live: ws.Live, kind: str) -> list[str]:
    return [
        f"- **{n.item_key}** {n.text} *(new)*" if n.item_key else f"- {n.text} *(new)*"
        for n in live.notes
        if n.kind == kind
    ]


def step_markdown(store: Store, live: ws.Live, step: str) -> str:
    """The plan's content for ``step`` and what was captured in it."""
    plan_id = live.workshop.plan_id
    lines: list[str] = []
    with store.read() as s:
        if step in SECTION_KINDS:
            for section in s.exec(
                select(t.Section)
                .where(t.Section.plan_id == plan_id, t.Section.kind == SECTION_KINDS[step])
                .order_by(t.Section.position)
            ):
                lines += [f"## {section.title}", "", section.body, ""]
        elif step == "needs":
            needs = s.exec(select(t.Need.text).where(t.Need.plan_id == plan_id).order_by(t.Need.id))
            lines += [f"- {text}" for text in needs]
            lines += _captured(live, "need")
        elif step in ("items", "roadmap"):
            rows = s.exec(
                select(t.Item.key, t.Item.title)
                .where(t.Item.plan_id == plan_id, t.Item.status.not_in(ws.CLOSED_STATUSES))
                .order_by(t.Item.id)
            )
            new = {n.item_key for n in live.notes if n.item_key}
            lines += [f"- **{k}** {title}" + (" *(new)*" if k in new else "") for k, title in rows]
    notes = [f"- {n.text}" for n in live.notes if n.step == step and n.kind in ("note", "decision")]
    if notes:
        lines += ["", "### Notes and decisions", "", *notes]
    return "\n".join(lines) or "*Nothing here yet: type below and press Enter to add.*"
