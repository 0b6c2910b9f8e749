"""Interview notes from a spreadsheet (CSV, ``,`` ``;`` or tab separated) as evidence records.

One row is one piece of evidence. Headers are matched case-insensitively in English, Finnish
and Swedish (:data:`HEADERS`); methods may be typed in any of the three (``haastattelu``,
``enkät``); dates as ``d.m.yyyy`` or ``yyyy-mm-dd``; the actor by its key or its name; needs
as keys in one cell (``NEUVOLA-1; PERHE-2``). A row without a key gets the next ``EV-<n>``.
Every problem of every row is reported at once, as ``notes.csv:4: needs: unknown need 'X'``,
and nothing is returned unless the whole file is right.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from pydantic import ValidationError

from roadmap.i18n.validation import error_message
from roadmap.io.planfile import PlanFileError, decode_text
from roadmap.model.evidence import EvidenceIn
from roadmap.model.inputs import PlanDoc
from roadmap.model.typed_words import parse_date, split_list, word_key

HEADERS: dict[str, str] = {
    word_key(header): field
    for field, headers in {
        "key": ("key", "id", "tunnus", "nyckel"),
        "date": ("date", "päivämäärä", "pvm", "datum"),
        "method": ("method", "menetelmä", "metod"),
        "stakeholder": ("actor", "stakeholder", "toimija", "sidosryhmä", "aktör", "intressent"),
        "needs": ("needs", "tarpeet", "behov"),
        "summary": ("summary", "yhteenveto", "tiivistelmä", "sammanfattning"),
        "quote": ("quote", "lainaus", "citat"),
        "recorded_by": ("recorded by", "kirjaaja", "kirjannut", "antecknat av"),
        "person": ("person", "henkilö"),
    }.items()
    for header in (field, *headers)
}
"""Typed header -> evidence field."""

METHODS: dict[str, str] = {
    word_key(word): method
    for method, words in {
        "interview": ("haastattelu", "intervju"),
        "workshop": ("työpaja", "verkstad"),
        "survey": ("kysely", "enkät"),
        "document": ("asiakirja", "dokumentti", "dokument"),
        "data": ("aineisto", "tietoaineisto", "data"),
    }.items()
    for word in (method, *words)
}
"""Typed method -> method."""


def read_evidence_csv(data: bytes, *, name: str, doc: PlanDoc) -> list[EvidenceIn]:
    """The evidence rows of the CSV file ``data`` (called ``name``), checked against the plan
    ``doc``; :class:`PlanFileError` names every problem."""
    text = decode_text(data, name)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise PlanFileError([f"{name}:{reader.line_num}: {exc}"]) from None
    if not rows:
        raise PlanFileError([f"{name}: the file has no header row"])
    problems: list[str] = []
    columns = []
    for header in rows[0]:
        field = HEADERS.get(word_key(header))
        if field is None and header.strip():
            problems.append(f"{name}:1: unknown column {header.strip()!r}")
        columns.append(field)
    if "date" not in columns:
        problems.append(f"{name}:1: a column of dates is needed (date, päivämäärä, datum)")
    actors = {s.key: s.key for s in doc.stakeholders}
    actors |= {word_key(s.name): s.key for s in doc.stakeholders}
    taken = {ev.key for ev in doc.evidence}
    numbers = [int(m.group(1)) for k in taken if (m := re.fullmatch(r"EV-(\d+)", k))]
    next_number = max(numbers, default=0) + 1
    found: list[EvidenceIn] = []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values: dict[str, Any] = {}
        bad: set[str] = set()
        for field, cell in zip(columns, cells, strict=False):
            if field is None or not cell.strip():
                continue
            try:
                values[field] = _value(field, cell.strip(), actors)
            except ValueError as exc:
                problems.append(f"{name}:{line}: {field}: {exc}")
                bad.add(field)
        if "key" not in values:
            values["key"] = f"EV-{next_number}"
            next_number += 1
        values.setdefault("method", "interview")
        problems += _references(values, doc, taken, f"{name}:{line}")
        taken.add(values["key"])
        try:
            found.append(EvidenceIn.model_validate(values))
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                if error["loc"][0] not in bad:
                    where = ".".join(map(str, error["loc"]))
                    problems.append(f"{name}:{line}: {where}: {error_message(error)}")
    if problems:
        raise PlanFileError(problems)
    return found


def _value(field: str, cell: str, actors: dict[str, str]) -> Any:
    if field == "date":
        return parse_date(cell)
    if field == "method":
        method = METHODS.get(word_key(cell))
        if method is None:
            raise ValueError(f"{cell!r} is not a method (interview, haastattelu, enkät, data...)")
        return method
    if field == "stakeholder":
        key = actors.get(cell) or actors.get(word_key(cell))
        if key is None:
            raise ValueError(f"no actor {cell!r} (give its key or its name)")
        return key
    if field == "needs":
        return split_list(cell)
    return cell


def _references(values: dict[str, Any], doc: PlanDoc, taken: set[str], where: str) -> list[str]:
    """Problems of a row's references: its key taken, needs or people the plan lacks."""
    needs = {n.key for s in doc.stakeholders for n in s.needs}
    people = {p.key for p in doc.people}
    key = values["key"]
    out = [f"{where}: key: evidence {key} exists already"] if key in taken else []
    out += [
        f"{where}: needs: unknown need {k!r}" for k in values.get("needs", ()) if k not in needs
    ]
    out += [
        f"{where}: {field}: unknown person {values[field]!r}"
        for field in ("recorded_by", "person")
        if field in values and values[field] not in people
    ]
    return out
