"""Plain text tables for the command line, written line by line.

Every table the commands print goes through :func:`write_table`: it measures the cells once,
shares the width among the columns by their content (a column is cut only when the others
have nothing left to give, and then the widest ones first), and writes the rows in chunks as
plain text. Cells are never read as markup, so a title such as ``[/]`` prints as typed, and
right-to-left overrides show as ``<U+202E>``. A
plan of 100,000 items prints in well under a second this way; Rich's ``Table`` lays out every
cell as a renderable and took seconds for a few thousand rows.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Literal, TextIO

from rich.cells import cell_len, set_cell_size

from roadmap.model.bidi import BIDI_CONTROLS, visible

GAP = "  "
CHUNK = 2000
"""Rows written at a time."""

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_UNSAFE = re.compile(f"{_CONTROLS.pattern}|{BIDI_CONTROLS.pattern}")
"""What :func:`plain` changes: a table without any is written as it is."""


@dataclass(frozen=True)
class Column:
    """A column's header, alignment and the narrowest width it may be cut to."""

    header: str
    align: Literal["left", "right"] = "left"
    min_width: int = 4


def plain(text: str) -> str:
    """``text`` on one line: tabs, line breaks and other control characters become spaces,
    so that a cell cannot move the cursor or break the table, and direction controls are
    written out (:func:`roadmap.model.bidi.visible`), so that they cannot reorder it.

    >>> plain("Line one\\nline two\\tend"), plain("a\u202eb")
    ('Line one line two end', 'a<U+202E>b')
    """
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(" ", text)
    return visible(text) if BIDI_CONTROLS.search(text) else text


def widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """Each column's width: as wide as its content when everything fits in ``width``, else
    the widest columns are narrowed one character at a time until it fits (never below a
    column's ``min_width`` or its header).

    >>> widths([Column("A"), Column("B")], [("x" * 10, "y" * 30)], 30)
    [10, 18]
    >>> widths([Column("A"), Column("B")], [("x" * 30, "y" * 30)], 30)
    [14, 14]
    """
    return _shared(columns, _by_column(rows, len(columns)), width)


def _shared(columns: Sequence[Column], texts: list[list[str]], width: int) -> list[int]:
    """:func:`widths` of columns holding ``texts`` (a list of cells for each)."""
    natural = [
        max(cell_len(column.header), column.min_width, _widest(cells))
        for column, cells in zip(columns, texts, strict=True)
    ]
    floor = [
        min(natural[i], max(column.min_width, cell_len(column.header)))
        for i, column in enumerate(columns)
    ]
    result = list(natural)
    excess = sum(result) + len(GAP) * (len(columns) - 1) - width
    while excess > 0:
        widest = max(
            (i for i in range(len(columns)) if result[i] > floor[i]),
            key=lambda i: result[i],
            default=None,
        )
        if widest is None:
            break
        result[widest] -= 1
        excess -= 1
    return result


def _by_column(rows: Sequence[Sequence[str]], n: int) -> list[list[str]]:
    """The cells of ``rows`` (``n`` each), column by column."""
    return [[row[i] for row in rows] for i in range(n)]


def _widest(texts: list[str]) -> int:
    """The most cells any of ``texts`` takes (characters, when they are all ASCII)."""
    if all(map(str.isascii, texts)):
        return max(map(len, texts), default=0)
    return max(len(text) if text.isascii() else cell_len(text) for text in texts)


def fit(text: str, width: int, align: str = "left") -> str:
    """``text`` padded or cut (with ``…``) to exactly ``width`` cells.

    >>> fit("Päiväkoti", 6)
    'Päivä…'
    >>> fit("12", 4, "right")
    '  12'
    """
    size = len(text) if text.isascii() else cell_len(text)
    if size > width:
        return set_cell_size(text, width - 1) + "…"
    pad = " " * (width - size)
    return pad + text if align == "right" else text + pad


def _fitted(texts: list[str], width: int, align: str) -> list[str]:
    """Each of a column's ``texts`` through :func:`fit`; padded in one go when all are ASCII
    and short enough, as most columns of a large plan are."""
    if all(map(str.isascii, texts)) and max(map(len, texts), default=0) <= width:
        return list(map(str.rjust if align == "right" else str.ljust, texts, repeat(width)))
    return [fit(text, width, align) for text in texts]


def write_table(
    out: TextIO,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: int,
    *,
    header: bool = True,
    bold_header: bool = False,
) -> None:
    """Write ``rows`` under ``columns`` (their headers unless ``header`` is false) to ``out``,
    fitted into ``width`` columns."""
    texts = _by_column(rows, len(columns))
    if any(_UNSAFE.search("".join(cells)) for cells in texts):
        texts = [[plain(cell) for cell in cells] for cells in texts]
    sizes = _shared(columns, texts, width)
    if header:
        heads = (fit(c.header, size, c.align) for c, size in zip(columns, sizes, strict=True))
        text = GAP.join(heads).rstrip()
        out.write(f"\x1b[1m{text}\x1b[0m\n" if bold_header else f"{text}\n")
    fitted = [
        _fitted(cells, size, column.align)
        for cells, size, column in zip(texts, sizes, columns, strict=True)
    ]
    lines = list(zip(*fitted, strict=True))
    for start in range(0, len(lines), CHUNK):
        out.write("".join(GAP.join(line).rstrip() + "\n" for line in lines[start : start + CHUNK]))


def echo_table(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], *, header: bool = True
) -> None:
    """Write a table to standard output, as wide as the terminal (``COLUMNS`` when set, 80
    columns when the output is not a terminal), with a bold header on a terminal."""
    out = sys.stdout
    tty = out.isatty() and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size().columns
    write_table(out, columns, rows, width, header=header, bold_header=tty)
