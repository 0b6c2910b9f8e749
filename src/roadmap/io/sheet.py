"""Rows of items as spreadsheets keep them, whether they came from CSV or Excel.

A table is a header row and rows of cells. The header row is the first row (among the first
:data:`HEADER_SEARCH`) that has a key column, so title rows above it are skipped. Headers are
matched case-insensitively in English, Finnish and Swedish (see :data:`HEADERS`); ``--map
"Column=field"`` names others, and ``--map "Column=-"`` skips a column. Columns that match
nothing are reported as warnings, never dropped silently. Empty rows are skipped; a row without
a key that is labelled as a total ("Yhteensä", "Summa", "Total") is skipped and reported.

Scores are one column per criterion, headed ``score:<criterion key>`` (also ``pisteet:`` and
``poäng:``, or just the criterion key). List fields (tags, dependencies, needs, sources,
affected organisations) hold several values in one cell (see
:func:`roadmap.model.typed_words.split_list`). Statuses, MoSCoW classes, yes/no, numbers with a
decimal comma and dates as ``d.m.yyyy`` are read by :mod:`roadmap.model.typed_words`.

A cell that cannot be read is kept as a problem of its row; :func:`merge_items` reports those
together with every problem of validation and references, so that one run names them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any

from pydantic import TypeAdapter, ValidationError

from roadmap.i18n import _, ngettext
from roadmap.io.matching import Matcher
from roadmap.io.needs_sheet import AddedNeeds, NeedsSheet, add_needs, with_needs
from roadmap.io.planfile import PlanFileError, describe, validation_problems
from roadmap.model import typed_words as words
from roadmap.model.inputs import ItemIn, PlanDoc, check_references
from roadmap.model.partial import placeholder
from roadmap.model.storable import storage_problems
from roadmap.model.typed_words import word_key

LIST_FIELDS = ("tags", "depends_on", "soft_depends_on", "needs", "sources", "organisations")
NUMBER_FIELDS = (
    "effort", "confidence", "reach", "impact", "cost_of_delay", "duration", "max_share",
)  # fmt: skip
DATE_FIELDS = ("earliest_start", "deadline")
NAMED_FIELDS = ("theme", "organisation", "team")
"""Fields whose cells may name a record instead of giving its key."""
MULTILINE_FIELDS = ("description", "notes", *LIST_FIELDS)
"""Fields whose cells may hold line breaks; in any other a line break means a lost quote."""
FIELDS = tuple(name for name in ItemIn.model_fields if name not in ("i18n", "scores", "lags"))
"""Item fields a sheet can hold, in the order the items CSV writes them; lags belong to a plan
file's dependencies, not to a spreadsheet."""
NOTES = "notes"
"""A column of notes: appended to the item's description as a paragraph of its own."""
SCORE_PREFIXES = ("score:", "pisteet:", "poäng:")
SKIP = "-"
"""``--map "Column=-"``: the column is known and not imported."""
HEADER_SEARCH = 20
"""Rows searched for the header row (title rows above it are skipped)."""
STEP = 1000
"""Rows between two calls of a progress ``step``."""
CHUNK = 1000
"""Rows read in one go, a column at a time; few enough that the cells read are soon dropped."""
BATCH = 100
"""Rows validated in one call: enough to spare most of the calls, few enough that their
fields are gone before the cycle collector takes them for long-lived objects."""
TOTAL_WORDS = {word_key(w) for w in ("yhteensä", "summa", "total", "totalt", "sum", "totals")}

