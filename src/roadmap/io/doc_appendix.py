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


def section(f: Facts) -> str:
    _ = f.lang._
    if not f.doc.items:
        return ""
    out = [f"## {_('Appendix: development items')}"]
    out += [_item(f, item) for item in f.doc.items]
    return "\n\n".join(out)


def _deps(f: Facts, deps: list[Dep]) -> str:
    _ = f.lang._
    known = [d for d in deps if d.key in f.items]
    return ", ".join(f.item(d.key) + (f" ({_('preferred')})" if d.soft else "") for d in known)


def _item(f: Facts, item) -> str:
    _ = f.lang._
    placed = f.roadmap.placements.get(item.key)
    when = ""
    if placed:
        when = f.period(placed.start)
        if placed.end != placed.start:
            when += f" – {f.period(placed.end)}"
    needs = [f.needs[k] for k in item.needs if k in f.needs]
    fields = [
        (_("Theme"), f.name(f.themes[item.theme]) if item.theme in f.themes else ""),
        (_("Owner"), f.owner(item)),
        (_("Team"), f.team(item.team)),
        (_("Status"), _(STATUS[item.status])),
        (_("Priority class"), _(MOSCOW[item.moscow]) if item.moscow else ""),
        (_("Effort"), f.lang.number(item.effort)),
        (_("Score"), f.lang.number(f.score(item.key))),
        (_("Period"), when or (_("not placed") if item.key in f.roadmap.unplaced else "")),
        (_("Deadline"), f.lang.date(item.deadline) if item.deadline else ""),
        (_("Answers needs"), "; ".join(f"{f.name(n, 'text')} ({f.name(sh)})" for n, sh in needs)),
        (
            _("Information sources"),
            ", ".join(f.name(f.sources[k]) for k in item.sources if k in f.sources),
        ),
        (_("Also concerns"), ", ".join(f.org(k) for k in item.organisations if k in f.orgs)),
        (_("Waits for"), _deps(f, f.depends.get(item.key, []))),
        (_("Needed by"), _deps(f, f.blocks.get(item.key, []))),
    ]
    lines = "\n".join(f"- **{label}:** {value}" for label, value in fields if value)
    out = f"### {f.item(item.key)}\n\n{lines}"
    if item.description:
        out += "\n\n" + f.body(item, "description")
    return out
