"""The README's screenshots: the main views of the app on the demo plan, in Finnish.

Run ``make screenshots`` (or ``.venv/bin/python docs/screenshots.py [FOLDER]``). The demo plan is
loaded into a fresh database in a temporary folder, the app is driven headless with
``App.run_test()`` at a fixed size, date and theme, and each view is saved as an SVG in
``docs/screenshots/`` (or FOLDER) once it shows its data; with ``--png`` each is also converted
to PNG, by cairosvg where it is installed, else by ``rsvg-convert`` (Debian's librsvg2-bin).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "screenshots"
VIEWS = ("items", "priorities", "roadmap", "dependencies", "teams", "stakeholders")
"""The views shown in the README, by the app's mode names."""
SIZE = (140, 40)
TODAY = date(2027, 1, 4)
LANG = "fi"


async def _shoot(db: Path, config: Path, folder: Path) -> list[Path]:
    from roadmap.i18n import _
    from roadmap.tui.app import make_app
    from roadmap.tui.widgets.navbar import VIEWS as KEYS

    app = make_app(db, config_dir=config, theme="textual-dark", watch_interval=None)
    saved = []
    async with app.run_test(size=SIZE) as pilot:
        for mode in VIEWS:
            await pilot.press(str(list(KEYS).index(mode) + 1))
            await _until(pilot, lambda mode=mode: _shows(app, mode), mode)
            path = folder / f"{mode}.svg"
            path.write_text(
                app.export_screenshot(title=f"roadmap – {_(KEYS[mode])}"), encoding="utf-8"
            )
            saved.append(path)
    return saved


def _shows(app, mode: str) -> bool:
    """The view of ``mode`` is on screen with the plan's data and the engine's roadmap."""
    view = app.screen
    return (
        getattr(view, "MODE", None) == mode
        and getattr(view, "loaded_version", None) == app.data_version
        and app.roadmap is not None
    )


async def _until(pilot, condition, what: str) -> None:
    """Let the app run until ``condition()`` holds, then let it finish drawing."""
    for _step in range(3000):
        if condition():
            for _again in range(2):
                await pilot.pause()
                await pilot.app.workers.wait_for_complete()
            return
        await pilot.pause(0.01)
        await pilot.app.workers.wait_for_complete()
    raise RuntimeError(f"the app never showed {what}")


def to_png(svg: Path) -> Path | None:
    """``svg`` converted to a PNG beside it, or None when no converter is at hand."""
    png = svg.with_suffix(".png")
    try:
        import cairosvg
    except ImportError:
        converter = shutil.which("rsvg-convert")
        if converter is None:
            return None
        subprocess.run([converter, "-o", str(png), str(svg)], check=True)
    else:
        # cairosvg neither fetches Textual's web font nor keeps its text lengths: a local
        # monospace font of the same width keeps the columns in line.
        text = svg.read_text(encoding="utf-8").replace("Fira Code", "DejaVu Sans Mono")
        cairosvg.svg2png(bytestring=text.encode(), write_to=str(png), output_width=1400)
    return png


def make_screenshots(folder: Path = FOLDER, *, png: bool = False) -> list[Path]:
    """Write the screenshots into ``folder``; the files written."""
    from roadmap.clock import set_today
    from roadmap.config import demo_plan_file
    from roadmap.i18n import language, set_language
    from roadmap.io.planfile import load_plan
    from roadmap.services.plans import import_plan, open_store

    folder.mkdir(parents=True, exist_ok=True)
    was = language()
    set_language(LANG)
    set_today(TODAY)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "demo.db"
            store = open_store(db)
            try:
                import_plan(store, load_plan(demo_plan_file()))
            finally:
                store.close()
            saved = asyncio.run(_shoot(db, Path(tmp) / "config", folder))
    finally:
        set_language(was)
        set_today(None)
    if png:
        converted = [to_png(svg) for svg in saved]
        if None in converted:
            print("No SVG converter (pip install cairosvg, or apt install librsvg2-bin): "
                  "SVG only.", file=sys.stderr)  # fmt: skip
        saved += [path for path in converted if path is not None]
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=FOLDER)
    parser.add_argument("--png", action="store_true", help="also convert each to PNG")
    args = parser.parse_args()
    for path in make_screenshots(args.folder, png=args.png):
        print(path)


if __name__ == "__main__":
    main()
