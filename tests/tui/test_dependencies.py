"""Dependencies added and removed from the keyboard; cycles refused before anything is written."""

from __future__ import annotations

from textual.widgets import Tree

from roadmap.store.dependencies import dependency_edges
from tui.conftest import rested, until


def edges(store) -> set[tuple[str, str, str]]:
    with store.read() as session:
        return set(dependency_edges(session=session, plan_id=1))


async def open_view(pilot):
    await pilot.pause()
    await pilot.press("3")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


async def test_add_blocker_by_typing_part_of_title(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot)
        assert view.MODE == "dependencies"
        await pilot.press("a", *"palveluohj", "enter")  # CI-1 waits for CI-3
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        tree = view.query_one(Tree)
        waits_for = tree.root.children[0]
        assert [str(n.label).split()[0] for n in waits_for.children] == ["CI-3"]
    assert ("CI-3", "CI-1", "hard") in edges(plan_store)


async def test_cycle_is_refused_with_its_path(app, plan_store) -> None:
    before = edges(plan_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot)
        await pilot.press("a", *"CI-2", "enter")  # CI-1 waits for CI-2, which waits for CI-1
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("CI-1 -> CI-2 already leads from CI-1 to CI-2" in m for m in messages), messages
    assert edges(plan_store) == before


async def test_remove_dependency_asks_then_undo(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot)
        await pilot.press("down")  # CI-2, which waits for CI-1
        await rested(pilot)
        tree = view.query_one(Tree)
        tree.focus()
        tree.move_cursor(tree.root.children[0].children[0])
        await pilot.press("d", "y")
        await pilot.pause()
        assert ("CI-1", "CI-2", "hard") not in edges(plan_store)
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert ("CI-1", "CI-2", "hard") in edges(plan_store)


async def test_the_tree_follows_the_cursor_once_it_rests(app, plan_store, monkeypatch) -> None:
    from roadmap.tui.screens import base

    monkeypatch.setattr(base, "REST", 0.5)  # longer than a press takes on a busy machine
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot)
        drawn: list[str | None] = []
        draw = view._draw_tree
        view._draw_tree = lambda: drawn.append(view.selected) or draw()
        await pilot.press("down", "down", "up")  # as a held key repeats: faster than a rest
        assert drawn == []
        await until(pilot, lambda: drawn, "the tree drawn after the rest")
        await rested(pilot)
        assert drawn == ["CI-2"]
        waits_for = view.query_one(Tree).root.children[0]
        assert [str(n.label).split()[0] for n in waits_for.children] == ["CI-1"]
