"""Switching the app's language words the engine's score notes anew, not only the views."""

from __future__ import annotations

from tui.conftest import open_view, until


async def test_score_notes_follow_a_language_switch(app) -> None:
    async with app.run_test(size=(160, 45)) as pilot:
        await open_view(pilot, "4")
        assert "answers N1, no evidence yet" in app.roadmap.scores["CI-1"].notes
        await app.set_language("fi")

        def finnish() -> bool:
            roadmap = app.roadmap
            return roadmap is not None and "vastaa tarpeeseen N1, ei vielä aineistoa" in (
                roadmap.scores["CI-1"].notes
            )

        await until(pilot, finnish, "the score notes in Finnish")
