"""Text cells that spreadsheet programs never run as formulas, and their exact read-back.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken by
Excel and LibreOffice as a formula (``=HYPERLINK(...)`` in a title would become a live link).
Every CSV this program writes passes user text through :func:`neutralise`, which puts a ``'``
in front of such text; :func:`restore` takes exactly that ``'`` away again when our own files
are read back, so that writing and reading give the same text. Text that already begins with
``'`` before one of those characters gets one more, so that it too comes back unchanged.

>>> neutralise('=HYPERLINK("http://evil.example")')
'\\'=HYPERLINK("http://evil.example")'
>>> neutralise("-5 %"), neutralise("plain"), neutralise("'=x")
("'-5 %", 'plain', "''=x")
>>> all(restore(neutralise(t)) == t for t in ("=1", "'=1", "''@a", "a", "'a", "\\tb"))
True
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet cell a formula."""


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given: one leading ``'`` before a formula start taken
    away, anything else left as it is."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text
