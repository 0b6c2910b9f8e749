"""Schema upgrades killed half-way: their working copies are cleaned up on the next start and
only the newest few backups are kept, each removal named."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap.io.outfiles import held
from roadmap.store.db import Store
from roadmap.store.migrate import KEPT_BACKUPS, head_revision

from .conftest import ROOT, roadmap

OLD = ROOT / "tests" / "fixtures" / "schema_0001.db"

KILLED_UPGRADE = """
import os, signal, sys
from roadmap.store import migrate
from roadmap.store.db import Store

real = migrate.upgrade_connection

def killed(conn, target="head"):
    real(conn, target)
    os.kill(os.getpid(), signal.SIGKILL)  # the working copy is upgraded, not yet copied back

migrate.upgrade_connection = killed
Store.open(sys.argv[1])
"""


def _leftovers(folder: Path) -> tuple[list[Path], list[Path]]:
    names = sorted(folder.iterdir())
    return [p for p in names if p.is_dir()], [p for p in names if p.suffix == ".bak"]


@pytest.mark.slow
def test_killed_upgrades_leave_one_working_copy_and_a_few_backups(tmp_path: Path) -> None:
    db = tmp_path / "roadmap.db"
    shutil.copy(OLD, db)
    for _ in range(6):
        killed = subprocess.run(
            [sys.executable, "-c", KILLED_UPGRADE, str(db)],
            env={"PYTHONPATH": str(ROOT / "src")},
            capture_output=True,
        )
        assert killed.returncode == -9, killed.stderr
        works, backups = _leftovers(tmp_path)
        assert len(works) == 1 and len(backups) <= KEPT_BACKUPS
    [work] = works

    result = roadmap("--db", str(db), "plans")
    assert result.exit_code == 0, result.output
    assert f"Removed leftover {work}" in result.stderr
    [newest] = [line for line in result.stderr.splitlines() if line.startswith("Upgraded")]
    assert newest.startswith(f"Upgraded {db}; the database as it was is kept in {tmp_path}")
    works, backups = _leftovers(tmp_path)
    assert works == [] and len(backups) == KEPT_BACKUPS
    store = Store.open(db)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
            head_revision()
        )
    store.close()


def test_only_abandoned_working_copies_and_old_backups_go(tmp_path: Path) -> None:
    db = tmp_path / "roadmap.db"
    Store.open(db).close()
    abandoned = tmp_path / ".upgrade-roadmap.db.abc123"
    running = tmp_path / ".upgrade-roadmap.db.def456"
    legacy = tmp_path / "tmpab12cd34"  # as earlier versions named the working folder
    unrelated = tmp_path / "tmpzz99yy88"
    for folder in (abandoned, running, legacy, unrelated):
        folder.mkdir()
        (folder / ("notes.txt" if folder is unrelated else "roadmap.db")).write_bytes(b"x")
    backups = [tmp_path / f"roadmap.db.0001-20260{month}01T120000.bak" for month in range(1, 6)]
    for path in backups:
        path.write_bytes(b"old")
    other = tmp_path / "roadmap.db.20260101-120000.bak"  # kept by `roadmap demo`, not ours
    other.write_bytes(b"demo copy")
    with held(running):
        store = Store.open(db)
        store.close()
    assert sorted(store.removed) == sorted([abandoned, legacy, *backups[:2]])
    assert running.exists() and unrelated.exists() and other.exists()
    assert all(path.exists() for path in backups[2:])
