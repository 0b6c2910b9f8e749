"""Items as spreadsheets keep them: CSV files with one row per development item.

Reading accepts what spreadsheet programs write: comma, semicolon or tab delimiters (sniffed
from the header), UTF-8 with or without a byte order mark or Windows-1252, CRLF line ends, and
with a semicolon or tab delimiter the decimal comma of Finnish and Swedish locales (``2,5``).
Headers are matched case-insensitively in English, Finnish and Swedish (see :data:`HEADERS`);
``--map "Column=field"`` names others, and ``--map "Column=-"`` skips a column. Columns that
match nothing are reported as warnings, never dropped silently.

Scores are one column per criterion, headed ``score:<criterion key>`` (also ``pisteet:`` and
``poäng:``, or just the criterion key). List fields (tags, dependencies, needs, sources,
affected organisations) hold several values in one cell, separated by semicolons -- or by
commas when the cell has no semicolon.

Rows become items of an existing plan through :func:`merge_items`: a row whose key the plan
already has updates that item, and only in the columns the file has; an empty cell clears the
field. Items the file does not mention stay as they are. Translations (``i18n``) are not part of
the sheet and are kept.

:func:`write_items_csv` writes UTF-8 with a byte order mark (so that spreadsheet programs
recognise the encoding), English headers and commas; what it writes reads back the same.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from roadmap.io.planfile import PlanFileError, check_bytes, describe, validation_problems
from roadmap.model.inputs import ItemIn, PlanDoc, check_references
from roadmap.model.storable import storage_problems

LIST_FIELDS = ("tags", "depends_on", "soft_depends_on", "needs", "sources", "organisations")
NUMBER_FIELDS = (
    "effort", "confidence", "reach", "impact", "cost_of_delay", "duration", "max_share",
)  # fmt: skip
DATE_FIELDS = ("earliest_start", "deadline")
FIELDS = tuple(name for name in ItemIn.model_fields if name not in ("i18n", "scores", "lags"))
"""Columns of an item row; lags belong to a plan file's dependencies, not to a spreadsheet."""
"""Item fields a sheet can hold, in the order :func:`write_items_csv` writes them."""
SCORE_PREFIXES = ("score:", "pisteet:", "poäng:")
SKIP = "-"
"""``--map "Column=-"``: the column is known and not imported."""

HEADERS: dict[str, str] = {
    **{name.replace("_", " "): name for name in FIELDS},
    # English
    "id": "key",
    "name": "title",
    "owner": "organisation",
    "organization": "organisation",
    "organizations": "organisations",
    "affected organisations": "organisations",
    "dependencies": "depends_on",
    "soft dependencies": "soft_depends_on",
    "pinned": "pinned_period",
    "period": "pinned_period",
    # Finnish
    "tunnus": "key",
    "avain": "key",
    "otsikko": "title",
    "nimi": "title",
    "kuvaus": "description",
    "teema": "theme",
    "omistaja": "organisation",
    "organisaatio": "organisation",
    "tiimi": "team",
    "tila": "status",
    "työmäärä": "effort",
    "varmuus": "confidence",
    "tavoittavuus": "reach",
    "vaikutus": "impact",
    "viivästyksen hinta": "cost_of_delay",
    "pakollinen": "mandatory",
    "jakso": "pinned_period",
    "kiinnitetty jakso": "pinned_period",
    "aikaisintaan": "earliest_start",
    "määräaika": "deadline",
    "tunnisteet": "tags",
    "riippuvuudet": "depends_on",
    "pehmeät riippuvuudet": "soft_depends_on",
    "tarpeet": "needs",
    "tietolähteet": "sources",
    "lähteet": "sources",
    "organisaatiot": "organisations",
    # Swedish
    "nyckel": "key",
    "titel": "title",
    "namn": "title",
    "beskrivning": "description",
    "tema": "theme",
    "ägare": "organisation",
    "arbetsmängd": "effort",
    "säkerhet": "confidence",
    "räckvidd": "reach",
    "effekt": "impact",
    "förseningskostnad": "cost_of_delay",
    "obligatorisk": "mandatory",
    "fäst period": "pinned_period",
    "tidigast": "earliest_start",
    "taggar": "tags",
    "beroenden": "depends_on",
    "mjuka beroenden": "soft_depends_on",
    "behov": "needs",
    "källor": "sources",
    "organisationer": "organisations",
}
"""Normalised header (lower case, runs of spaces, ``_`` and ``-`` as one space) -> field.
Field names themselves (``depends on``, ``status``, ``deadline``) serve English, and Swedish
where the words are the same."""

