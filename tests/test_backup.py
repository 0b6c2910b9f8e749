"""Backups are consistent copies that open as roadmap databases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from roadmap.model.tables import Item, Plan
from roadmap.store.backup import BackupError, backup_to
from roadmap.store.db import Store


def _fill(store: Store) -> None:
    with store.write() as s:
        plan = Plan(name="Suunnitelma", slug="p", start_date=date(2027, 1, 1), languages=["fi"])
        s.add(plan)
        s.flush()
        s.add_all(Item(plan_id=plan.id, key=f"K-{n}", title=f"Kohde {n} | ä") for n in range(30))


def test_backup_opens_with_the_same_content(store: Store, tmp_path: Path) -> None:
    _fill(store)
    target = backup_to(store, tmp_path / "copy.db")
    copy = Store.open(target)
    with copy.read() as s:
        keys = sorted(s.exec(select(Item.key)))
        plan = s.exec(select(Plan)).one()
    copy.close()
    assert keys == sorted(f"K-{n}" for n in range(30))
    assert plan.name == "Suunnitelma"


def test_backup_refuses_to_overwrite(sqlite_store: Store, tmp_path: Path) -> None:
    existing = tmp_path / "exists.db"
    existing.write_text("precious")
    with pytest.raises(BackupError, match=r"exists\.db already exists"):
        backup_to(sqlite_store, existing)
    assert existing.read_text() == "precious"


def test_backup_refuses_missing_folder(sqlite_store: Store, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="does not exist"):
        backup_to(sqlite_store, tmp_path / "nowhere" / "copy.db")
