"""The sequenced roadmap as CSV for spreadsheets: one row per placed item, in period order.

UTF-8 with a byte order mark, so that spreadsheet programs detect the encoding; headers in the
export language. Finnish and Swedish files use ``;`` between fields and a decimal comma, as
spreadsheets set up for those languages expect; English files use ``,`` and a decimal point.
Dates are ISO 8601, which every spreadsheet reads; :func:`render_xlsx` writes the same table as
an Excel workbook. A text that starts like a formula is
prefixed with ``'`` so that it stays text (:mod:`roadmap.io.formula`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from typing import Any

from roadmap.engine.result import Roadmap
from roadmap.i18n.lang import Lang
from roadmap.i18n.terms import status_word
from roadmap.io.doc_roadmap import why
from roadmap.io.doc_writer import Text
from roadmap.io.docdata import Facts
from roadmap.io.formula import neutralise
from roadmap.model.inputs import PlanDoc

DELIMITERS = {"fi": ";", "sv": ";", "en": ","}


def one_line(text: str) -> str:
    """User text for one spreadsheet cell: whitespace folded."""
    return " ".join(text.split())


def plain(text: str) -> str:
    """One line of user text for a CSV cell: whitespace folded, never a formula."""
    return neutralise(one_line(text))


def table(
    doc: PlanDoc, roadmap: Roadmap, lang: str, text: Callable[[str], str] = plain
) -> tuple[list[str], list[list[Any]]]:
    """The roadmap's headers and rows, in period order; dates are dates and numbers floats,
    user text passed through ``text``."""
    f = Facts(doc, roadmap, Lang(lang), Text(text))
    _ = f.lang._
    headers = [
        _("Key"),
        _("Item"),
        _("Theme"),
        _("Owner"),
        _("Team"),
        _("Start"),
        _("Ends"),
        _("Start date"),
        _("End date"),
        _("Effort"),
        _("Score"),
        _("Critical path"),
        _("Slack"),
        _("Status"),
        _("Waits for"),
        _("Why here"),
    ]
    placed = roadmap.placements
    keys = sorted(
        (k for k in placed if k in f.items),
        key=lambda k: (placed[k].start, -placed[k].effective_priority, k),
    )
    rows = []
    for key in keys:
        item, p = f.items[key], placed[key]
        theme = f.themes.get(item.theme or "")
        rows.append(
            [
                text(key),
                f.name(item, "title"),
                f.name(theme) if theme else "",
                f.owner(item),
                f.team(item.team),
                f.period(p.start),
                f.period(p.end),
                f.cal.start_of(p.start),
                f.cal.end_of(p.end),
                round(float(item.effort), 2),
                round(float(p.score), 2),
                _("yes") if p.critical else _("no"),
                round(float(p.slack), 2),
                status_word(item.status, f.lang),
                ", ".join(text(d.key) for d in f.depends.get(key, ())),
                why(f, key),
            ]
        )
    return headers, rows


def render(doc: PlanDoc, roadmap: Roadmap, lang: str) -> bytes:
    """The CSV file's bytes."""
    decimal = "," if DELIMITERS[lang] == ";" else "."

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", decimal)
        return value.isoformat() if isinstance(value, date) else value

    headers, rows = table(doc, roadmap, lang)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=DELIMITERS[lang], lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([cell(value) for value in row] for row in rows)
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def render_xlsx(doc: PlanDoc, roadmap: Roadmap, lang: str) -> bytes:
    """The roadmap as an Excel workbook: the same columns, dates as dates, numbers as numbers,
    text as string cells (which never run as formulas)."""
    from roadmap.io.xlsx_items import write_xlsx

    headers, rows = table(doc, roadmap, lang, one_line)
    return write_xlsx([(Lang(lang)._("Roadmap"), headers, rows)])
