"""The command line and the app write the same documents through one pipeline: with a
baseline, ``roadmap export`` and the export dialog give byte-identical files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Input

from roadmap.cli import cli
from roadmap.store.item_write import ItemWrite, update_item
from tui.conftest import settle

FORMATS = ("md", "html", "csv", "ics")


async def test_cli_and_app_exports_with_a_baseline_are_identical(
    app, plan_store, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    db = str(plan_store.path)
    saved = CliRunner().invoke(cli, ["--db", db, "baseline", "save", "approved"])
    assert saved.exit_code == 0, saved.output
    with plan_store.write() as session:  # CI-5 moves ahead of CI-1 after the baseline
        change = ItemWrite("CI-5", {"scores": {"value": 5.0, "risk": 1.0}})
        update_item(session=session, plan_id=1, write=change)
    by_cli, by_app = tmp_path / "cli", tmp_path / "app"
    done = CliRunner().invoke(
        cli, ["--db", db, "export", *FORMATS, "--baseline", "approved", "-o", str(by_cli)]
    )
    assert done.exit_code == 0, done.output

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        dialog = app.screen
        for fmt in FORMATS:
            dialog.query_one("#ex-formats").select(fmt)
        dialog.query_one("#ex-folder", Input).value = str(by_app)
        baseline = dialog.query_one("#ex-baseline", Input)
        assert baseline.display and baseline.size.height > 0
        baseline.value = "approved"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(by_app / "demo.fi.md") in str(dialog.query_one("#ex-result").render())

    names = sorted(p.name for p in by_cli.iterdir())
    assert names == sorted(f"demo.{lang}.{fmt}" for fmt in FORMATS for lang in ("fi", "en"))
    assert sorted(p.name for p in by_app.iterdir()) == names
    for name in names:
        assert (by_app / name).read_bytes() == (by_cli / name).read_bytes(), name
    english = (by_app / "demo.en.md").read_text(encoding="utf-8")
    assert "Changes since approved" in english and "CI-5" in english


async def test_an_unknown_baseline_is_named_and_nothing_written(app, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        dialog = app.screen
        dialog.query_one("#ex-folder", Input).value = str(folder)
        dialog.query_one("#ex-baseline", Input).value = "nosuch"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "nosuch" in str(dialog.query_one("#ex-result").render())
    assert not folder.exists()
