"""The appendix: every item in full, with its links to needs and sources and its dependencies
both ways (what it waits for and what waits for it)."""

from __future__ import annotations

from roadmap.i18n import N_
from roadmap.i18n.terms import MOSCOW, STATUS
from roadmap.io.docdata import Dep, Facts

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
        self.labels = tuple(_(label) for label in LABELS.values())
        self.status = {key: _(text) for key, text in STATUS.items()}
        self.moscow = {key: _(text) for key, text in MOSCOW.items()}
        preferred = _("preferred")
        self.preferred = f" ({preferred})"
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
    items, ref, preferred = f.items, f.item, words.preferred
    return ", ".join(
        [ref(key) + preferred if soft else ref(key) for key, soft in deps if key in items]
    )


def _item(f: Facts, words: _Words, item) -> str:
    w, key, number = f.w, item.key, f.number
    placed = f.roadmap.placements.get(key)
    when = ""
    if placed:
        when = f.period(placed.start)
        if placed.end != placed.start:
            when += f" – {f.period(placed.end)}"
    elif key in f.unplaced:
        when = words.not_placed
    depends, blocks = f.depends.get(key), f.blocks.get(key)
    values = (
        f.theme(item.theme),
        f.owner(item),
        f.team(item.team),
        words.status[item.status],
        words.moscow[item.moscow] if item.moscow else "",
        number(item.effort),
        number(f.score(key)),
        when,
        f.lang.date(item.deadline) if item.deadline else "",
        "; ".join([f.need(k) for k in f.known(item.needs, f.needs)]) if item.needs else "",
        ", ".join([f.name(f.sources[k]) for k in f.known(item.sources, f.sources)])
        if item.sources
        else "",
        ", ".join([f.org(k) for k in f.known(item.organisations, f.orgs)])
        if item.organisations
        else "",
        _deps(f, words, depends) if depends else "",
        _deps(f, words, blocks) if blocks else "",
    )
    fields = w.fields([pair for pair in zip(words.labels, values, strict=True) if pair[1]])
    heading = w.heading(3, f.item(key))
    if item.description:
        return w.join([heading, fields, f.body(item, "description")])
    return w.join([heading, fields])
