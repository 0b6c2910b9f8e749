"""What the projector shows for each agenda step, as Markdown read from the plan and session.

The plan's own content comes first (its current-state and vision sections, its needs, its
items), in the workshop's language where the plan has it translated; what the room captured
during the session follows, so that people see it appear.
"""

from __future__ import annotations

from sqlmodel import col, select

from roadmap.i18n.lang import Lang
from roadmap.io.mdsafe import block, inline
from roadmap.model import tables as t
from roadmap.services.workshops import Store, workshop_results, workshop_rounds, workshop_sessions
from roadmap.workshop.words import translated

SECTION_KINDS = {"current_state": "current_state", "vision": "vision"}


def _captured(live: workshop_results.Live, kind: str, w: Lang) -> list[str]:
    new = "*({})*".format(w._("new"))
    return [
        f"- **{inline(n.item_key)}** {inline(n.text)} {new}"
        if n.item_key
        else f"- {inline(n.text)} {new}"
        for n in live.notes
        if n.kind == kind
    ]


def step_markdown(store: Store, live: workshop_results.Live, step: str, w: Lang) -> str:
    """The plan's content for ``step`` and what was captured in it, in ``w``'s language."""
    plan_id, lang = live.workshop.plan_id, w.code
    lines: list[str] = []
    with store.read() as s:
        if step in SECTION_KINDS:
            for section in s.exec(
                select(t.Section)
                .where(
                    col(t.Section.plan_id) == plan_id,
                    col(t.Section.kind) == SECTION_KINDS[step],
                )
                .order_by(col(t.Section.position))
            ):
                title = translated(section.title, section.i18n, lang, "title")
                body = translated(section.body, section.i18n, lang, "body")
                lines += [f"## {inline(title)}", "", block(body), ""]
        elif step == "needs":
            needs = s.exec(
                select(t.Need.text, t.Need.i18n)
                .where(col(t.Need.plan_id) == plan_id)
                .order_by(col(t.Need.id))
            )
            lines += [f"- {inline(translated(text, i18n, lang, 'text'))}" for text, i18n in needs]
            lines += _captured(live, "need", w)
        elif step in ("items", "roadmap"):
            rows = s.exec(
                select(t.Item.key, t.Item.title, t.Item.i18n)
                .where(
                    col(t.Item.plan_id) == plan_id,
                    col(t.Item.status).not_in(workshop_rounds.CLOSED_STATUSES),
                )
                .order_by(col(t.Item.id))
            )
            new = {n.item_key for n in live.notes if n.item_key}
            mark = " *({})*".format(w._("new"))
            lines += [
                f"- **{inline(k)}** {inline(translated(title, i18n, lang, 'title'))}"
                + (mark if k in new else "")
                for k, title, i18n in rows
            ]
    if step in workshop_sessions.IDEA_STEPS:
        sent = [f"- {inline(n.text)}" for n in live.notes if n.kind == "idea"]
        if sent:
            heading = w._(
                "Ideas from the room (Ctrl+G merges them or keeps them as evidence, "
                "F12 takes them into the plan)"
            )
            lines += ["", f"### {heading}", ""]
            lines += sent
    notes = [
        f"- {inline(n.text)}"
        for n in live.notes
        if n.step == step and n.kind in ("note", "decision")
    ]
    if notes:
        lines += ["", "### " + w._("Notes and decisions"), "", *notes]
    return "\n".join(lines) or "*{}*".format(
        w._("Nothing here yet: type below and press Enter to add.")
    )
