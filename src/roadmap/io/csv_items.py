"""Items as spreadsheets keep them: CSV files with one row per development item.

Reading accepts what spreadsheet programs write: comma, semicolon or tab delimiters (sniffed
from the header), UTF-8 with or without a byte order mark or Windows-1252, CRLF line ends, and
with a semicolon or tab delimiter the decimal comma of Finnish and Swedish locales (``2,5``).
What the cells mean, and how rows become items, is :mod:`roadmap.io.sheet`'s, shared with
Excel workbooks. A quote that is never closed swallows the rows after it into one cell; that
is reported, with the line, rather than imported as a long title.

:func:`write_items_csv` writes UTF-8 with a byte order mark (so that spreadsheet programs
recognise the encoding), English headers and commas, and text that a spreadsheet would take for
a formula behind a ``'`` (:mod:`roadmap.io.formula`); what it writes reads back the same.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from roadmap.i18n import _
from roadmap.io import sheet
from roadmap.io.formula import neutralise, restore
from roadmap.io.planfile import PlanFileError, check_bytes
from roadmap.io.sheet import (
    HEADER_SEARCH,
    Sheet,
    import_sheet,
    merge_items,
    parse_mapping,
    read_table,
)
from roadmap.model.inputs import PlanDoc

FIELDS = sheet.FIELDS
__all__ = [
    "CsvRows",
    "Sheet",
    "csv_rows",
    "import_sheet",
    "merge_items",
    "parse_mapping",
    "read_items_csv",
    "write_items_csv",
]


def read_items_csv(
    data: bytes,
    *,
    name: str,
    criteria: Iterable[str] = (),
    mapping: dict[str, str] | None = None,
    step: Callable[[int], None] | None = None,
) -> Sheet:
    """Rows of a CSV file of items; ``criteria`` are the plan's criterion keys (for headers
    that name one), ``mapping`` comes from :func:`parse_mapping`, ``step`` is told of the
    rows read (see :func:`roadmap.io.sheet.read_table`)."""
    text, encoding, delimiter, records = csv_rows(data, name)
    table = read_table(
        records,
        name=name,
        criteria=criteria,
        mapping=mapping,
        decimal_comma=delimiter != ",",
        step=step,
    )
    if text.count('"') % 2:
        last = table.rows[-1].line if table.rows else 1
        table.problems.append(
            _(
                '{where}: a quote (") opened on or after this line is never closed, so the '
                "rows after it were read as one cell; close it or remove it",
                where=f"{name}:{last}",
            )
        )
    if encoding == "cp1252":
        table.warnings.insert(0, _("{name}: not UTF-8; read as Windows-1252 text", name=name))
    return table


class CsvRows(NamedTuple):
    """A CSV file as read: its text, encoding and delimiter, and its rows as ``(line,
    cells)`` (a line a quoted cell breaks counts once, at its start)."""

    text: str
    encoding: str
    delimiter: str
    records: Iterator[tuple[int, list[str]]]


def csv_rows(data: bytes, name: str) -> CsvRows:
    """The rows of the CSV file ``data`` (called ``name``), for any table a spreadsheet
    keeps; the delimiter is sniffed from the first rows, cells written behind a ``'`` are
    given back, and a row that cannot be read raises :class:`PlanFileError` with its line."""
    text, encoding = _decode(data, name)
    lines = text.split("\n", HEADER_SEARCH)[:HEADER_SEARCH]
    delimiter = max((",", ";", "\t"), key=lambda d: max(line.count(d) for line in lines))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    quoted = "'" in text
    """Whether any cell may have been written behind a ``'`` (most files have none)."""

    def records() -> Iterator[tuple[int, list[str]]]:
        line = 1
        try:
            for cells in reader:
                if quoted:
                    cells = [restore(cell) if cell[:1] == "'" else cell for cell in cells]
                yield line, cells
                line = reader.line_num + 1
        except csv.Error as exc:
            raise PlanFileError([f"{name}:{reader.line_num}: {exc}"]) from None

    return CsvRows(text, encoding, delimiter, records())


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanFileError(
            [_("{name}: the file is UTF-16; save it as CSV (UTF-8) instead", name=name)]
        )
    check_bytes(data, name)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            error = exc
    line = data.count(b"\n", 0, error.start) + 1
    raise PlanFileError(
        [
            _(
                "{where}: neither UTF-8 nor Windows-1252 text; save as CSV UTF-8",
                where=f"{name}:{line}",
            )
        ]
    )


def write_items_csv(doc: PlanDoc) -> bytes:
    """The plan's items as CSV: UTF-8 with a byte order mark, English headers, commas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*FIELDS, *(f"score:{c.key}" for c in doc.criteria)])
    for item in doc.items:
        row = [_cell(item.key, name, getattr(item, name)) for name in FIELDS]
        row += [_cell(item.key, "scores", item.scores.get(c.key)) for c in doc.criteria]
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(key: str, name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        for part in value:
            if ";" in part or part != part.strip():
                raise ValueError(
                    _(
                        "item {key}: {field} value {value} cannot be a part of a CSV list cell "
                        "(it has a semicolon or surrounding spaces); export YAML or JSON instead",
                        key=key,
                        field=name,
                        value=repr(part),
                    )
                )
        return neutralise("; ".join(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return neutralise(value) if isinstance(value, str) else str(value)