HEADERS: dict[str, str] = {
    **{word_key(name): name for name in FIELDS},
    **{
        word_key(header): target
        for header, target in {
            # English
            "id": "key",
            "name": "title",
            "item": "title",
            "owner": "organisation",
            "organization": "organisation",
            "organizations": "organisations",
            "affected organisations": "organisations",
            "dependencies": "depends_on",
            "soft dependencies": "soft_depends_on",
            "pinned": "pinned_period",
            "period": "pinned_period",
            "priority": "moscow",
            "moscow class": "moscow",
            "notes": NOTES,
            "comments": NOTES,
            # Finnish
            "tunnus": "key",
            "avain": "key",
            "otsikko": "title",
            "nimi": "title",
            "hanke": "title",
            "kehittämiskohde": "title",
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
            "prioriteetti": "moscow",
            "moscow luokka": "moscow",
            "jakso": "pinned_period",
            "kiinnitetty jakso": "pinned_period",
            "aikaisintaan": "earliest_start",
            "alkaa aikaisintaan": "earliest_start",
            "määräaika": "deadline",
            "takaraja": "deadline",
            "tunnisteet": "tags",
            "riippuvuudet": "depends_on",
            "riippuu": "depends_on",
            "pehmeät riippuvuudet": "soft_depends_on",
            "tarpeet": "needs",
            "tietolähteet": "sources",
            "lähteet": "sources",
            "organisaatiot": "organisations",
            "huomiot": NOTES,
            "muistiinpanot": NOTES,
            "lisätiedot": NOTES,
            "kommentit": NOTES,
            # Swedish
            "nyckel": "key",
            "titel": "title",
            "namn": "title",
            "projekt": "title",
            "beskrivning": "description",
            "tema": "theme",
            "ägare": "organisation",
            "organisation": "organisation",
            "team": "team",
            "arbetsmängd": "effort",
            "säkerhet": "confidence",
            "räckvidd": "reach",
            "effekt": "impact",
            "förseningskostnad": "cost_of_delay",
            "obligatorisk": "mandatory",
            "prioritet": "moscow",
            "fäst period": "pinned_period",
            "tidigast": "earliest_start",
            "tidsfrist": "deadline",
            "taggar": "tags",
            "beroenden": "depends_on",
            "beror på": "depends_on",
            "mjuka beroenden": "soft_depends_on",
            "behov": "needs",
            "källor": "sources",
            "organisationer": "organisations",
            "anteckningar": NOTES,
            "kommentarer": NOTES,
        }.items()
    },
}
"""Header as compared (:func:`~roadmap.model.typed_words.word_key`) -> field. Field names
themselves (``depends on``, ``status``, ``deadline``) serve English, and Swedish where the
words are the same."""


class _NoValue:
    """A formula cell whose workbook holds no value calculated by a spreadsheet program."""

    def __str__(self) -> str:
        return "=?"


NO_VALUE = _NoValue()


@dataclass(slots=True)
class SheetRow:
    """One row: its line in the file, its cells by field (``None``: the cell is empty), and
    the cells that could not be read (``(header, message)``).

    A large sheet has 100,000 of these: each holds no more containers than it needs, which
    spares the cycle collector most of its passes over them."""

    line: int
    values: dict[str, Any]
    scores: dict[str, Any] | None = None
    problems: tuple[tuple[str, str], ...] = ()


