"""The words, numbers, dates and lists people type, read into the plan's values.

One place for every face that takes typed input: the importers (CSV, Excel), the command line
and the app. A project lead in Lahti types "Käynnissä" and "2,5"; one in Porvoo types
"Pågående" and "31.3.2027"; a consultant types "in progress" and "2027-03-31". All of them mean
the same stored value. Words are matched without regard to case, spaces, ``_`` and ``-``, in
Finnish, Swedish and English, and the stored codes themselves are always accepted.

Showing values as words is left to the message catalogs (:mod:`roadmap.i18n`); this module only
reads. Each ``parse_*`` function raises :class:`ValueError` with a message that quotes what was
typed and says what would be understood.

>>> parse_status("Käynnissä"), parse_status("  pågående "), parse_status("IN_PROGRESS")
('in_progress', 'in_progress', 'in_progress')
>>> [parse_moscow(w) for w in ("Pakollinen", "Tärkeä", "Hyvä olla", "Ei nyt")]
['must', 'should', 'could', 'wont']
>>> [parse_moscow(w) for w in ("Måste", "Bör", "Kan", "Inte nu", "Won't have", "M")]
['must', 'should', 'could', 'wont', 'wont', 'must']
"""

from __future__ import annotations

import math
import re
from datetime import date

from roadmap.i18n import N_, _
from roadmap.model.enums import ItemStatus, Moscow, PeriodUnit

_IGNORED = re.compile(r"[\s_\-]+")


def word_key(text: str) -> str:
    """``text`` as words are compared: case folded, without spaces, ``_`` and ``-``.

    >>> word_key(" Hyvä  olla "), word_key("in_progress"), word_key("Inte-nu")
    ('hyväolla', 'inprogress', 'intenu')
    """
    return _IGNORED.sub("", text.casefold())


