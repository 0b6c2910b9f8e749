"""Small SVG charts of the follow-up sections: starting and target levels per perspective, and
a measure's trend against its target.

Like :mod:`roadmap.io.svg`, they are drawn by hand, with no scripts and nothing fetched from
the network; each is ``role="img"`` with a ``<title>`` that says what it shows in words, and
the document holds the same facts in a table. Starting and target levels differ by pattern
(a filled bar, a dashed outline), never by colour alone.
"""

from __future__ import annotations

from html import escape

from roadmap.io.docdata import Facts
from roadmap.io.svg import INK, LINE, MUTED
from roadmap.model.evidence import LEVELS, MeasureIn, PerspectiveIn

LABEL, STEP, ROW = 300.0, 110.0, 46.0
"""Width of the perspective names, of one level, and height of a perspective's row."""
FILL = "#dbe9f6"


def levels(f: Facts, perspectives: list[PerspectiveIn]) -> str:
    """Each perspective's starting level as a filled bar and its target as a dashed outline,
    on a scale of one to five."""
    _ = f.lang._
    width = LABEL + STEP * LEVELS + 20
    height = ROW * len(perspectives) + 40
    title = escape(_("Starting and target levels"))
    desc = escape(
        _("Starting and target levels on a scale of 1 to 5; the same facts are in the table.")
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" width="{width:.0f}" height="{height:.0f}" font-family="sans-serif" '
        f'font-size="12"><title>{title}</title><desc>{desc}</desc>'
    ]
    for n in range(1, LEVELS + 1):
        x = LABEL + STEP * n
        parts.append(
            f'<line x1="{x:.0f}" y1="20" x2="{x:.0f}" y2="{height - 10:.0f}" stroke="{LINE}" '
            'stroke-width="0.5"/>'
            f'<text x="{x:.0f}" y="14" fill="{MUTED}" text-anchor="middle">{n}</text>'
        )
    start_word, target_word = escape(_("start")), escape(_("target"))
    for i, p in enumerate(perspectives):
        y = 24 + ROW * i
        name = escape(f.text(p, "name"))
        parts.append(f'<text x="0" y="{y + 22:.0f}" fill="{INK}">{name}</text>')
        if p.start:
            parts.append(
                f'<rect x="{LABEL:.0f}" y="{y + 4:.0f}" width="{STEP * p.start:.0f}" '
                f'height="16" fill="{FILL}" stroke="{INK}"/>'
                f'<text x="{LABEL + 4:.0f}" y="{y + 16:.0f}" fill="{INK}">'
                f"{start_word} {p.start}</text>"
            )
        if p.target:
            year = f" ({p.target_year})" if p.target_year else ""
            parts.append(
                f'<rect x="{LABEL:.0f}" y="{y + 22:.0f}" width="{STEP * p.target:.0f}" '
                f'height="16" fill="none" stroke="{INK}" stroke-dasharray="5 3"/>'
                f'<text x="{LABEL + 4:.0f}" y="{y + 34:.0f}" fill="{INK}">'
                f"{target_word} {p.target}{year}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def trend(f: Facts, measure: MeasureIn, width: float = 160.0, height: float = 40.0) -> str:
    """A measure's readings from its baseline on, as a line, with its target as a dashed
    line."""
    points = [(p.date, p.value) for p in (measure.baseline,) if p is not None]
    points += [(v.date, v.value) for v in measure.values]
    values = [v for _, v in points] + ([measure.target.value] if measure.target else [])
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    first, last = points[0][0], points[-1][0]
    days = ((last - first).days) or 1

    def x(day) -> float:
        return 4 + (width - 8) * (day - first).days / days

    def y(value: float) -> float:
        return height - 4 - (height - 8) * (value - low) / span

    line = "M" + " L".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
    title = escape(
        f.lang._(
            "Trend of {measure}: {first} to {last}",
            measure=f.text(measure, "name"),
            first=f.lang.number(points[0][1]),
            last=f.lang.number(points[-1][1]),
        )
    )
    desc = escape(f.lang._("The dashed line is the target."))
    target = ""
    if measure.target:
        ty = y(measure.target.value)
        target = (
            f'<line x1="0" y1="{ty:.1f}" x2="{width:.0f}" y2="{ty:.1f}" stroke="{MUTED}" '
            'stroke-dasharray="4 3"/>'
        )
    dots = "".join(
        f'<rect x="{x(d) - 2:.1f}" y="{y(v) - 2:.1f}" width="4" height="4" fill="{INK}"/>'
        for d, v in points
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" width="{width:.0f}" height="{height:.0f}"><title>{title}</title>'
        f"<desc>{desc}</desc>"
        f'{target}<path d="{line}" fill="none" stroke="{INK}" stroke-width="1.5"/>'
        f"{dots}</svg>"
    )
