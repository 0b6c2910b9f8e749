"""The appendix: every item in full, with its links to needs and sources and its dependencies
both ways (what it waits for and what waits for it)."""

from __future__ import annotations

from roadmap.io.docdata import Dep, Facts
from roadmap.io.i18n import N_

STATUS = {
    "idea": N_("idea"),
    "planned": N_("planned"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
    "dropped": N_("dropped"),
}
MOSCOW = {
    "must": N_("must have"),
    "should": N_("should have"),
    "could": N_("could have"),
    "wont": N_("will not have this time"),
}


LABELS = {
    "theme": N_("Theme"),
    "owner": N_("Owner"),
    "team": N_("Team"),
    "status": N_("Status"),
    "moscow": N_("Priority class"),
    "effort": N_("Effort"),
    "score": N_("Score"),
    "period": N_("Period"),
    "deadline": N_("Deadline"),
    "needs": N_("Answers needs"),
    "sources": N_("Information sources"),
    "organisations": N_("Also concerns"),
    "depends": N_("Waits for"),
    "blocks": N_("Needed by"),
}
"""The fields of an item, in the order they are listed."""


class _Words:
    """The fixed wording of the appendix, translated once rather than once per item."""

    def __init__(self, f: Facts) -> None:
        _ = f.lang._
        self.labels = {field: _(label) for field, label in LABELS.items()}
        self.status = {key: _(text) for key, text in STATUS.items()}
        self.moscow = {key: _(text) for key, text in MOSCOW.items()}
        self.preferred = f" ({_('preferred')})"
        self.not_placed = _("not placed")


def section(f: Facts) -> str:
    w = f.w
    if not f.doc.items:
        return ""
    words = _Words(f)
    out = [w.heading(2, f.lang._("Appendix: development items"))]
    out += [_item(f, words, item) for item in f.doc.items]
    return w.join(out)


def _deps(f: Facts, words: _Words, deps: list[Dep]) -> str:
    return ", ".join(
        f.item(d.key) + (words.preferred if d.soft else "") for d in deps if d.key in f.items
    )


def _item(f: Facts, words: _Words, item) -> str:
    w = f.w
    placed = f.roadmap.placements.get(item.key)
    when = ""
    if placed:
        when = f.period(placed.start)
        if placed.end != placed.start:
            when += f" – {f.period(placed.end)}"
    elif item.key in f.roadmap.unplaced:
        when = words.not_placed
    needs = [f.needs[k] for k in f.known(item.needs, f.needs)]
    values = {
        "theme": f.name(f.themes[item.theme]) if item.theme in f.themes else "",
        "owner": f.owner(item),
        "team": f.team(item.team),
        "status": words.status[item.status],
        "moscow": words.moscow[item.moscow] if item.moscow else "",
        "effort": f.lang.number(item.effort),
        "score": f.lang.number(f.score(item.key)),
        "period": when,
        "deadline": f.lang.date(item.deadline) if item.deadline else "",
        "needs": "; ".join(f"{f.name(n, 'text')} ({f.name(sh)})" for n, sh in needs),
        "sources": ", ".join(f.name(f.sources[k]) for k in f.known(item.sources, f.sources)),
        "organisations": ", ".join(f.org(k) for k in f.known(item.organisations, f.orgs)),
        "depends": _deps(f, words, f.depends.get(item.key, [])),
        "blocks": _deps(f, words, f.blocks.get(item.key, [])),
    }
    fields = w.fields((words.labels[k], value) for k, value in values.items() if value)
    parts = [w.heading(3, f.item(item.key)), fields]
    if item.description:
        parts.append(f.body(item, "description"))
    return w.join(parts)