def _vocabulary(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """``{value: (words...)}`` as ``{word_key(word): value}``, the value itself included."""
    out: dict[str, str] = {}
    for value, typed in words.items():
        for word in (value, *typed):
            key = word_key(word)
            if out.setdefault(key, value) != value:
                raise AssertionError(f"{word!r} means both {out[key]!r} and {value!r}")
    return out


STATUS_WORDS = _vocabulary(
    {
        ItemStatus.IDEA.value: (
            "proposal", "proposed", "new", "ehdotus", "ehdotettu", "uusi", "idé", "förslag",
            "ny",
        ),
        ItemStatus.PLANNED.value: (
            "scheduled", "not started", "suunniteltu", "suunnitteilla", "aikataulutettu",
            "ei aloitettu", "planerad", "planerat", "inplanerad", "ej påbörjad",
        ),
        ItemStatus.IN_PROGRESS.value: (
            "ongoing", "started", "doing", "active", "käynnissä", "työn alla", "kesken",
            "aloitettu", "pågående", "pågår", "påbörjad", "påbörjat",
        ),
        ItemStatus.DONE.value: (
            "complete", "completed", "finished", "ready", "valmis", "tehty", "valmistunut",
            "klar", "klart", "färdig", "färdigt", "avslutad", "slutförd",
        ),
        ItemStatus.DROPPED.value: (
            "cancelled", "canceled", "rejected", "hylätty", "peruttu", "pudotettu",
            "luovuttu", "struken", "avbruten", "inställd", "slopad", "förkastad",
        ),
    }
)  # fmt: skip
"""Typed status words (fi, sv, en) -> :class:`~roadmap.model.enums.ItemStatus` value."""

MOSCOW_WORDS = _vocabulary(
    {
        Moscow.MUST.value: (
            "m", "must have", "mandatory", "pakollinen", "välttämätön", "pakko", "måste",
            "måste ha", "nödvändig",
        ),
        Moscow.SHOULD.value: (
            "s", "should have", "tärkeä", "pitäisi", "bör", "bör ha", "viktig",
        ),
        Moscow.COULD.value: (
            "c", "could have", "nice to have", "hyvä olla", "kiva olla", "voisi", "kan",
            "kan ha", "bra att ha",
        ),
        Moscow.WONT.value: (
            "w", "won't", "won't have", "will not", "not now", "ei nyt", "ei tällä kertaa",
            "ei", "inte nu", "inte denna gång", "inte",
        ),
    }
)  # fmt: skip
"""Typed MoSCoW words (fi, sv, en, and the letters M, S, C, W) -> :class:`Moscow` value."""

YES_NO_WORDS = _vocabulary(
    {
        "true": ("yes", "y", "x", "1", "kyllä", "k", "on", "ja", "j"),
        "false": ("no", "n", "0", "ei", "e", "nej"),
    }
)
"""Typed yes and no (a ticked cell is often an ``x``) -> ``"true"`` or ``"false"``."""

PERIOD_UNIT_WORDS = _vocabulary(
    {
        PeriodUnit.DAY.value: ("days", "päivä", "päivät", "pv", "dag", "dagar"),
        PeriodUnit.MONTH.value: ("months", "kuukausi", "kuukaudet", "kk", "månad", "månader"),
        PeriodUnit.QUARTER.value: (
            "quarters", "q", "neljännes", "vuosineljännes", "kvartaali", "kvartal", "kvartaler",
        ),
    }
)  # fmt: skip
"""Typed period lengths -> :class:`PeriodUnit` value."""


def _parse(text: str, words: dict[str, str], what: str, examples: str) -> str:
    """The code ``text`` names in ``words``; else :class:`ValueError` with the message
    ``what`` (a catalog message), filled with the text and ``examples``."""
    value = words.get(word_key(text))
    if value is None:
        raise ValueError(_(what, text=repr(text.strip()), examples=examples))
    return value


def parse_status(text: str) -> str:
    """The status code a typed word means."""
    return _parse(
        text,
        STATUS_WORDS,
        N_("{text} is not a status (for example {examples})"),
        "idea, suunniteltu, pågående, done",
    )


def parse_moscow(text: str) -> str:
    """The MoSCoW code a typed word means."""
    return _parse(
        text,
        MOSCOW_WORDS,
        N_("{text} is not a MoSCoW class (for example {examples})"),
        "Pakollinen, Bör, Could, Ei nyt",
    )


def parse_yes_no(text: str) -> str:
    """``"true"`` or ``"false"`` for a typed yes or no.

    >>> parse_yes_no("Kyllä"), parse_yes_no("nej"), parse_yes_no("X")
    ('true', 'false', 'true')
    """
    return _parse(
        text,
        YES_NO_WORDS,
        N_("{text} is not a yes or no (for example {examples})"),
        "kyllä, ei, ja, nej, yes, no",
    )


def parse_period_unit(text: str) -> str:
    """The period unit a typed word means.

    >>> parse_period_unit("Kuukausi"), parse_period_unit("kvartal")
    ('month', 'quarter')
    """
    return _parse(
        text,
        PERIOD_UNIT_WORDS,
        N_("{text} is not a period length (for example {examples})"),
        "kuukausi, kvartal, quarter",
    )


_LIST_BREAKS = re.compile(r"[;\r\n]+")


def split_list(text: str) -> list[str]:
    """The values of a list typed in one cell or field.

    Values are separated by semicolons or line breaks; a text that has neither is separated by
    commas. A value may so hold a comma when its list uses semicolons. Empty values are dropped.

    >>> split_list("CI-1, CI-2"), split_list("CI-1;CI-2\\nCI-3"), split_list("a, b; c")
    (['CI-1', 'CI-2'], ['CI-1', 'CI-2', 'CI-3'], ['a, b', 'c'])
    >>> split_list(" ; ")
    []
    """
    parts = _LIST_BREAKS.split(text) if _LIST_BREAKS.search(text) else text.split(",")
    return [part.strip() for part in parts if part.strip()]


_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009'")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def parse_number(text: str, *, decimal_comma: bool = True) -> float:
    """A typed number: spaces between thousands dropped, a decimal comma read as a point.

    With ``decimal_comma=False`` (a comma-separated English file) a comma groups thousands.
    Infinite and non-numbers are refused, as no plan can hold them.

    >>> parse_number("2,5"), parse_number("1 000,25"), parse_number("1.5"), parse_number("7")
    (2.5, 1000.25, 1.5, 7.0)
    >>> parse_number("1,000", decimal_comma=False)
    1000.0
    >>> parse_number("1e400")
    Traceback (most recent call last):
    ...
    ValueError: '1e400' is not a number a plan can hold
    >>> parse_number("kaksi")
    Traceback (most recent call last):
    ...
    ValueError: 'kaksi' is not a number
    """
    compact = text.strip().translate(_GROUPING)
    if not decimal_comma:
        compact = compact.replace(",", "")
    elif "," in compact and "." in compact:  # 1.000,5 or 1,000.5: the last one is decimal
        point = "," if compact.rfind(",") > compact.rfind(".") else "."
        compact = compact.replace("." if point == "," else ",", "")
    if not _NUMBER.match(compact):
        raise ValueError(_("{value} is not a number", value=repr(text.strip())))
    number = float(compact.replace(",", "."))
    if not math.isfinite(number):
        raise ValueError(_("{value} is not a number a plan can hold", value=repr(text.strip())))
    return number


_FI_DATE = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date:
    """A typed date: ``d.m.yyyy`` as written in Finland and Sweden's Finnish regions, or ISO.

    >>> parse_date("31.3.2027"), parse_date("2027-03-31")
    (datetime.date(2027, 3, 31), datetime.date(2027, 3, 31))
    >>> parse_date("2027-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2027-02-30' is not a date (day is out of range for month)
    >>> parse_date("ensi vuonna")
    Traceback (most recent call last):
    ...
    ValueError: 'ensi vuonna' is not a date (write 31.3.2027 or 2027-03-31)
    """
    typed = text.strip()
    if m := _FI_DATE.match(typed):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _ISO_DATE.match(typed):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        raise ValueError(
            _("{value} is not a date (write 31.3.2027 or 2027-03-31)", value=repr(typed))
        )
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(_("{value} is not a date ({why})", value=repr(typed), why=exc)) from None
