"""Items in Excel workbooks (.xlsx): read as a sheet of rows, and written for spreadsheets.

Reading uses openpyxl in read-only mode, which streams rows instead of building the whole
workbook. The sheet is the one named by ``--sheet``, else the first whose header row (found
below any title rows) has a key column. Cells are read as the values the workbook holds: Excel
dates as dates, decimal numbers as numbers, and a formula as the value the spreadsheet program
last calculated and saved with it. A formula that has no such value (a file written by a
script and never opened in a spreadsheet program) is reported, not guessed. What the cells mean
and how rows become items is :mod:`roadmap.io.sheet`'s, shared with CSV files.

A second sheet of stakeholders and their needs, recognised by its headers, is read beside the
items (:mod:`roadmap.io.needs_sheet`).

Writing makes string cells of all text, never formulas, so that nothing a person typed runs in
Excel; dates are date cells. The header row is styled and frozen, and columns are as wide as
their contents (within limits).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from roadmap.i18n import _
from roadmap.io.needs_sheet import NeedsSheet, is_needs_header, read_needs
from roadmap.io.planfile import PlanFileError
from roadmap.io.sheet import FIELDS, HEADER_SEARCH, NO_VALUE, Sheet, read_table
from roadmap.model.inputs import PlanDoc
from roadmap.model.typed_words import word_key

_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


def read_items_xlsx(
    data: bytes,
    *,
    name: str,
    criteria: Iterable[str] = (),
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    step: Callable[[int], None] | None = None,
) -> Sheet:
    """Rows of the items sheet of the workbook ``data`` (see the module's description);
    ``step`` is told of the rows read (see :func:`roadmap.io.sheet.read_table`)."""
    values = open_workbook(data, name)
    try:
        title = _choose(values, name, sheet, mapping or {})
        table = read_table(
            sheet_records(values, data, title),
            name=f"{name}[{title}]",
            criteria=criteria,
            mapping=mapping,
            step=step,
        )
        table.needs = _needs_sheet(values, title, name)
        return table
    finally:
        values.close()


def open_workbook(data: bytes, name: str) -> Any:
    """The workbook ``data`` (called ``name``) opened read-only, its cells as the values it
    holds; :class:`PlanFileError` when it is not one or cannot be read. Close it after use."""
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise PlanFileError(
            [_("{name}: not an Excel workbook (.xlsx); is it an older .xls file?", name=name)]
        )
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise PlanFileError(
            [_("{name}: the workbook cannot be read ({why})", name=name, why=exc)]
        ) from None


def sheet_records(workbook: Any, data: bytes, title: str) -> Iterator[tuple[int, list[Any]]]:
    """The rows of sheet ``title`` of ``workbook`` (opened from ``data``) as ``(line,
    cells)``, a formula without a saved value as :data:`~roadmap.io.sheet.NO_VALUE`."""
    formulas = _formula_cells(data, title) if _has_formulas(data) else set()
    return _records(workbook[title].iter_rows(values_only=True), formulas)


def _needs_sheet(workbook: Any, items: str, name: str) -> NeedsSheet | None:
    """The first other sheet whose header (within :data:`HEADER_SEARCH` rows) names
    stakeholders and needs."""
    for title in workbook.sheetnames:
        if title == items:
            continue
        head = workbook[title].iter_rows(max_row=HEADER_SEARCH, values_only=True)
        if any(is_needs_header(cells) for cells in head):
            rows = enumerate(workbook[title].iter_rows(values_only=True), start=1)
            return read_needs(
                ((line, list(cells)) for line, cells in rows), name=f"{name}[{title}]"
            )
    return None


def _choose(workbook: Any, name: str, wanted: str | None, mapping: dict[str, str]) -> str:
    """The title of the sheet that holds the items."""
    from roadmap.io.sheet import HEADERS

    titles = workbook.sheetnames
    if wanted is not None:
        if wanted not in titles:
            raise PlanFileError(
                [
                    _(
                        "{name}: no sheet {sheet} (the workbook has {sheets})",
                        name=name,
                        sheet=repr(wanted),
                        sheets=", ".join(map(repr, titles)),
                    )
                ]
            )
        return wanted
    for title in titles:
        for cells in workbook[title].iter_rows(max_row=HEADER_SEARCH, values_only=True):
            keys = [word_key(c) for c in cells if isinstance(c, str)]
            if any((mapping.get(k) or HEADERS.get(k)) == "key" for k in keys):
                return title
    raise PlanFileError(
        [
            _(
                "{name}: no sheet has a header row with a key column (a header such as key, "
                "tunnus or nyckel); the sheets are {sheets}; name one with --sheet",
                name=name,
                sheets=", ".join(map(repr, titles)),
            )
        ]
    )


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the workbook holds a formula (most exported data has none,
    and then it is read only once)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            _FORMULA.search(archive.read(member))
            for member in archive.namelist()
            if member.startswith("xl/worksheets/") and member.endswith(".xml")
        )


def _formula_cells(data: bytes, title: str) -> set[tuple[int, int]]:
    """``(row, column)`` of every formula cell of sheet ``title`` (both from 1)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        return {
            (cell.row, cell.column)
            for row in workbook[title].iter_rows()
            for cell in row
            if getattr(cell, "data_type", None) == "f"
        }
    finally:
        workbook.close()


def _records(
    rows: Iterator[tuple[Any, ...]], formulas: set[tuple[int, int]]
) -> Iterator[tuple[int, list[Any]]]:
    for line, cells in enumerate(rows, start=1):
        values = list(cells)
        if formulas:
            for column, value in enumerate(values, start=1):
                if value is None and (line, column) in formulas:
                    values[column - 1] = NO_VALUE
        yield line, values


# -- writing


def write_items_xlsx(doc: PlanDoc) -> bytes:
    """The plan's items as a workbook with the columns of the items CSV; reads back the same."""
    headers = [*FIELDS, *(f"score:{c.key}" for c in doc.criteria)]

    def cell(value: Any) -> Any:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list | tuple):
            return "; ".join(value) or None
        return None if value == "" else value

    rows = (
        [cell(getattr(item, name)) for name in FIELDS]
        + [item.scores.get(c.key) for c in doc.criteria]
        for item in doc.items
    )
    return write_xlsx([("items", headers, rows)])


def write_xlsx(
    sheets: Sequence[tuple[str, list[str], Iterable[Sequence[Any]]]],
) -> bytes:
    """A workbook of ``(title, headers, rows)`` sheets: text as string cells (never formulas),
    dates as date cells, a styled and frozen header row, columns as wide as their contents."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E79")
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        widths = [len(h) for h in headers]
        body = []
        for row in rows:
            cells = []
            for i, value in enumerate(row):
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text, even "=..."
                    longest = max((len(part) for part in value.split("\n")), default=0)
                    widths[i] = max(widths[i], longest)
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
                    widths[i] = max(widths[i], 10)
                else:
                    widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
                cells.append(cell)
            body.append(cells)
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(max(width, 6) + 2, 60)
        header = []
        for text in headers:
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(vertical="top")
            header.append(cell)
        sheet.append(header)
        for cells in body:
            sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
