"""Pictures of the roadmap drawn as SVG by hand: the timeline and the dependency graph.

No scripts, no fonts or images from the network. Each picture is ``role="img"`` with a
``<title>`` and a ``<desc>`` that say in words what it shows and where the same facts stand
as tables. The critical path is marked by a thick outline and diagonal hatching, never by
colour alone; all text is dark on light fills (contrast well above 4.5:1). Both pictures draw
the items :mod:`roadmap.io.doc_diagrams` selected, so a large plan is summarised the same way
in the Markdown and the HTML.
"""

from __future__ import annotations

from html import escape

import networkx as nx

from roadmap.io.docdata import Facts

FILLS = ("#dbe9f6", "#fde2c8", "#d9f0d3", "#eadcf2", "#fbe0e6", "#fff1b8", "#d3efee", "#ececec")
INK, MUTED, LINE = "#1b1b1b", "#4a4a4a", "#6b6b6b"
CHAR = 6.6
"""Average width of a character at the text size used, for cutting labels to fit."""
LANE_ROWS = 8
"""Bars a timeline lane shows before it says "and N more"."""


def _cut(text: str, width: float) -> str:
    room = max(int(width / CHAR), 1)
    return text if len(text) <= room else text[: max(room - 1, 0)].rstrip() + "…"


def _frame(prefix: str, width: float, height: float, title: str, desc: str, body: list[str]) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="diagram" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
            f'aria-labelledby="{prefix}-title {prefix}-desc" font-family="system-ui, sans-serif" '
            f'font-size="12">',
            f'<title id="{prefix}-title">{escape(title)}</title>',
            f'<desc id="{prefix}-desc">{escape(desc)}</desc>',
            "<defs>",
            f'<pattern id="{prefix}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="{INK}" '
            'stroke-width="1.5" stroke-opacity="0.35"/></pattern>',
            f'<marker id="{prefix}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            f'fill="{INK}"/></marker>',
            "</defs>",
            *body,
            "</svg>",
        ]
    )


def _box(prefix: str, x: float, y: float, w: float, h: float, fill: str, critical: bool) -> str:
    stroke = f'stroke="{INK}" stroke-width="3"' if critical else f'stroke="{LINE}"'
    shape = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="3"'
    out = f'{shape} fill="{fill}" {stroke}/>'
    return out + f'{shape} fill="url(#{prefix}-hatch)"/>' if critical else out


def _text(x: float, y: float, text: str, *, weight: str = "normal", fill: str = INK) -> str:
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" fill="{fill}"{bold}>{escape(text)}</text>'


def _legend(prefix: str, f: Facts, y: float, extra: list[str]) -> list[str]:
    _ = f.lang._
    out = [_box(prefix, 10, y, 28, 14, "#ffffff", True), _text(44, y + 11, _("critical path"))]
    out += extra
    return out


def timeline(f: Facts, keys: list[str], title: str, desc: str) -> str:
    """Periods as columns, a lane per theme, a bar per item, milestones as diamonds."""
    _ = f.lang._
    placed = f.roadmap.placements
    last = max((placed[k].end for k in keys), default=0)
    ms_index = [(f.cal.index_of(ms.date), ms) for ms in f.doc.milestones]
    ms_index = sorted((i, m.date, m.key, m) for i, m in ms_index if 0 <= i <= max(last, 0))
    periods = last + 1
    label_w, col_w = 170.0, max(110.0, 880.0 / periods)
    width = label_w + col_w * periods + 10
    lanes: dict[str | None, list[str]] = {}
    for key in keys:
        theme = f.items[key].theme
        lanes.setdefault(theme if theme in f.themes else None, []).append(key)
    body, y = [], 30.0
    for i in range(periods):
        x = label_w + i * col_w
        body.append(f'<rect x="{x:.1f}" y="0" width="{col_w:.1f}" height="24" fill="#eef2f6"/>')
        body.append(_text(x + 6, 16, f.period(i), weight="bold"))
    if ms_index:
        body.append(_text(6, y + 14, _("Milestones"), weight="bold"))
        for n, (i, day, _key, ms) in enumerate(ms_index):
            span = (f.cal.end_of(i) - f.cal.start_of(i)).days + 1
            x = label_w + (i + (day - f.cal.start_of(i)).days / span) * col_w
            row_y = y + 4 + (n % 2) * 20
            body.append(f'<path d="M{x:.1f},{row_y:.1f} l6,6 l-6,6 l-6,-6 z" fill="{INK}"/>')
            body.append(_text(x + 9, row_y + 10, _cut(f.text(ms, "name"), col_w * 1.5)))
        y += 48
    for n, (theme, members) in enumerate(lanes.items()):
        rows: list[int] = []
        slots: list[tuple[str, int]] = []
        hidden = 0
        for key in members:
            p = placed[key]
            row = next((r for r, end in enumerate(rows) if end < p.start), len(rows))
            if row >= LANE_ROWS:
                hidden += 1
                continue
            if row == len(rows):
                rows.append(p.end)
            rows[row] = p.end
            slots.append((key, row))
        height = max(len(rows), 1) * 24 + (18 if hidden else 0) + 8
        fill = FILLS[n % len(FILLS)]
        body.append(f'<line x1="0" y1="{y:.1f}" x2="{width:.1f}" y2="{y:.1f}" stroke="#c8c8c8"/>')
        name = f.text(f.themes[theme], "name") if theme else _("Items without a theme")
        body.append(_text(6, y + 17, _cut(name, label_w - 12), weight="bold"))
        for key, row in slots:
            p = placed[key]
            x = label_w + p.start * col_w + 2
            w = (p.end - p.start + 1) * col_w - 4
            top = y + 4 + row * 24
            body.append(_box("tl", x, top, w, 20, fill, p.critical))
            label = f"{f.text(f.items[key], 'title')} ({key})"
            body.append(_text(x + 5, top + 14, _cut(label, w - 10)))
        if hidden:
            more = f.lang.ngettext("and {n} more", "and {n} more", hidden)
            body.append(_text(label_w + 4, y + height - 10, more, fill=MUTED))
        y += height
    for i in range(periods + 1):
        x = label_w + i * col_w
        body.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8c8c8"/>')
    body += _legend("tl", f, y + 12, [])
    return _frame("tl", width, y + 36, title, desc, body)


