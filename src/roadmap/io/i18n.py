"""Fixed wording, dates, numbers and period labels of the exports, per language.

Messages live in gettext catalogs under ``roadmap/locale/<lang>/LC_MESSAGES/roadmap.po``.
They are read at run time (:func:`read_catalog`) and compiled in memory, so that an editable
install needs no build step. Numbers are formatted with the locale's symbols, looked up once
through babel and applied with plain string operations (babel's own formatter costs tens of
microseconds per call, too much for plans with thousands of items).
"""

from __future__ import annotations

import gettext
import io
import re
import struct
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "roadmap"
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
"""Export languages and the locale that formats their dates and numbers."""


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it here."""
    return message


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(lang: str) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(_mo(read_catalog(po_path(lang)))))


def read_catalog(path: Path) -> dict[str, str]:
    """The messages of a PO file that have a translation, fuzzy and obsolete ones left out, as
    a compiled catalog holds them: a plural's forms joined by NUL, under ``singular NUL
    plural``; the header under ``""``.

    A catalog is read on every export, so it is read here in one pass over its lines rather
    than with babel's PO reader, which takes about twenty times as long.
    """
    messages: dict[str, str] = {}
    entry: dict[str, list[str]] = {}
    field: list[str] = []
    fuzzy = False

    def flush() -> None:
        if "msgid" in entry and not fuzzy:
            msgid = "".join(entry["msgid"])
            key = f"{''.join(entry['msgctxt'])}\x04{msgid}" if "msgctxt" in entry else msgid
            if "msgid_plural" in entry:
                # An empty form falls back to the singular or plural message, as babel's
                # compiler writes it.
                ids = (msgid, "".join(entry["msgid_plural"]))
                forms = sorted((k for k in entry if k.startswith("msgstr[")), key=_form)
                strings = ["".join(entry[k]) or ids[min(i, 1)] for i, k in enumerate(forms)]
                messages[f"{key}\x00{ids[1]}"] = "\x00".join(strings)
            elif "".join(entry.get("msgstr", [])):
                messages[key] = "".join(entry["msgstr"])

    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#"):
                if "msgid" in entry:
                    flush()
                    entry, fuzzy = {}, False
                if line.startswith("#,") and "fuzzy" in line[2:].replace(" ", "").split(","):
                    fuzzy = True
                continue
            if line.startswith('"'):
                field.append(_unquote(line))
                continue
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgid", "msgctxt") and "msgid" in entry:
                flush()
                entry, fuzzy = {}, False
            field = entry.setdefault(keyword, [])
            field.append(_unquote(rest.strip()))
    flush()
    return messages


_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m[1], m[0]), text[1:-1])


def _form(keyword: str) -> int:
    return int(keyword[len("msgstr[") : -1])


def _mo(messages: dict[str, str]) -> bytes:
    """``messages`` as a GNU MO file, which :class:`gettext.GNUTranslations` reads."""
    keys = sorted(messages)
    ids = [key.encode() for key in keys]
    strs = [messages[key].encode() for key in keys]
    n = len(keys)
    start = 28 + 16 * n
    offsets, data = [], b""
    for blob in (*ids, *strs):
        offsets.append((len(blob), start + len(data)))
        data += blob + b"\x00"
    table = b"".join(struct.pack("<2I", *pair) for pair in offsets)
    header = struct.pack("<7I", 0x950412DE, 0, n, 28, 28 + 8 * n, 0, 0)
    return header + table + data


@dataclass
class Lang:
    """Everything an export needs to word itself in one language."""

    code: str
    locale: str = field(init=False)

    def __post_init__(self) -> None:
        if self.code not in LOCALES:
            raise ValueError(f"no export language {self.code!r} (choose from fi, sv, en)")
        self.locale = LOCALES[self.code]
        from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

        self._t = _translations(self.code)
        self._decimal = get_decimal_symbol(self.locale)
        self._group = get_group_symbol(self.locale)
        self._minus = get_minus_sign_symbol(self.locale)
        self._numbers: dict[tuple[float, int], str] = {}

    def _(self, message: str, **values: object) -> str:
        """``message`` translated, with ``{name}`` fields filled from ``values``."""
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form of ``singular``/``plural`` for ``n``; ``{n}`` is the formatted count."""
        return self._t.ngettext(singular, plural, n).format(n=self.number(n), **values)

    def number(self, value: float, decimals: int = 1) -> str:
        """``value`` with at most ``decimals`` decimals, grouped, in the locale's symbols.

        Remembered by value: a plan's efforts and scores take few distinct values.
        """
        key = (value, decimals)
        text = self._numbers.get(key)
        if text is None:
            text = self._numbers[key] = self._number(value, decimals)
        return text

    def _number(self, value: float, decimals: int) -> str:
        text = f"{value:,.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if text in ("-0", ""):
            text = "0"
        return (
            text.replace(",", "\x00")
            .replace(".", self._decimal)
            .replace("\x00", self._group)
            .replace("-", self._minus)
        )

    def percent(self, share: float) -> str:
        """``share`` (0-1) as a whole percentage: ``25 %`` / ``25%``."""
        return self._("{value} %", value=self.number(round(share * 100), 0))

    def date(self, day: date) -> str:
        """A date as people in this language write it in running text."""
        return _format_date(day, "medium", self.locale)

    def period(self, cal, index: int) -> str:
        """The label of period ``index`` of calendar ``cal``, worded for this language."""
        first = cal.start_of(index)
        if cal.unit == "quarter":
            quarter = (first.month - 1) // 3 + 1
            return self._("{year} Q{quarter}", year=first.year, quarter=quarter)
        if cal.unit == "month":
            return _format_date(first, "LLLL yyyy", self.locale)
        if cal.unit == "week":
            year, week, _ = first.isocalendar()
            return self._("week {week}/{year}", week=week, year=year)
        return self.date(first)

    def span(self, first: date, last: date) -> str:
        """A date range: ``1 Jan 2027 – 31 Mar 2027``."""
        return f"{self.date(first)} – {self.date(last)}"


@cache
def _format_date(day: date, pattern: str, locale: str) -> str:
    from babel.dates import format_date

    return format_date(day, pattern, locale=locale)
