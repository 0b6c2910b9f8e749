"""One language's words, numbers, dates and period labels, for the interface and the exports.

A :class:`Lang` words messages through the compiled catalog of its language
(:func:`roadmap.i18n.catalogs.translations`). Numbers are formatted with the locale's symbols,
looked up once through babel and applied with plain string operations (babel's own formatter
costs tens of microseconds per call, too much for plans with thousands of items).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from roadmap.i18n.catalogs import LOCALES, PSEUDO, translations


@dataclass
class Lang:
    """Everything an export needs to word itself in one language."""

    code: str
    locale: str = field(init=False)

    def __post_init__(self) -> None:
        if self.code not in LOCALES and self.code != PSEUDO:
            raise ValueError(f"no language {self.code!r} (choose from fi, sv, en)")
        self.locale = LOCALES.get(self.code, LOCALES["en"])
        self._t = translations(self.code)
        self._numbers: dict[tuple[float, int], str] = {}

    def _(self, message: str, /, **values: object) -> str:
        """``message`` translated, with ``{name}`` fields filled from ``values``."""
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def pgettext(self, context: str, message: str, /, **values: object) -> str:
        """``message`` as worded in ``context``, where one English word needs two translations."""
        text = self._t.pgettext(context, message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: float, /, **values: object) -> str:
        """The form of ``singular``/``plural`` for ``n``; ``{n}`` is the formatted count."""
        form = n if isinstance(n, int) else int(n) if n == int(n) else 2  # 1.5 reads as plural
        return self._t.ngettext(singular, plural, form).format(n=self.number(n), **values)

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
        return self.numeral(text)

    def numeral(self, text: str) -> str:
        """A number Python formatted (``-1,234.5``) in the locale's symbols (``−1 234,5``)."""
        table = _numerals(self.locale)
        return text.translate(table) if table else text

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

    def span(self, first: dt.date, last: dt.date) -> str:
        """A date range: ``1 Jan 2027 – 31 Mar 2027``."""
        return f"{self.date(first)} – {self.date(last)}"


@cache
def _symbols(locale: str) -> tuple[str, str, str]:
    """The locale's decimal, group and minus signs (looked up when a number is first written:
    babel's locale data costs a start that only words messages some 20 ms)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    return get_decimal_symbol(locale), get_group_symbol(locale), get_minus_sign_symbol(locale)


@cache
def _numerals(locale: str) -> dict[int, str]:
    """:meth:`str.translate`'s table from Python's number symbols to the locale's; empty
    where they are the same."""
    decimal, group, minus = _symbols(locale)
    table = {ord("."): decimal, ord(","): group, ord("-"): minus}
    return {k: v for k, v in table.items() if chr(k) != v}


@cache
def _format_date(day: date, pattern: str, locale: str) -> str:
    from babel.dates import format_date

    return format_date(day, pattern, locale=locale)