def graph(f: Facts, keys: list[str], title: str, desc: str) -> str:
    """Items in columns by dependency depth, arrows from blocker to the item that waits."""
    g = nx.DiGraph()
    g.add_nodes_from(keys)
    shown = set(keys)
    soft = set()
    for key in keys:
        for dep in f.depends.get(key, ()):
            if dep.key in shown:
                g.add_edge(dep.key, key)
                if dep.soft:
                    soft.add((dep.key, key))
    order = {k: i for i, k in enumerate(keys)}
    columns: list[list[str]] = []
    row_of: dict[str, float] = {}
    for layer in nx.topological_generations(g):

        def centre(k: str) -> tuple[float, int]:
            preds = [row_of[p] for p in g.predecessors(k)]
            return (sum(preds) / len(preds) if preds else order[k], order[k])

        column = sorted(layer, key=centre)
        for i, k in enumerate(column):
            row_of[k] = i
        columns.append(column)
    box_w, box_h, gap_x, gap_y = 190.0, 40.0, 60.0, 14.0
    pos = {
        k: (10 + c * (box_w + gap_x), 10 + r * (box_h + gap_y))
        for c, column in enumerate(columns)
        for r, k in enumerate(column)
    }
    width = 20 + len(columns) * (box_w + gap_x) - gap_x
    height = 20 + max((len(c) for c in columns), default=1) * (box_h + gap_y)
    body = []
    for a, b in sorted(g.edges, key=lambda e: (order[e[0]], order[e[1]])):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        x1, y1, y2 = x1 + box_w, y1 + box_h / 2, y2 + box_h / 2
        mid = (x1 + x2) / 2
        dash = ' stroke-dasharray="6 4"' if (a, b) in soft else ""
        body.append(
            f'<path d="M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} '
            f'{x2:.1f},{y2:.1f}" '
            f'fill="none" stroke="{INK}" stroke-width="1.3"{dash} marker-end="url(#dg-arrow)"/>'
        )
    fills = {theme.key: FILLS[n % len(FILLS)] for n, theme in enumerate(f.doc.themes)}
    for key in keys:
        x, y = pos[key]
        p = f.roadmap.placements.get(key)
        fill = fills.get(f.items[key].theme or "", FILLS[-1])
        body.append(_box("dg", x, y, box_w, box_h, fill, bool(p and p.critical)))
        body.append(_text(x + 6, y + 16, _cut(f.text(f.items[key], "title"), box_w - 12)))
        when = f" · {f.period(p.start)}" if p else ""
        body.append(_text(x + 6, y + 32, _cut(f"{key}{when}", box_w - 12), fill=MUTED))
    _ = f.lang._
    legend = [
        f'<line x1="180" y1="{height + 19:.1f}" x2="220" y2="{height + 19:.1f}" stroke="{INK}" '
        f'stroke-dasharray="6 4" marker-end="url(#dg-arrow)"/>',
        _text(226, height + 23, _("preferred order")),
    ]
    body += _legend("dg", f, height + 12, legend)
    return _frame("dg", max(width, 420), height + 40, title, desc, body)
