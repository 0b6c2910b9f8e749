"""The sequenced roadmap as CSV for spreadsheets: one row per placed item, in period order.

UTF-8 with a byte order mark, so that spreadsheet programs detect the encoding; headers in the
export language. Finnish and Swedish files use ``;`` between fields and a decimal comma, as
spreadsheets set up for those languages expect; English files use ``,`` and a decimal point.
Dates are ISO 8601, which every spreadsheet reads. A text that starts like a formula is
prefixed with ``'`` so that it stays text (:mod:`roadmap.io.formula`).
"""

from __future__ import annotations

import csv
import io

from roadmap.engine.result import Roadmap
from roadmap.i18n.lang import Lang
from roadmap.i18n.terms import status_word
from roadmap.io.doc_roadmap import why
from roadmap.io.doc_writer import Text
from roadmap.io.docdata import Facts
from roadmap.io.formula import neutralise
from roadmap.model.inputs import PlanDoc

DELIMITERS = {"fi": ";", "sv": ";", "en": ","}


def plain(text: str) -> str:
    """One line of user text for a spreadsheet cell: whitespace folded, never a formula."""
    return neutralise(" ".join(text.split()))


def render(doc: PlanDoc, roadmap: Roadmap, lang: str) -> bytes:
    """The CSV file's bytes."""
    f = Facts(doc, roadmap, Lang(lang), Text(plain))
    _ = f.lang._
    decimal = "," if DELIMITERS[lang] == ";" else "."

    def num(value: float) -> str:
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", decimal)

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
        _("Status"),
        _("Waits for"),
        _("Why here"),
    ]
    placed = roadmap.placements
    keys = sorted(
        (k for k in placed if k in f.items),
        key=lambda k: (placed[k].start, -placed[k].effective_priority, k),
    )
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=DELIMITERS[lang], lineterminator="\r\n")
    writer.writerow(headers)
    for key in keys:
        item, p = f.items[key], placed[key]
        theme = f.themes.get(item.theme or "")
        writer.writerow(
            [
                plain(key),
                f.name(item, "title"),
                f.name(theme) if theme else "",
                f.owner(item),
                f.team(item.team),
                f.period(p.start),
                f.period(p.end),
                f.cal.start_of(p.start).isoformat(),
                f.cal.end_of(p.end).isoformat(),
                num(item.effort),
                num(p.score),
                _("yes") if p.critical else _("no"),
                status_word(item.status, f.lang),
                ", ".join(plain(d.key) for d in f.depends.get(key, ())),
                why(f, key),
            ]
        )
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")