@dataclass
class Sheet:
    """A read table: which column gives which field, its rows, and what it ignored."""

    name: str
    columns: dict[str, str]
    """Field (or ``score:<criterion>``) -> the header as the file writes it."""
    rows: list[SheetRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Problems of the file as a whole (headers, quoting), reported with the rows' ones."""
    positions: dict[str, int] = field(default_factory=dict)
    """Field -> the position of its column (from 0)."""
    width: int = 0
    """Columns in the header row."""
    skipped: list[str] = field(default_factory=list)
    """Rows passed over on purpose (totals), said in the summary."""
    needs: NeedsSheet | None = None
    """A sheet of stakeholders and needs read beside the items (workbooks only)."""


@dataclass
class Imported:
    """What importing a sheet into a plan gives: the plan as it will be, the items that
    changed, and the records the sheet's names made (by kind: ``theme``, ``team`` ...)."""

    doc: PlanDoc
    changed: list[ItemIn]
    created: dict[str, list[Any]]
    new: set[str] = field(default_factory=set)
    """Keys of the changed items that the plan did not have."""
    needs: AddedNeeds = field(default_factory=AddedNeeds)
    """Needs a sheet of stakeholders and needs added."""


def parse_mapping(specs: Iterable[str]) -> dict[str, str]:
    """``["Vastuu=team", ...]`` as ``{compared header: field}``; :class:`PlanFileError` if a
    spec names no field."""
    mapping, problems = {}, []
    for spec in specs:
        header, sep, target = spec.rpartition("=")
        target = target.strip()
        valid = target in FIELDS or target in (SKIP, NOTES) or target.startswith("score:")
        if not sep or not header.strip() or not valid:
            problems.append(
                _(
                    '--map {spec}: write "Column name=field", where field is one of {fields}, '
                    "notes, score:<criterion> or - (skip the column)",
                    spec=repr(spec),
                    fields=", ".join(FIELDS),
                )
            )
        mapping[word_key(header)] = target
    if problems:
        raise PlanFileError(problems)
    return mapping


def read_table(
    records: Iterable[tuple[int, list[Any]]],
    *,
    name: str,
    criteria: Iterable[str] = (),
    mapping: dict[str, str] | None = None,
    decimal_comma: bool = True,
    step: Callable[[int], None] | None = None,
) -> Sheet:
    """A :class:`Sheet` of ``records`` (line number, cells); cells are text, or values a
    workbook holds (numbers, dates, booleans). Raises :class:`PlanFileError` only when no
    header row can be found; every other problem is kept in the sheet. ``step`` is told of
    every :data:`STEP` records read (for a progress bar)."""
    known = {word_key(c): c for c in criteria}
    mapping = mapping or {}
    sheet: Sheet | None = None
    readers: list[Reader] = []
    above: list[tuple[int, list[Any]]] = []
    gaps: list[int] = []
    """Lines of the empty rows between rows of items (those at the end are no rows at all)."""
    empty: list[int] = []
    chunk: list[tuple[int, list[Any]]] = []
    """Rows not yet read cell by cell."""
    for n, (line, cells) in enumerate(records, start=1):
        if step is not None and n % STEP == 0:
            step(STEP)
        if not any(map(_text, cells)):
            if sheet is not None:
                empty.append(line)
            continue
        if sheet is not None:
            gaps += empty
            empty.clear()
            chunk.append((line, cells))
            if len(chunk) == CHUNK:
                _read_rows(sheet, readers, chunk)
                chunk.clear()
        elif _has_key(cells, mapping):
            sheet = _columns(cells, line, name, known, mapping)
            readers = _readers(sheet, decimal_comma)
        else:
            above.append((line, cells))
            if len(above) >= HEADER_SEARCH:
                break
    if sheet is not None and chunk:
        _read_rows(sheet, readers, chunk)
    if sheet is None:
        if not above:
            raise PlanFileError([_("{name}: the file has no rows", name=name)])
        raise PlanFileError(_columns(above[0][1], above[0][0], name, known, mapping).problems)
    if gaps:
        lines = ", ".join(map(str, gaps[:10])) + (" ..." if len(gaps) > 10 else "")
        sheet.skipped.append(
            ngettext(
                "{name}: {n} empty row, on line {lines}",
                "{name}: {n} empty rows, on lines {lines}",
                len(gaps),
                name=name,
                lines=lines,
            )
        )
    return sheet


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _has_key(cells: list[Any], mapping: dict[str, str]) -> bool:
    return any(
        (mapping.get(k) or HEADERS.get(k)) == "key"
        for k in (word_key(_text(c)) for c in cells if isinstance(c, str))
    )


def _columns(
    header: list[Any], line: int, name: str, criteria: dict[str, str], mapping: dict[str, str]
) -> Sheet:
    """Which field each header gives; problems for duplicates and a missing key column."""
    sheet = Sheet(name=name, columns={}, width=len(header))
    for number, cell in enumerate(header, start=1):
        text = _text(cell)
        norm = word_key(text.lstrip("\ufeff"))
        target = mapping.get(norm) or HEADERS.get(norm) or _score_column(text, criteria)
        if target == SKIP or (target is None and not norm):
            continue
        if target is None:
            sheet.warnings.append(
                _(
                    "{where}: column {number} {header} is not an item field and was not "
                    'imported (to import it: --map "{text}=field"; to silence this: '
                    '--map "{text}=-")',
                    where=f"{name}:{line}",
                    number=number,
                    header=repr(text),
                    text=text,
                )
            )
        elif target in sheet.columns:
            sheet.problems.append(
                _(
                    "{where}: columns {first} and {second} both give {field}",
                    where=f"{name}:{line}",
                    first=repr(sheet.columns[target]),
                    second=repr(text),
                    field=target,
                )
            )
        else:
            sheet.columns[target] = text
            sheet.positions[target] = number - 1
    if "key" not in sheet.columns:
        sheet.problems.append(
            _(
                "{where}: no key column (a header such as key, tunnus or nyckel)",
                where=f"{name}:{line}",
            )
        )
    return sheet


def _score_column(header: str, criteria: dict[str, str]) -> str | None:
    """``score:<criterion>`` for a score header; the plan's spelling of a known criterion."""
    norm = word_key(header)
    if header.strip().lower().startswith(SCORE_PREFIXES):
        key = header.split(":", 1)[1].strip()
        return f"score:{criteria.get(word_key(key), key)}"
    return f"score:{criteria[norm]}" if norm in criteria else None


_TEXT_FIELDS = ("key", "title", "description", NOTES, *LIST_FIELDS)
"""Fields whose cells are rarely repeated; other columns remember each distinct cell read."""

Reader = tuple[str, int, "dict[str, Any] | None", Callable[[Any], Any], "str | None"]
"""``(field, position, memo, read, criterion)`` of a column the sheet imports: ``memo`` keeps
what each distinct text cell read as (None for columns of unique texts), ``criterion`` is the
criterion a score column gives (else None)."""


def _readers(sheet: Sheet, decimal_comma: bool) -> list[Reader]:
    """A :data:`Reader` for each column the sheet imports, chosen once per column.
    Statuses, names, numbers and dates repeat down a column, so each distinct text is read
    once."""
    return [
        (
            target,
            sheet.positions[target],
            None if target in _TEXT_FIELDS else {},
            cell_reader(target, decimal_comma=decimal_comma),
            target[6:] if target.startswith("score:") else None,
        )
        for target in sheet.columns
    ]


def _read_rows(sheet: Sheet, readers: list[Reader], chunk: list[tuple[int, list[Any]]]) -> None:
    """Add the rows of ``chunk`` to ``sheet`` (or note them as total rows), reading them a
    column at a time: each column's reader runs over the column without a choice per cell,
    and a column of repeated texts reads each distinct text once."""
    width, at_key = sheet.width, sheet.positions["key"]
    lines: list[int] = []
    rows: list[list[Any]] = []
    problems: list[list[tuple[str, str]]] = []
    for line, cells in chunk:
        n = len(cells)
        if (at_key >= n or not _text(cells[at_key])) and any(
            isinstance(c, str) and word_key(c) in TOTAL_WORDS for c in cells
        ):
            sheet.skipped.append(_("{where}: a total row", where=f"{sheet.name}:{line}"))
            continue
        if n > width and any(map(_text, cells[width:])):
            problems.append([("", _("the row has more cells than the header has columns"))])
        else:
            problems.append([])
        lines.append(line)
        rows.append(cells if n >= width else [*cells, *[None] * (width - n)])
    fields: list[str] = []
    criteria: list[str] = []
    columns: list[list[Any]] = []
    scores: list[list[Any]] = []
    failures: list[tuple[str, str | None, list[tuple[int, str]]]] = []
    for target, at, memo, read, criterion in readers:
        values, failed = _read_column([cells[at] for cells in rows], memo, read)
        if criterion is None:
            fields.append(target)
            columns.append(values)
        else:
            criteria.append(criterion)
            scores.append(values)
        if failed:
            failures.append((target, criterion, failed))
    row_values = [dict(zip(fields, cells, strict=True)) for cells in zip(*columns, strict=True)]
    row_scores: list[dict[str, Any] | None] = (
        [dict(zip(criteria, cells, strict=True)) for cells in zip(*scores, strict=True)]
        if scores
        else [None] * len(rows)
    )
    for target, criterion, failed in failures:  # reader order: a row's problems in column order
        for i, message in failed:
            problems[i].append((sheet.columns[target], message))
            if criterion is None:
                del row_values[i][target]
            else:
                del row_scores[i][criterion]  # type: ignore[union-attr]
    sheet.rows += [
        SheetRow(line, values, row_score, tuple(found))
        for line, values, row_score, found in zip(
            lines, row_values, row_scores, problems, strict=True
        )
    ]


def _read_column(
    cells: list[Any], memo: dict[str, Any] | None, read: Callable[[Any], Any]
) -> tuple[list[Any], list[tuple[int, str]]]:
    """The values of a column's ``cells`` (None where empty), and ``(index, message)`` of the
    cells that cannot be read. A column of texts with a ``memo`` reads each text once."""
    failed: list[tuple[int, str]] = []
    distinct = set(cells) if memo is not None else set()
    # Only texts are remembered: 1, 1.0 and True would be one key of the memo.
    if memo is not None and all(c is None or c.__class__ is str for c in distinct):
        unreadable: dict[str, str] = {}
        for cell in distinct.difference(memo):
            try:
                memo[cell] = read(cell)
            except ValueError as exc:
                unreadable[cell] = str(exc)
        if not unreadable:
            return list(map(memo.__getitem__, cells)), failed
        failed = [(i, unreadable[c]) for i, c in enumerate(cells) if c in unreadable]
        return [memo.get(c) for c in cells], failed
    values: list[Any] = []
    for i, cell in enumerate(cells):
        try:
            values.append(read(cell))
        except ValueError as exc:
            values.append(None)
            failed.append((i, str(exc)))
    return values, failed


def cell_value(target: str, cell: Any, *, decimal_comma: bool = True) -> Any:
    """A cell as the input model takes it; ``None`` for an empty cell, :class:`ValueError`
    for one that cannot be read."""
    return cell_reader(target, decimal_comma=decimal_comma)(cell)


def cell_reader(target: str, *, decimal_comma: bool = True) -> Callable[[Any], Any]:
    """What reads the cells of the column that gives ``target`` (see :func:`cell_value`):
    what the field is, and so how its cells are read, is worked out once for the column."""
    keep_spaces = target in ("title", "description", NOTES)
    multiline = target in MULTILINE_FIELDS
    from_text: Callable[[str], Any] | None
    if target in NUMBER_FIELDS or target.startswith("score:"):
        from_text = partial(words.parse_number, decimal_comma=decimal_comma)
        from_value: Callable[[Any], Any] = partial(_number, decimal_comma=decimal_comma)
    elif target in DATE_FIELDS:
        from_text, from_value = words.parse_date, _date
    else:
        from_text = _listed if target in LIST_FIELDS else _WORDS.get(target)
        from_value = partial(_word, from_text)

    def read(cell: Any) -> Any:
        if isinstance(cell, str):
            stripped = cell.strip()
            if not stripped:
                return None
            if not multiline and "\n" in stripped:
                raise ValueError(
                    _('the cell runs over several lines; is a closing quote (") missing there?')
                )
            text = cell if keep_spaces else stripped
            return text if from_text is None else from_text(text)
        if cell is None:
            return None
        if cell is NO_VALUE:
            raise ValueError(
                _(
                    "a formula without a saved value (the file was not saved by a spreadsheet "
                    "program); open and save it in Excel or LibreOffice, or type the value"
                )
            )
        return from_value(cell)

    return read


def _listed(text: str) -> tuple[str, ...]:
    """The values of a list cell (:func:`~roadmap.model.typed_words.split_list`) as a tuple,
    as an item keeps them: a row read then holds no container of its own, which spares the
    cycle collector going over it again and again."""
    return tuple(words.split_list(text))


def _date(cell: Any) -> date:
    """A date cell of a workbook (or any other value, read as typed text)."""
    if isinstance(cell, datetime):
        return cell.date()
    return cell if isinstance(cell, date) else words.parse_date(str(cell))


def _word(parse: Callable[[str], Any] | None, cell: Any) -> Any:
    """A workbook's number or yes/no in a column of text, as the text it shows."""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell) if parse is None else parse(str(cell))


