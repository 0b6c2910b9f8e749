"""Milestones and period starts as an iCalendar file (RFC 5545), written by hand.

Every event has a UID made from the plan's slug and the milestone's key or the period's
canonical label, so that calendars that subscribe to the file update events instead of
duplicating them. Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
character; text values are escaped as the RFC requires. The only time stamp is the caller's
``generated`` date, so the same plan gives the same file.
"""

from __future__ import annotations

from datetime import date, timedelta

from roadmap import __version__
from roadmap.engine.result import Roadmap
from roadmap.i18n.lang import Lang
from roadmap.io.doc_writer import Text
from roadmap.io.docdata import Facts
from roadmap.model.inputs import PlanDoc

LIST_LIMIT = 20
"""Items named in a period's description before "and N more"."""
_TEXT = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def escape(text: str) -> str:
    """A TEXT value: backslash, ``;``, ``,`` and newlines escaped, other controls removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c in "\n\t" or (ord(c) >= 32 and ord(c) != 127))
    return text.translate(_TEXT)


def fold(line: str) -> bytes:
    """One content line, CRLF-terminated, folded so that no line exceeds 75 octets."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out).encode() + b"\r\n"


def _event(uid: str, stamp: str, day: date, summary: str, description: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape(uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(summary)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def render(doc: PlanDoc, roadmap: Roadmap, lang: str, *, generated: date) -> bytes:
    """The iCalendar file's bytes."""
    f = Facts(doc, roadmap, Lang(lang), Text(lambda text: " ".join(text.split())))
    _ = f.lang._
    slug = doc.plan.slug or "plan"
    stamp = f"{generated:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//roadmap//roadmap {__version__}//{lang.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(f.name(doc.plan))}",
    ]
    for ms in sorted(doc.milestones, key=lambda m: (m.date, m.key)):
        waits = ", ".join(f.item(k) for k in ms.items if k in f.items)
        description = _("waits for {items}", items=waits) if waits else ""
        summary = _("Milestone: {name}", name=f.name(ms))
        lines += _event(f"{slug}-milestone-{ms.key}@roadmap", stamp, ms.date, summary, description)
    starts: dict[int, list[str]] = {}
    for item in f.ranked:
        placed = roadmap.placements.get(item.key)
        if placed:
            starts.setdefault(placed.start, []).append(item.key)
    for index in sorted(starts):
        keys = starts[index]
        names = [f.item(k) for k in keys[:LIST_LIMIT]]
        if len(keys) > LIST_LIMIT:
            names.append(f.lang.ngettext("and {n} more", "and {n} more", len(keys) - LIST_LIMIT))
        count = f.lang.ngettext("{n} item starts", "{n} items start", len(keys))
        summary = _("{period} starts", period=f.period(index))
        uid = f"{slug}-period-{f.cal.label(index)}@roadmap"
        lines += _event(
            uid, stamp, f.cal.start_of(index), summary, f"{count}:\n" + "\n".join(names)
        )
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)
