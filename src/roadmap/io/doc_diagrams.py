"""Diagrams of the roadmap: which items they show, and the Mermaid text of each.

The timeline (a Mermaid ``gantt``) and the dependency graph (a Mermaid ``flowchart``) show
every item of a small plan. A large plan is summarised: the timeline keeps the critical path
and the highest-ranked items, the graph keeps the critical path and its neighbours, and the
document says how many items were left out. The same selection is drawn as SVG in the HTML
export. The first line of each diagram's text is a comment that names it, for tools that read
the Markdown. Node ids are generated (``n1``, ``n2``, ...), never taken from user text.
"""

from __future__ import annotations

from roadmap.io.docdata import Facts
from roadmap.io.mdsafe import mermaid_label

MAX_ITEMS = 120
"""Most items a diagram shows; a larger plan is summarised."""
MARKER = "%% roadmap-diagram: "
TIMELINE, GRAPH = "timeline", "dependencies"


def timeline_items(f: Facts) -> list[str]:
    """Placed items the timeline shows, in order of start, then rank."""
    found = f.selected.get(TIMELINE)
    if found is None:
        found = f.selected[TIMELINE] = _timeline_items(f)
    return found


def graph_items(f: Facts) -> list[str]:
    """Items the dependency graph shows: those with dependencies, or the critical path's."""
    found = f.selected.get(GRAPH)
    if found is None:
        found = f.selected[GRAPH] = _graph_items(f)
    return found


def _timeline_items(f: Facts) -> list[str]:
    placed = f.roadmap.placements
    keys = [item.key for item in f.ranked if item.key in placed]
    if len(keys) > MAX_ITEMS:
        critical = [k for k in f.roadmap.critical_path if k in placed]
        wanted = set(critical[:MAX_ITEMS])
        for key in keys:
            if len(wanted) >= MAX_ITEMS:
                break
            wanted.add(key)
        keys = [k for k in keys if k in wanted]
    order = {k: i for i, k in enumerate(keys)}
    return sorted(keys, key=lambda k: (placed[k].start, order[k]))


def _graph_items(f: Facts) -> list[str]:
    linked = [item.key for item in f.ranked if f.depends.get(item.key) or f.blocks.get(item.key)]
    if len(linked) <= MAX_ITEMS:
        return linked
    wanted: dict[str, None] = dict.fromkeys(k for k in f.roadmap.critical_path if k in f.items)
    for key in list(wanted):
        for dep in (*f.depends.get(key, ()), *f.blocks.get(key, ())):
            wanted.setdefault(dep.key)
    if len(wanted) < MAX_ITEMS:
        for key in linked:
            wanted.setdefault(key)
            if len(wanted) >= MAX_ITEMS:
                break
    return list(wanted)[:MAX_ITEMS]


def _label(f: Facts, key: str) -> str:
    return mermaid_label(f"{f.text(f.items[key], 'title')} ({key})")


def gantt(f: Facts, keys: list[str]) -> str:
    placed = f.roadmap.placements
    lines = [
        f"{MARKER}{TIMELINE}",
        "gantt",
        f"    title {mermaid_label(f.text(f.doc.plan, 'name'))}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
    ]
    lanes: dict[str | None, list[str]] = {}
    for key in keys:
        theme = f.items[key].theme
        lanes.setdefault(theme if theme in f.themes else None, []).append(key)
    ids = {key: f"n{i}" for i, key in enumerate(keys, 1)}
    for theme, members in lanes.items():
        name = f.text(f.themes[theme], "name") if theme else f.lang._("Items without a theme")
        lines.append(f"    section {mermaid_label(name)}")
        for key in members:
            p = placed[key]
            tags = "crit, " if p.critical else ""
            first, after = f.cal.start_of(p.start), f.cal.start_of(p.end + 1)
            lines.append(f"    {_label(f, key)} :{tags}{ids[key]}, {first}, {after}")
    if f.doc.milestones:
        lines.append(f"    section {mermaid_label(f.lang._('Milestones'))}")
        for i, ms in enumerate(sorted(f.doc.milestones, key=lambda m: (m.date, m.key)), 1):
            name = mermaid_label(f.text(ms, "name"))
            lines.append(f"    {name} :milestone, m{i}, {ms.date}, 0d")
    return "\n".join(lines)


def flowchart(f: Facts, keys: list[str]) -> str:
    ids = {key: f"n{i}" for i, key in enumerate(keys, 1)}
    lines = [f"{MARKER}{GRAPH}", "flowchart LR"]
    lines += [f'    {ids[key]}["{_label(f, key)}"]' for key in keys]
    for key in keys:
        for dep in f.depends.get(key, ()):
            if dep.key in ids:
                arrow = "-.->" if dep.soft else "-->"
                lines.append(f"    {ids[dep.key]} {arrow} {ids[key]}")
    critical = [
        ids[k] for k in keys if k in f.roadmap.placements and f.roadmap.placements[k].critical
    ]
    if critical:
        lines.append("    classDef critical stroke-width:4px,stroke-dasharray:6 3")
        lines.append(f"    class {','.join(critical)} critical")
    return "\n".join(lines)


def section(f: Facts) -> str:
    _, w = f.lang._, f.w
    timeline, graph = timeline_items(f), graph_items(f)
    if not timeline and not graph:
        return ""
    out = [w.heading(2, _("Diagrams"))]
    if timeline:
        out.append(w.heading(3, _("Timeline")))
        out.append(_summary(f, len(timeline), len(f.roadmap.placements)))
        out.append(w.diagram(f, TIMELINE, gantt(f, timeline)))
    if graph:
        linked = sum(1 for k in f.items if f.depends.get(k) or f.blocks.get(k))
        out.append(w.heading(3, _("Dependencies")))
        out.append(
            w.para(
                _(
                    "An arrow points from an item to one that waits for it; a dashed arrow "
                    "means the order is preferred, not required."
                )
            )
        )
        out.append(_summary(f, len(graph), linked))
        out.append(w.diagram(f, GRAPH, flowchart(f, graph)))
    return w.join(out)


def _summary(f: Facts, shown: int, total: int) -> str:
    if shown >= total:
        return ""
    return f.w.para(
        f.lang._(
            "This diagram is summarised: it shows {shown} of {total} items, the critical path "
            "first and then the highest-ranked. Every item is listed in the tables of this "
            "document.",
            shown=f.lang.number(shown),
            total=f.lang.number(total),
        )
    )
