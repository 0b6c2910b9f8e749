"""The item table's rows as the store reads them, on SQLite and PostgreSQL."""

from __future__ import annotations

from roadmap.store.db import Store
from roadmap.store.items import ItemRow, item_rows
from roadmap.store.plan_write import write_plan
from sample_plans import rich_plan


def test_rows_name_theme_owner_and_team_and_keep_tags_and_translations(store: Store) -> None:
    with store.write() as session:
        plan_id = write_plan(session=session, doc=rich_plan()).id
    with store.read() as session:
        rows = item_rows(session=session, plan_id=plan_id)
        english = item_rows(session=session, plan_id=plan_id, lang="en")
    assert [row.key for row in rows] == ["Z-1", "A-2", "M-3", "B-4"]
    first = rows[0]
    assert isinstance(first, ItemRow)
    assert (first.title, first.status, first.tags) == (
        "Yhteinen asiakasnäkymä",
        "planned",
        ("data", "laki"),
    )
    assert first.theme and first.owner and first.team
    assert rows[1].tags == () and rows[1].theme == "" and rows[1].owner == ""
    assert english[0].title == "Shared client view"
    assert english[1].title == "Kirjaamisohje"  # no translation: the default language
