"""The words of the interface, in the language the person reading chose.

Every string a person reads in the app, on the command line and in the workshop goes through
:func:`_` (or :func:`ngettext` where a count decides the form), with its translations in the
gettext catalogs under ``roadmap/locale`` (:mod:`roadmap.i18n.catalogs`). The language is chosen
once per process with :func:`set_language`; exports and workshop windows that word several
languages at once hold a :class:`roadmap.i18n.lang.Lang` each instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap.i18n.catalogs import LOCALES, N_, PSEUDO
from roadmap.i18n.labels import PeriodLabel
from roadmap.i18n.lang import Lang

if TYPE_CHECKING:
    from roadmap.model.periods import Calendar

__all__ = [
    "N_",
    "_",
    "language",
    "ngettext",
    "numeral",
    "period_label",
    "pgettext",
    "set_language",
]

_current: Lang | None = None


def set_language(code: str) -> None:
    """Word the interface in ``code`` (``fi``, ``sv`` or ``en``) from now on."""
    global _current
    if code not in LOCALES and code != PSEUDO:
        raise ValueError(f"no interface language {code!r} (choose from fi, sv, en)")
    _current = Lang(code)


def language() -> str:
    """The code of the interface's language."""
    return _words().code


def _words() -> Lang:
    global _current
    if _current is None:
        _current = Lang("en")
    return _current


def _(message: str, /, **values: object) -> str:
    """``message`` in the interface's language, with ``{name}`` fields filled from ``values``."""
    return _words()._(message, **values)


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the interface's language; ``{n}`` is
    the count written as the language writes numbers."""
    return _words().ngettext(singular, plural, n, **values)


def pgettext(context: str, message: str, /, **values: object) -> str:
    """``message`` as worded in ``context``, where one English word needs two translations
    (``pgettext("horizon", "Next")`` beside the button *Next*)."""
    return _words().pgettext(context, message, **values)


def numeral(text: str) -> str:
    """A number Python formatted (``0.5``, ``1,234``) as the interface's language writes it
    (``0,5``, ``1 234``)."""
    return _words().numeral(text)


def period_label(calendar: Calendar, lang: Lang | None = None) -> PeriodLabel:
    """The periods of ``calendar`` as the interface's language (or ``lang``, for a window
    that speaks its own) words them (``Q3/2027``, ``vko 5/2027``), the labels the documents
    use, for sentences a person reads; each label is worked out once. Canonical labels
    (``2027-Q3``) stay for what people type back."""
    return PeriodLabel(calendar, lang if lang is not None else _words())
