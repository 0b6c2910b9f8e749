"""Pictures of the roadmap drawn as SVG by hand: the timeline and the dependency graph.

No scripts, no fonts or images from the network. Each picture is ``role="img"`` with a
``<title>`` and a ``<desc>`` that say in words what it shows and where the same facts stand
as tables. The critical path is marked by a thick outline and diagonal hatching, never by
colour alone; all text is dark on light fills (contrast well above 4.5:1). Both pictures draw
the items :mod:`roadmap.io.doc_diagrams` selected, so a large plan is summarised the same way
in the Markdown and the HTML.

Both fit the width of the page (:data:`WIDTH`, A4 and a laptop screen) without scrolling and
show every title in full: the timeline gives each item a row of its own and writes the title
beside its bar, on whichever side has room (wrapped when neither has); the dependency graph
puts each dependency depth in a band of rows, top to bottom, with titles wrapped over up to
three lines. Arrows join boxes on neighbouring rows; a box names the items further up that it
waits for, since long arrows through the gaps between boxes could not be followed.
"""

from __future__ import annotations

from html import escape

from roadmap.io.docdata import Facts

FILLS = ("#dbe9f6", "#fde2c8", "#d9f0d3", "#eadcf2", "#fbe0e6", "#fff1b8", "#d3efee", "#ececec")
INK, MUTED, LINE = "#1b1b1b", "#4a4a4a", "#6b6b6b"
CHAR = 6.6
"""Average width of a character at the text size used, for fitting labels."""
WIDTH = 980.0
"""Width of every picture: the text column of the document."""
_CONTROLS = str.maketrans({chr(c): " " for c in (*range(32), 127)})


def _cut(text: str, width: float) -> str:
    room = max(int(width / CHAR), 1)
    return text if len(text) <= room else text[: max(room - 1, 0)].rstrip() + "…"