VALUES: dict[str, dict[str, str]] = {
    "status": {
        "in progress": "in_progress",
        "ehdotus": "idea",
        "idé": "idea",
        "suunniteltu": "planned",
        "planerad": "planned",
        "käynnissä": "in_progress",
        "työn alla": "in_progress",
        "pågående": "in_progress",
        "valmis": "done",
        "klar": "done",
        "hylätty": "dropped",
        "peruttu": "dropped",
        "struken": "dropped",
        "avbruten": "dropped",
    },
    "moscow": {"m": "must", "s": "should", "c": "could", "w": "wont", "won't": "wont"},
    "mandatory": {"kyllä": "true", "ei": "false", "ja": "true", "nej": "false", "x": "true"},
}
"""Spreadsheet words for values, by field (Finnish, Swedish, and short forms)."""

_SPACES = re.compile(r"[\s_\-]+")
_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass
class SheetRow:
    """One row: its line in the file and its cells by field (``None``: the cell is empty)."""

    line: int
    values: dict[str, Any]
    scores: dict[str, Any]


@dataclass
class Sheet:
    """A read CSV file: which column gives which field, its rows, and what it ignored."""

    name: str
    columns: dict[str, str]
    """Field (or ``score:<criterion>``) -> the header as the file writes it."""
    rows: list[SheetRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_mapping(specs: Iterable[str]) -> dict[str, str]:
    """``["Vastuu=team", ...]`` as ``{normalised header: field}``; :class:`PlanFileError` if a
    spec names no field."""
    mapping, problems = {}, []
    for spec in specs:
        header, sep, target = spec.rpartition("=")
        target = target.strip()
        valid = target in FIELDS or target == SKIP or target.startswith("score:")
        if not sep or not header.strip() or not valid:
            problems.append(
                f'--map {spec!r}: write "Column name=field", where field is one of '
                f"{', '.join(FIELDS)}, score:<criterion> or - (skip the column)"
            )
        mapping[_norm(header)] = target
    if problems:
        raise PlanFileError(problems)
    return mapping


def read_items_csv(
    data: bytes,
    *,
    name: str,
    criteria: Iterable[str] = (),
    mapping: dict[str, str] | None = None,
) -> Sheet:
    """Rows of a CSV file of items; ``criteria`` are the plan's criterion keys (for headers
    that name one), ``mapping`` comes from :func:`parse_mapping`."""
    text, encoding = _decode(data, name)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[str] = []
    try:
        header = next(reader)
        sheet = _columns(header, name, {_norm(c): c for c in criteria}, mapping or {})
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                problems += _row(sheet, header, cells, line, decimal_comma=delimiter != ",")
            line = reader.line_num + 1
    except csv.Error as exc:
        raise PlanFileError([f"{name}:{reader.line_num}: {exc}"]) from None
    if problems:
        raise PlanFileError(problems)
    if encoding == "cp1252":
        sheet.warnings.insert(0, f"{name}: not UTF-8; read as Windows-1252 text")
    return sheet


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanFileError([f"{name}: the file is UTF-16; save it as CSV (UTF-8) instead"])
    check_bytes(data, name)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            error = exc
    line = data.count(b"\n", 0, error.start) + 1
    raise PlanFileError([f"{name}:{line}: neither UTF-8 nor Windows-1252 text; save as CSV UTF-8"])


def _norm(header: str) -> str:
    return _SPACES.sub(" ", header.strip().lstrip("\ufeff").lower()).strip()


def _columns(
    header: list[str], name: str, criteria: dict[str, str], mapping: dict[str, str]
) -> Sheet:
    """Which field each header gives; problems for duplicates and a missing key column."""
    sheet = Sheet(name=name, columns={})
    problems: list[str] = []
    for number, text in enumerate(header, start=1):
        norm = _norm(text)
        target = mapping.get(norm) or HEADERS.get(norm)
        if target is None:
            target = _score_column(text, criteria)
        if target == SKIP or (target is None and not norm):
            continue
        if target is None:
            sheet.warnings.append(
                f"{name}:1: column {number} {text!r} is not an item field and was not imported "
                f'(to import it: --map "{text}=field"; to silence this: --map "{text}=-")'
            )
        elif target in sheet.columns:
            problems.append(
                f"{name}:1: columns {sheet.columns[target]!r} and {text!r} both give {target}"
            )
        else:
            sheet.columns[target] = text
    if "key" not in sheet.columns:
        problems.append(f"{name}:1: no key column (a header such as key, tunnus or nyckel)")
    if problems:
        raise PlanFileError(problems)
    return sheet


def _score_column(header: str, criteria: dict[str, str]) -> str | None:
    """``score:<criterion>`` for a score header; the plan's spelling of a known criterion."""
    norm = _norm(header)
    if norm.startswith(SCORE_PREFIXES):
        key = header.split(":", 1)[1].strip()
        return f"score:{criteria.get(_norm(key), key)}"
    return f"score:{criteria[norm]}" if norm in criteria else None


def _row(
    sheet: Sheet, header: list[str], cells: list[str], line: int, *, decimal_comma: bool
) -> list[str]:
    """Add the row ``cells`` to ``sheet``; problems with its cells."""
    row = SheetRow(line=line, values={}, scores={})
    problems = []
    if any(cell.strip() for cell in cells[len(header) :]):
        problems.append(f"{sheet.name}:{line}: the row has more cells than the header has columns")
    texts = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
    for target, text in sheet.columns.items():
        try:
            value = _value(target, texts[text], decimal_comma=decimal_comma)
        except ValueError as exc:
            problems.append(f"{sheet.name}:{line}: column {text!r}: {exc}")
            continue
        if target.startswith("score:"):
            row.scores[target.removeprefix("score:")] = value
        else:
            row.values[target] = value
    sheet.rows.append(row)
    return problems


def _value(target: str, cell: str, *, decimal_comma: bool) -> Any:
    """A cell as the input model takes it; ``None`` for an empty cell."""
    if not cell.strip():
        return None
    if target not in ("title", "description"):
        cell = cell.strip()
    if target in LIST_FIELDS:
        parts = cell.split(";") if ";" in cell else cell.split(",")
        return [part.strip() for part in parts if part.strip()]
    if target in NUMBER_FIELDS or target.startswith("score:"):
        return _number(cell, decimal_comma=decimal_comma)
    if target in DATE_FIELDS and (m := _FI_DATE.match(cell)):
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return VALUES.get(target, {}).get(cell.lower(), cell)


def _number(cell: str, *, decimal_comma: bool) -> str:
    """A number as text the input model parses: spaces between thousands dropped, and the
    decimal comma of a semicolon-separated file turned into a point."""
    text = cell.replace("\u00a0", "").replace(" ", "")
    if decimal_comma and "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return cell  # the input model explains what is wrong with it
    if not math.isfinite(number):
        raise ValueError(f"{cell} is not a number a plan can hold")
    return text


def merge_items(doc: PlanDoc, sheet: Sheet) -> tuple[PlanDoc, list[ItemIn]]:
    """``doc`` with the sheet's rows added or applied to its items, and the items that changed.

    Every row is validated as an item and the resulting plan is checked as a whole
    (references, cycles); any problem raises :class:`PlanFileError` naming line and column.
    """
    items = list(doc.items)
    index = {item.key: i for i, item in enumerate(items)}
    rows_at: dict[int, SheetRow] = {}
    first_line: dict[str, int] = {}
    problems: list[str] = []
    for row in sheet.rows:
        key = row.values.get("key")
        if key is None:
            problems.append(f"{sheet.name}:{row.line}: the row has no key")
            continue
        if key in first_line:
            problems.append(
                f"{sheet.name}:{row.line}: key {key!r} is also on line {first_line[key]}"
            )
            continue
        first_line[key] = row.line
        try:
            item = ItemIn.model_validate(_merged(items[index[key]] if key in index else None, row))
        except ValidationError as exc:
            problems += [
                _row_message(sheet, row, p.loc, p.message) for p in validation_problems(exc)
            ]
            continue
        position = index.setdefault(key, len(items))
        if position == len(items):
            items.append(item)
        else:
            items[position] = item
        rows_at[position] = row
    if problems:
        raise PlanFileError(problems)
    merged = doc.model_copy(update={"items": items})
    found = check_references(merged) or storage_problems(merged)
    if found:
        keys = {"items": [{"key": item.key} for item in items]}
        raise PlanFileError(
            [
                _row_message(sheet, rows_at[p.loc[1]], p.loc[2:], p.message)
                if p.loc[:1] == ("items",) and p.loc[1] in rows_at and len(p.loc) > 2
                else f"{sheet.name}: {describe(p.loc, keys)}: {p.message}"
                for p in found
            ]
        )
    return merged, [items[position] for position in sorted(rows_at)]


def _merged(item: ItemIn | None, row: SheetRow) -> dict[str, Any]:
    """The stored item's fields with the row's cells over them; empty cells clear fields."""
    data = item.model_dump() if item is not None else {}
    for name, value in row.values.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    scores = data.setdefault("scores", {})
    for name, value in row.scores.items():
        if value is None:
            scores.pop(name, None)
        else:
            scores[name] = value
    return data


def _row_message(sheet: Sheet, row: SheetRow, loc: tuple, message: str) -> str:
    name = loc[0] if loc else "key"
    column = f"score:{loc[1]}" if name == "scores" and len(loc) > 1 else name
    header = sheet.columns.get(column)
    key = row.values.get("key")
    where = f"{sheet.name}:{row.line}" + (f" ({key})" if key else "")
    if header is None:
        return f"{where}: {column}: {message} (the file has no {column} column)"
    return f"{where}: column {header!r}: {message}"


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
    if isinstance(value, list):
        for part in value:
            if ";" in part or part != part.strip():
                raise ValueError(
                    f"item {key}: {name} value {part!r} cannot be a part of a CSV list cell "
                    "(it has a semicolon or surrounding spaces); export YAML or JSON instead"
                )
        return "; ".join(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
