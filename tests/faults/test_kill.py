"""kill -9 at random points during ``backup`` and ``export``: every file is the old one or the
complete new one (checksums), never a part, and nothing half-written looks like a backup.

The kill points are drawn at random (seeded, printed on failure) over the phase in which the
files are written, as measured in an uninterrupted run of the same command.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from roadmap.io.outfiles import TMP_SUFFIX

from .conftest import ROOT, sha

KILLS = 22
SEED = int(os.environ.get("ROADMAP_KILL_SEED", "1807"))


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "roadmap", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )


def _wait_for(condition: Callable[[], bool], process: subprocess.Popen) -> float:
    """Poll until ``condition`` holds or ``process`` ends; the time it became true."""
    deadline = time.monotonic() + 120
    while not condition() and process.poll() is None:
        assert time.monotonic() < deadline, "the command neither wrote nor ended"
        time.sleep(0.0005)
    return time.monotonic()


def _writing(folder: Path) -> Callable[[], bool]:
    """Whether a file is being written into ``folder`` or was renamed into it since now."""
    before = {p.name: p.stat().st_ino for p in folder.iterdir()}

    def started() -> bool:
        for p in folder.iterdir():
            if p.name.endswith(TMP_SUFFIX) or before.get(p.name, -1) != p.stat().st_ino:
                return True
        return False

    return started


def _write_phase(args: list[str], folder: Path) -> float:
    """How long an uninterrupted run of ``roadmap ARGS`` writes into ``folder``."""
    writing = _writing(folder)
    process = _start(*args)
    began = _wait_for(writing, process)
    assert process.wait() == 0
    return max(time.monotonic() - began, 0.01)


def _kill_during_writes(args: list[str], folder: Path, phase: float, rng: random.Random) -> bool:
    """Run ``roadmap ARGS``, kill it at a random point of its writing; whether it was killed
    (rather than done first)."""
    writing = _writing(folder)
    process = _start(*args)
    _wait_for(writing, process)
    time.sleep(rng.uniform(0, phase * 1.1))
    process.send_signal(signal.SIGKILL)
    return process.wait() == -signal.SIGKILL


@pytest.fixture
def big_db(db: Path) -> Path:
    """The demo database with 48 MB more in it, so that a copy takes a while."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("CREATE TABLE ballast (data BLOB)")
        conn.executemany("INSERT INTO ballast VALUES (randomblob(?))", [(1 << 20,)] * 48)
    conn.close()
    return db


@pytest.mark.slow
def test_kill_9_during_backup_leaves_no_file_or_the_whole_copy(
    big_db: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    out = tmp_path / "backups"
    out.mkdir()
    reference = out / "reference.db"
    phase = _write_phase(["--db", str(big_db), "backup", str(reference)], out)
    whole = sha(reference)
    reference.unlink()
    outcomes = {"none": 0, "whole": 0}
    kills = 0
    for attempt in range(KILLS * 2):
        target = out / f"b{attempt}.db"
        kills += _kill_during_writes(["--db", str(big_db), "backup", str(target)], out, phase, rng)
        if target.exists():
            assert sha(target) == whole, f"seed {SEED}, attempt {attempt}: a partial backup"
            outcomes["whole"] += 1
            target.unlink()
        else:
            outcomes["none"] += 1
        visible = [p.name for p in out.iterdir() if not p.name.startswith(".")]
        assert visible == [], f"seed {SEED}: {visible}"
        if kills >= KILLS:
            break
    assert kills >= KILLS, outcomes
    assert outcomes["none"] > 0, outcomes  # some kills landed while the copy was written
    # The next backup to the same name works, and clears what all the killed ones left.
    again = subprocess.run(
        [sys.executable, "-m", "roadmap", "--db", str(big_db), "backup", str(out / "b0.db")],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
    )
    assert again.returncode == 0 and sha(out / "b0.db") == whole
    assert [p.name for p in out.iterdir()] == ["b0.db"]


@pytest.mark.slow
def test_kill_9_during_export_leaves_each_file_old_or_new(db: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    formats = ["md", "html", "csv", "ics"]
    old, new, out = tmp_path / "old", tmp_path / "new", tmp_path / "out"
    export = ["--db", str(db), "export", *formats, "--date"]
    for folder, day in ((old, "2027-01-04"), (new, "2027-02-01")):
        if folder is new:  # a plan renamed since: every file says so
            conn = sqlite3.connect(db)
            with conn:
                conn.execute("UPDATE plan SET name = name || ' 2'")
            conn.close()
        done = subprocess.run(
            [sys.executable, "-m", "roadmap", *export, day, "-o", str(folder)],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            capture_output=True,
        )
        assert done.returncode == 0, done.stderr
    before = {p.name: sha(p) for p in old.iterdir()}
    after = {p.name: sha(p) for p in new.iterdir()}
    assert len(before) == 12 and before.keys() == after.keys()
    changed = {name for name in before if before[name] != after[name]}
    assert len(changed) >= 6, sorted(set(before) - changed)

    shutil.copytree(old, out)
    phase = _write_phase([*export, "2027-02-01", "-o", str(out)], out)
    kills, mixed = 0, 0
    for attempt in range(KILLS * 2):
        shutil.rmtree(out)
        shutil.copytree(old, out)
        kills += _kill_during_writes([*export, "2027-02-01", "-o", str(out)], out, phase, rng)
        now = {p.name: sha(p) for p in out.iterdir() if not p.name.startswith(".")}
        assert now.keys() == before.keys(), f"seed {SEED}, attempt {attempt}"
        for name, digest in now.items():
            assert digest in (before[name], after[name]), f"seed {SEED}: {name} is partial"
        mixed += len({now[name] == after[name] for name in changed}) == 2
        if kills >= KILLS:
            break
    assert kills >= KILLS
    assert mixed > 0  # some kills landed between the files