def _wrap(text: str, width: float, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines that fit ``width``, the last one cut if need be."""
    room = max(int(width / CHAR), 1)
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while len(line) > room:
            out.append(line[:room])
            line = line[room:]
        while words and len(line) + 1 + len(words[0]) <= room:
            line += " " + words.pop(0)
        out.append(line)
    if words or len(out) > lines:
        out = out[:lines]
        out[-1] = _cut(f"{out[-1]} {' '.join(words)}", width)
    return out


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


def _text(
    x: float, y: float, text: str, *, weight: str = "normal", fill: str = INK, end: bool = False
) -> str:
    bold = ' font-weight="bold"' if weight == "bold" else ""
    anchor = ' text-anchor="end"' if end else ""
    words = escape(text.translate(_CONTROLS))
    return f'<text x="{x:.1f}" y="{y:.1f}" fill="{fill}"{bold}{anchor}>{words}</text>'


def _legend(prefix: str, f: Facts, y: float, extra: list[str]) -> list[str]:
    _ = f.lang._
    out = [_box(prefix, 10, y, 28, 14, "#ffffff", True), _text(44, y + 11, _("critical path"))]
    out += extra
    return out


def _beside(x0: float, x1: float, y: float, label: str) -> list[str]:
    """``label`` after the span ``x0``-``x1`` if it fits before the edge, else before the span
    if it fits there, else wrapped on the side with more room: never past either edge. One
    ``<text>`` per line, the first on baseline ``y``, the next :data:`LINE_HEIGHT` lower."""
    after, before = WIDTH - 4 - (x1 + 6), x0 - 6 - 4
    need = len(label) * CHAR * 1.1
    if need <= after:
        return [_text(x1 + 6, y, label)]
    if need <= before:
        return [_text(x0 - 6, y, label, end=True)]
    room = max(after, before)
    lines = _wrap(label, room / 1.1, 3)
    if room == after:
        return [_text(x1 + 6, y + LINE_HEIGHT * i, line) for i, line in enumerate(lines)]
    return [_text(x0 - 6, y + LINE_HEIGHT * i, line, end=True) for i, line in enumerate(lines)]


LINE_HEIGHT = 14.0
"""Baseline to baseline of wrapped labels."""
ROW = 22.0
"""Height of a timeline row with a one-line label."""


def timeline(f: Facts, keys: list[str], title: str, desc: str) -> str:
    """Periods as columns, a lane per theme, a row and a bar per item, milestones as diamonds."""
    _ = f.lang._
    placed = f.roadmap.placements
    last = max((placed[k].end for k in keys), default=0)
    indexed = [(f.cal.index_of(ms.date), ms) for ms in f.doc.milestones]
    ms_index = sorted((i, m.date, m.key, m) for i, m in indexed if 0 <= i <= max(last, 0))
    periods = last + 1
    label_w = 150.0
    col_w = (WIDTH - label_w - 10) / periods
    lanes: dict[str | None, list[str]] = {}
    for key in keys:
        theme = f.items[key].theme
        lanes.setdefault(theme if theme in f.themes else None, []).append(key)
    body, y = [], 30.0
    for i in range(periods):
        x = label_w + i * col_w
        body.append(f'<rect x="{x:.1f}" y="0" width="{col_w:.1f}" height="24" fill="#eef2f6"/>')
        body.append(_text(x + 4, 16, _cut(f.period(i), col_w - 6), weight="bold"))
    if ms_index:
        body.append(_text(6, y + 14, _("Milestones"), weight="bold"))
        for i, day, _key, ms in ms_index:
            span = (f.cal.end_of(i) - f.cal.start_of(i)).days + 1
            x = label_w + (i + (day - f.cal.start_of(i)).days / span) * col_w
            body.append(f'<path d="M{x:.1f},{y + 3:.1f} l6,6 l-6,6 l-6,-6 z" fill="{INK}"/>')
            label = _beside(x - 6, x + 6, y + 13, f.text(ms, "name"))
            body += label
            y += 18 + LINE_HEIGHT * (len(label) - 1)
        y += 8
    for n, (theme, members) in enumerate(lanes.items()):
        name = f.text(f.themes[theme], "name") if theme else _("Items without a theme")
        name_lines = _wrap(name, label_w - 12, 3)
        fill = FILLS[n % len(FILLS)]
        body.append(f'<line x1="0" y1="{y:.1f}" x2="{WIDTH:.1f}" y2="{y:.1f}" stroke="#c8c8c8"/>')
        body += [
            _text(6, y + 17 + 15 * i, line, weight="bold") for i, line in enumerate(name_lines)
        ]
        top = y + 4
        for key in members:
            p = placed[key]
            x = label_w + p.start * col_w + 2
            w = (p.end - p.start + 1) * col_w - 4
            body.append(_box("tl", x, top, w, 18, fill, p.critical))
            label = _beside(x, x + w, top + 13, f"{f.text(f.items[key], 'title')} ({key})")
            body += label
            top += ROW + LINE_HEIGHT * (len(label) - 1)
        y = max(top + 4, y + len(name_lines) * 15 + 8)
    for i in range(periods + 1):
        x = label_w + i * col_w
        body.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8c8c8"/>')
    body += _legend("tl", f, y + 12, [])
    return _frame("tl", WIDTH, y + 36, title, desc, body)


def _rows(keys: list[str], waits: dict[str, list[str]], per_row: int) -> list[list[str]]:
    """``keys`` in rows of at most ``per_row``, every item below all it waits for, filled row by
    row so that an item lands right below its blockers where it can: first the items that wait
    for one in the row just above (later their arrow would be long), then those that most
    items wait for, then in ``keys`` order.

    >>> _rows(["a", "b", "c", "d"], {"a": [], "b": ["a"], "c": ["a"], "d": ["b"]}, 2)
    [['a'], ['b', 'c'], ['d']]
    """
    order = {k: i for i, k in enumerate(keys)}
    held_up: dict[str, int] = dict.fromkeys(keys, 0)
    for key in keys:
        for blocker in waits[key]:
            held_up[blocker] += 1
    row_of: dict[str, int] = {}
    rows: list[list[str]] = []
    remaining = list(keys)
    while remaining:
        n = len(rows)
        ready = [k for k in remaining if all(row_of.get(b, n) < n for b in waits[k])]
        if not ready:  # a cycle (the engine reports it): place the rest as they come
            ready = remaining
        ready.sort(
            key=lambda k: (
                not any(row_of[b] == n - 1 for b in waits[k] if b in row_of),
                -held_up[k],
                order[k],
            )
        )
        row = ready[:per_row]
        for key in row:
            row_of[key] = n
        rows.append(row)
        taken = set(row)
        remaining = [k for k in remaining if k not in taken]
    return rows


def graph(f: Facts, keys: list[str], title: str, desc: str) -> str:
    """Items in rows below what they wait for, arrows from blocker to the item that waits."""
    shown = set(keys)
    waits = {k: [d.key for d in f.depends.get(k, ()) if d.key in shown] for k in keys}
    soft = {(d.key, k) for k in keys for d in f.depends.get(k, ()) if d.soft and d.key in shown}
    order = {k: i for i, k in enumerate(keys)}
    _ = f.lang._
    per_line, gap, margin = 4, 40.0, 20.0
    box_w = (WIDTH - 2 * margin - (per_line - 1) * gap) / per_line
    labels = {k: _wrap(f.text(f.items[k], "title"), box_w - 12, 3) for k in keys}
    chan = 46.0
    place: dict[str, tuple[int, float]] = {}
    rows = _rows(keys, waits, per_line)
    for line_no, row in enumerate(rows):
        # Under the middle of what they wait for, so that arrows run as straight as they can.
        def centre(k: str) -> tuple[float, int]:
            xs = [place[b][1] for b in waits[k] if b in place]
            return (sum(xs) / len(xs) if xs else per_line, order[k])

        for col, key in enumerate(sorted(row, key=centre)):
            place[key] = (line_no, float(col))
    line = len(rows)
    # An arrow joins boxes on neighbouring rows only: arrows across several rows ran together
    # in the gaps and could not be followed. The box that waits names those blockers instead.
    far = {k: [b for b in waits[k] if place[k][0] - place[b][0] != 1] for k in keys}

    def note(k: str) -> list[str]:
        named = ", ".join(far[k])
        if len(far[k]) < len(waits[k]):  # some blockers have arrows, the others are named
            return _wrap(_("also waits for {keys}", keys=named), box_w - 12, 3)
        return _wrap(_("waits for {keys}", keys=named), box_w - 12, 3)

    notes = {k: note(k) for k in keys if far[k]}
    noted = max((len(v) for v in notes.values()), default=0)
    box_h = 14 + 15 * (max((len(v) for v in labels.values()), default=1) + noted) + 14
    top = {n: 10 + n * (box_h + chan) for n in range(line + 1)}
    height = top[line] - chan + 10

    def left(col: float) -> float:
        return margin + col * (box_w + gap)

    body: list[str] = []
    edges = sorted(
        ((b, k) for k in keys for b in waits[k] if b not in far[k]),
        key=lambda e: (order[e[0]], order[e[1]]),
    )
    for a, b in edges:
        (la, ca), (lb, cb) = place[a], place[b]
        x1, y1 = left(ca) + box_w / 2, top[la] + box_h
        x2, y2 = left(cb) + box_w / 2, top[lb]
        mid = (y1 + y2) / 2
        d = f"M{x1:.1f},{y1:.1f} C{x1:.1f},{mid:.1f} {x2:.1f},{mid:.1f} {x2:.1f},{y2:.1f}"
        dash = ' stroke-dasharray="6 4"' if (a, b) in soft else ""
        body.append(
            f'<path d="{d}" fill="none" stroke="{INK}" stroke-width="1.3"{dash} '
            'marker-end="url(#dg-arrow)"/>'
        )
    fills = {theme.key: FILLS[n % len(FILLS)] for n, theme in enumerate(f.doc.themes)}
    for key in keys:
        line_no, at = place[key]
        x, y = left(at), top[line_no]
        p = f.roadmap.placements.get(key)
        fill = fills.get(f.items[key].theme or "", FILLS[-1])
        body.append(_box("dg", x, y, box_w, box_h, fill, bool(p and p.critical)))
        body += [_text(x + 6, y + 16 + 15 * i, text) for i, text in enumerate(labels[key])]
        lines = notes.get(key, [])
        body += [
            _text(x + 6, y + box_h - 23 - 15 * (len(lines) - 1 - i), text, fill=MUTED)
            for i, text in enumerate(lines)
        ]
        when = f" · {f.period(p.start)}" if p else ""
        body.append(_text(x + 6, y + box_h - 8, _cut(f"{key}{when}", box_w - 12), fill=MUTED))
    _ = f.lang._
    legend = [
        f'<line x1="180" y1="{height + 19:.1f}" x2="220" y2="{height + 19:.1f}" stroke="{INK}" '
        f'stroke-dasharray="6 4" marker-end="url(#dg-arrow)"/>',
        _text(226, height + 23, _("preferred order")),
    ]
    body += _legend("dg", f, height + 12, legend)
    return _frame("dg", WIDTH, height + 40, title, desc, body)
