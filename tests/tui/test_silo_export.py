"""The silo map toggled from the keyboard, and the export dialog writing files."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from roadmap.store.silo import silo_matrix
from tui.conftest import open_view, settle


def matrix(store) -> dict[tuple[str, str], bool]:
    with store.read() as session:
        return silo_matrix(session=session, plan_id=1)


async def test_space_cycles_a_cell_and_undo_brings_it_back(app, plan_store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_view(pilot, "9")
        assert matrix(plan_store) == {("sw", "reg"): True, ("sw", "case"): False}
        assert "Sosiaalityö × Asiakasrekisteri, held by LAH" in str(
            view.query_one("#silo-status").render()
        )
        await pilot.press("space")  # with access -> not needed
        assert matrix(plan_store) == {("sw", "case"): False}
        await pilot.press("right", "space")  # no access -> with access
        assert matrix(plan_store) == {("sw", "case"): True}
        await pilot.press("space", "space")  # -> not needed -> needed without access
        assert matrix(plan_store) == {("sw", "case"): False}
        assert "needed, no access" in str(view.query_one("#silo-status").render())
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert matrix(plan_store) == {}
        assert str(view.table.get_cell("sw", "case")).strip() == "·"


async def test_export_dialog_writes_the_chosen_files(app, tmp_path: Path) -> None:
    folder = tmp_path / "out [bold]"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        dialog = app.screen
        dialog.query_one("#ex-formats").select("csv")
        dialog.query_one("#ex-formats").deselect("html")
        dialog.query_one("#ex-languages").deselect("en")
        dialog.query_one("#ex-folder", Input).value = str(folder)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(folder / "demo.fi.md") in str(dialog.query_one("#ex-result").render())
        assert any(n.title == "Exported" for n in app._notifications)
        await pilot.press("escape")
    assert sorted(p.name for p in folder.iterdir()) == ["demo.fi.csv", "demo.fi.md"]
    assert "Yhteinen asiakasnäkymä" in (folder / "demo.fi.md").read_text(encoding="utf-8")


async def test_export_dialog_says_plainly_why_nothing_was_written(
    app, tmp_path: Path, monkeypatch
) -> None:
    import errno
    import os

    from roadmap.io import outfiles

    def no_room(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outfiles.os, "fsync", no_room)
    folder = tmp_path / "out"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        dialog = app.screen
        dialog.query_one("#ex-folder", Input).value = str(folder)
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = str(dialog.query_one("#ex-result").render())
        assert "The disk is full; nothing was written." in shown
        assert dialog.query_one("#ex-result").size.height > 0
        assert any(n.title == "Export failed" for n in app._notifications)
    assert not folder.exists()
