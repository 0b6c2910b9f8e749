"""What a person sees on the app's screen, as lines of plain text (from Textual's own
screenshot), so that tests can look for words the way a reader does."""

from __future__ import annotations

import re
from collections import defaultdict
from html import unescape

_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_lines(app) -> list[str]:
    """The screen's lines, top to bottom, each as its cells read left to right."""
    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    for x, y, text in _TEXT.findall(app.export_screenshot()):
        rows[float(y)].append((float(x), unescape(re.sub(r"<[^>]+>", "", text))))
    return ["".join(text for _, text in sorted(rows[y])).replace("\xa0", " ") for y in sorted(rows)]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))
