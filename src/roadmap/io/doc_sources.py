"""Information sources: an inventory, and a silo map of who needs which source held by whom.

The silo map names every access gap: a stakeholder who needs a source and cannot reach it
today, with the items of the plan that concern that source.
"""

from __future__ import annotations

from collections import defaultdict

from roadmap.io.docdata import Facts


def section(f: Facts) -> str:
    _, w = f.lang._, f.w
    if not f.doc.sources:
        return ""
    out = [w.heading(2, _("Information sources")), w.heading(3, _("Inventory"))]
    rows = [
        [f.name(src), f.org(src.organisation), f.name(src, "holds"), f.name(src, "access")]
        for src in f.doc.sources
    ]
    headers = [_("Source"), _("Owner"), _("What it holds"), _("Who can access it today")]
    out.append(w.table(headers, rows))
    out.append(_silo_map(f))
    return w.join(out)


def _silo_map(f: Facts) -> str:
    _, w = f.lang._, f.w
    concern: dict[str, list[str]] = defaultdict(list)
    for item in f.ranked:
        for key in item.sources:
            concern[key].append(item.key)
    rows, gaps = [], []
    for sh in f.doc.stakeholders:
        access_to = {access.source: access for access in sh.sources}
        for key in f.known(access_to, f.sources):
            src, access = f.sources[key], access_to[key]
            cross = bool(src.organisation and sh.organisation != src.organisation)
            state = _("yes") if access.has_access else _("no: access gap")
            if cross:
                state += ", " + _("held by another organisation")
            rows.append(
                [f.name(sh), f.org(sh.organisation), f.name(src), f.org(src.organisation), state]
            )
            if not access.has_access:
                gaps.append(_gap(f, sh, src, concern.get(src.key, [])))
    if not rows:
        return ""
    out = [w.heading(3, _("Silo map"))]
    out.append(
        w.para(
            _(
                "Which stakeholders need which source, who holds it and whether they can "
                "reach it today."
            )
        )
    )
    headers = [
        _("Stakeholder"),
        _("Organisation"),
        _("Needs source"),
        _("Held by"),
        _("Access today"),
    ]
    out.append(w.table(headers, rows))
    if gaps:
        out.append(w.heading(3, _("Access gaps")))
        out.append(w.bullets(gaps))
    return w.join(out)


def _gap(f: Facts, sh, src, items: list[str]) -> str:
    _ = f.lang._
    owner = f.org(src.organisation) or _("an unknown owner")
    line = _(
        "{stakeholder} cannot reach {source}, held by {owner}.",
        stakeholder=f.name(sh),
        source=f.name(src),
        owner=owner,
    )
    if items:
        line += " " + _(
            "Items that concern it: {items}.", items=", ".join(f.item(k) for k in items)
        )
    return line