_WORDS = {
    "status": words.parse_status,
    "moscow": words.parse_moscow,
    "mandatory": words.parse_yes_no,
}


def _number(cell: Any, decimal_comma: bool) -> float:
    if isinstance(cell, bool) or not isinstance(cell, int | float | str):
        raise ValueError(_("{value} is not a number", value=repr(cell)))
    if isinstance(cell, str):
        return words.parse_number(cell, decimal_comma=decimal_comma)
    if cell != cell or cell in (float("inf"), float("-inf")):
        raise ValueError(_("{value} is not a number a plan can hold", value=cell))
    return float(cell)


def merge_items(doc: PlanDoc, sheet: Sheet) -> tuple[PlanDoc, list[ItemIn]]:
    """``doc`` with the sheet's rows added or applied to its items, and the items that
    changed (see :func:`import_sheet`)."""
    imported = import_sheet(doc, sheet)
    return imported.doc, imported.changed


def import_sheet(
    doc: PlanDoc,
    sheet: Sheet,
    *,
    create: bool = True,
    step: Callable[[int], None] | None = None,
) -> Imported:
    """The plan with the sheet's rows added or applied to its items.

    A row whose key the plan has updates that item in the columns the sheet has (an empty cell
    clears a field); other rows add items. Theme, owner, team and affected organisations may be
    given by name (:class:`~roadmap.io.matching.Matcher`); names the plan lacks become new
    records, or problems when ``create`` is false. Every row is validated and the plan is
    checked as a whole (references, cycles); all problems together raise
    :class:`PlanFileError`, naming line, column and key.
    """
    items = list(doc.items)
    index = {item.key: i for i, item in enumerate(items)}
    matcher = Matcher(doc, create=create)
    rows_at: dict[int, SheetRow] = {}
    row_of: dict[str, SheetRow] = {}
    problems: list[tuple[int, str]] = [(0, p) for p in sheet.problems]
    needs = add_needs(doc, sheet.needs, matcher) if sheet.needs else AddedNeeds()
    problems += [(0, message) for _line, message in needs.problems]  # another sheet: first
    placeholders: dict[str, ItemIn] = {}
    batch: list[tuple[SheetRow, dict[str, Any], bool]] = []
    """Rows read but not yet validated: the row, its item's fields, whether it failed."""

    def validate_batch() -> None:
        """Validate the rows of ``batch`` and add their items (or their problems)."""
        for (row, data, failed), item in zip(batch, _validated([b[1] for b in batch]), strict=True):
            key = data["key"]
            if isinstance(item, ValidationError):
                unread = {header for header, _message in row.problems}  # already reported
                problems.extend(
                    (row.line, _row_message(sheet, row, p.loc, p.message))
                    for p in validation_problems(item)
                    if not p.loc or sheet.columns.get(str(p.loc[0])) not in unread
                )
                stand_in = placeholder(ItemIn, data)
                if stand_in is not None:
                    placeholders[key] = stand_in
                continue
            if failed:
                placeholders[key] = item
                continue
            position = index.setdefault(key, len(items))
            if position == len(items):
                items.append(item)
            else:
                items[position] = item
            rows_at[position] = row
        batch.clear()

    for n, row in enumerate(sheet.rows, start=1):
        if step is not None and n % STEP == 0:
            step(STEP)
        key = row.values.get("key")
        if row.problems:
            where = _where(sheet, row)
            problems += [(row.line, _cell_message(where, header, m)) for header, m in row.problems]
        if key is None:
            problems.append((row.line, _("{where}: the row has no key", where=_where(sheet, row))))
            continue
        if key in row_of:
            problems.append(
                (
                    row.line,
                    _(
                        "{where}: key {key} is also on line {line}",
                        where=_where(sheet, row),
                        key=repr(key),
                        line=row_of[key].line,
                    ),
                )
            )
            continue
        row_of[key] = row
        resolved, named = _resolved(matcher, row, sheet, problems)
        data = _merged(items[index[key]] if key in index else None, row, resolved)
        batch.append((row, data, bool(row.problems) or not named))
        if len(batch) == BATCH:
            validate_batch()
    validate_batch()
    checked = [placeholders.pop(item.key, item) for item in items]
    merged = with_needs(matcher.extended(doc), needs)
    merged = merged.model_copy(update={"items": [*checked, *placeholders.values()]})
    found = check_references(merged) + storage_problems(merged)
    keys = {"items": [{"key": item.key} for item in merged.items]} if found else {}
    for p in found:
        at = p.loc[1] if p.loc[:1] == ("items",) and len(p.loc) > 2 else None
        found_row = row_of.get(merged.items[at].key) if isinstance(at, int) else None
        if found_row is not None:
            problems.append((found_row.line, _row_message(sheet, found_row, p.loc[2:], p.message)))
        else:
            problems.append((0, f"{sheet.name}: {describe(p.loc, keys)}: {p.message}"))
    if problems:
        raise PlanFileError(_sorted(problems))
    merged = merged.model_copy(update={"items": items})
    changed = [items[p] for p in sorted(rows_at)]
    new = {item.key for item in changed} - {item.key for item in doc.items}
    return Imported(merged, changed, matcher.created, new, needs)


