"""User text shown on a terminal with its invisible direction controls made visible.

Right-to-left override and isolate characters (U+202A-U+202E, U+2066-U+2069) reorder the text
around them, so that ``CI-1\u202eexe.txt`` reads as something it is not (visual spoofing).
Documents keep the text as it was typed; the terminal shows each such character as ``<U+202E>``
and ``roadmap check`` reports the fields that hold one (:func:`bidi_controls`).

>>> visible("abc\u202egnp.exe")
'abc<U+202E>gnp.exe'
>>> bidi_controls("plain"), bidi_controls("a\u2066b\u202ec")
([], ['U+2066', 'U+202E'])
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with every direction control written out as ``<U+XXXX>``."""
    return BIDI_CONTROLS.sub(lambda m: f"<U+{ord(m[0]):04X}>", text)


def bidi_controls(text: str) -> list[str]:
    """The direction controls in ``text``, as ``U+XXXX``, in order."""
    return [f"U+{ord(c):04X}" for c in BIDI_CONTROLS.findall(text)]
