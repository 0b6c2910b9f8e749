"""``docs/screenshots.py`` makes the README's screenshots: each main view, in Finnish."""

from __future__ import annotations

import html
import re
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = {
    "items": "Kohteet",
    "priorities": "Prioriteetit",
    "roadmap": "Tiekartta",
    "dependencies": "Riippuvuudet",
    "teams": "Tiimit",
    "stakeholders": "Sidosryhmät",
}
"""Each view and its tab's Finnish name, which its screenshot shows highlighted."""


def _text(svg: str) -> str:
    """The words an SVG screenshot shows, its text elements joined as a person reads them."""
    return html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))).replace(
        "\xa0", " "
    )


def test_script_saves_each_main_view_in_finnish(tmp_path: Path) -> None:
    script = runpy.run_path(str(ROOT / "docs" / "screenshots.py"))
    saved = script["make_screenshots"](tmp_path)
    assert sorted(p.name for p in saved) == sorted(f"{view}.svg" for view in WORDS)
    for view, word in WORDS.items():
        text = _text((tmp_path / f"{view}.svg").read_text(encoding="utf-8"))
        assert f"roadmap – {word}" in text  # the window's title names the view
        assert "Kohteet" in text and "Ohje" in text and "Help" not in text
    assert "Pisteet" in _text((tmp_path / "roadmap.svg").read_text(encoding="utf-8"))


def test_readme_shows_the_screenshots() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for view in WORDS:
        assert f"(docs/screenshots/{view}.svg)" in readme
        assert (ROOT / "docs" / "screenshots" / f"{view}.svg").is_file()