def _resolved(
    matcher: Matcher, row: SheetRow, sheet: Sheet, problems: list[tuple[int, str]]
) -> tuple[dict[str, Any], bool]:
    """The row's named fields as keys, and whether all could be used (a name that cannot
    is left out, and its problem added)."""
    out: dict[str, Any] = {}
    ok = True
    owner = row.values.get("organisation")
    for name in (*NAMED_FIELDS, "organisations"):
        if name not in row.values or row.values[name] is None:
            continue
        try:
            if name == "organisations":
                out[name] = [matcher.key("organisation", v) for v in row.values[name]]
            elif name == "team":
                out[name] = matcher.key("team", row.values[name], organisation=owner)
            else:
                out[name] = matcher.key(name, row.values[name])
        except ValueError as exc:
            problems.append((row.line, _cell_message(_where(sheet, row), sheet.columns[name], exc)))
            out[name] = None
            ok = False
    return out, ok


def _validated(rows: list[dict[str, Any]]) -> list[ItemIn | ValidationError]:
    """Each of ``rows`` as an item, or the error that refuses it. The rows are validated in
    one call, which spares a large sheet a call per row; when one of them fails, each is
    validated alone for its own errors."""
    try:
        return list(_ITEMS.validate_python(rows))
    except ValidationError:
        pass
    out: list[ItemIn | ValidationError] = []
    for data in rows:
        try:
            out.append(ItemIn.model_validate(data))
        except ValidationError as exc:
            out.append(exc)
    return out


