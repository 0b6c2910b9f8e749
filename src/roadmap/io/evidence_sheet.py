"""Interview notes from a spreadsheet (an Excel workbook, or CSV with ``,`` ``;`` or tabs) as
evidence records.

The rows are read by the same readers as spreadsheets of items
(:func:`roadmap.io.csv_items.csv_rows`, :func:`roadmap.io.xlsx_items.open_workbook`): in a
workbook, the first sheet with a column of dates under its header; in either, title rows above
the header row are passed over. One row is one piece of evidence. Headers are matched
case-insensitively in English, Finnish and Swedish (:data:`HEADERS`); methods may be typed in
any of the three (``haastattelu``, ``enkät``); dates as ``d.m.yyyy`` or ``yyyy-mm-dd`` (or
date cells); the actor by its key or its name; needs as keys in one cell (``NEUVOLA-1;
PERHE-2``). A row without a key gets the next ``EV-<n>``. Every problem of every row is
reported at once, as ``notes.csv:4: needs: unknown need 'X'``, and nothing is returned unless
the whole file is right.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from roadmap.i18n.validation import error_message
from roadmap.io.planfile import PlanFileError
from roadmap.io.sheet import HEADER_SEARCH, NO_VALUE, cell_value
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


def read_evidence(data: bytes, *, name: str, doc: PlanDoc) -> list[EvidenceIn]:
    """The evidence rows of the spreadsheet ``data`` (a workbook or CSV, called ``name``),
    checked against the plan ``doc``; :class:`PlanFileError` names every problem."""
    if zipfile.is_zipfile(io.BytesIO(data)):
        from roadmap.io.xlsx_items import open_workbook, sheet_records

        workbook = open_workbook(data, name)
        try:
            title = _notes_sheet(workbook)
            rows = list(sheet_records(workbook, data, title))
        finally:
            workbook.close()
        return _evidence(rows, f"{name}[{title}]", doc)
    from roadmap.io.csv_items import csv_rows

    return _evidence(list(csv_rows(data, name).records), name, doc)


def _is_header(cells: Iterable[Any]) -> bool:
    return any(HEADERS.get(word_key(c)) == "date" for c in cells if isinstance(c, str))


def _notes_sheet(workbook: Any) -> str:
    """The first sheet with a column of dates under its header, else the first sheet."""
    for title in workbook.sheetnames:
        head = workbook[title].iter_rows(max_row=HEADER_SEARCH, values_only=True)
        if any(_is_header(cells) for cells in head):
            return title
    return workbook.sheetnames[0]


def _text(cell: Any) -> str:
    """A cell as text: a workbook's dates as ``yyyy-mm-dd``, its numbers without ``.0``."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _evidence(records: list[tuple[int, list[Any]]], name: str, doc: PlanDoc) -> list[EvidenceIn]:
    """The evidence of ``records``: the header row (the first within :data:`HEADER_SEARCH`
    rows that has a column of dates, else the first row), then a piece of evidence a row."""
    unsaved = {(line, i) for line, cells in records for i, c in enumerate(cells) if c is NO_VALUE}
    rows = [(line, [_text(c) for c in cells]) for line, cells in records]
    rows = [(line, cells) for line, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        raise PlanFileError([f"{name}: the file has no header row"])
    start = next((i for i, (_, c) in enumerate(rows[:HEADER_SEARCH]) if _is_header(c)), 0)
    head_line, header = rows[start]
    problems: list[str] = []
    columns = []
    for cell in header:
        field = HEADERS.get(word_key(cell))
        if field is None and cell.strip():
            problems.append(f"{name}:{head_line}: unknown column {cell.strip()!r}")
        columns.append(field)
    if "date" not in columns:
        problems.append(
            f"{name}:{head_line}: a column of dates is needed (date, päivämäärä, datum)"
        )
    actors = {s.key: s.key for s in doc.stakeholders}
    actors |= {word_key(s.name): s.key for s in doc.stakeholders}
    taken = {ev.key for ev in doc.evidence}
    numbers = [int(m.group(1)) for k in taken if (m := re.fullmatch(r"EV-(\d+)", k))]
    next_number = max(numbers, default=0) + 1
    found: list[EvidenceIn] = []
    for line, cells in rows[start + 1 :]:
        values: dict[str, Any] = {}
        bad: set[str] = set()
        for i, (field, cell) in enumerate(zip(columns, cells, strict=False)):
            if field is None or not cell.strip():
                continue
            try:
                if (line, i) in unsaved:
                    cell_value(field, NO_VALUE)  # says why a formula cannot be read
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