_ITEMS = TypeAdapter(list[ItemIn])


def _merged(item: ItemIn | None, row: SheetRow, resolved: dict[str, Any]) -> dict[str, Any]:
    """The stored item's fields with the row's cells over them; empty cells clear fields."""
    given = {**row.values, **resolved}
    given.pop(NOTES, None)
    if item is None:
        data = {name: value for name, value in given.items() if value is not None}
    else:
        data = item.model_dump()
        for name, value in given.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
    notes = row.values.get(NOTES)
    if notes:
        description = data.get("description") or ""
        if f"\n\n{notes}\n\n" not in f"\n\n{description}\n\n":  # not from an earlier import
            data["description"] = f"{description}\n\n{notes}" if description else notes
    if row.scores:
        scores = data.setdefault("scores", {})
        for name, value in row.scores.items():
            if value is None:
                scores.pop(name, None)
            else:
                scores[name] = value
    return data


def _where(sheet: Sheet, row: SheetRow) -> str:
    key = row.values.get("key")
    return f"{sheet.name}:{row.line}" + (f" ({key})" if key else "")


def _cell_message(where: str, header: str, message: object) -> str:
    if not header:
        return f"{where}: {message}"
    return _(
        "{where}: column {header}: {message}", where=where, header=repr(header), message=message
    )


def _row_message(sheet: Sheet, row: SheetRow, loc: tuple, message: str) -> str:
    name = loc[0] if loc else "key"
    column = f"score:{loc[1]}" if name == "scores" and len(loc) > 1 else name
    header = sheet.columns.get(column)
    if header is None:
        return _(
            "{where}: {column}: {message} (the file has no {column} column)",
            where=_where(sheet, row),
            column=column,
            message=message,
        )
    return _cell_message(_where(sheet, row), header, message)


def _sorted(problems: list[tuple[int, str]]) -> list[str]:
    """Messages in file order, each once."""
    ordered = sorted(enumerate(problems), key=lambda p: (p[1][0], p[0]))
    return list(dict.fromkeys(message for _n, (_line, message) in ordered))
