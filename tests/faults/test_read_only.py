"""A read-only database or folder: reading commands work, writing ones say why they cannot.

Tests run as root, whom file modes do not stop: the folder is made read-only with a read-only
bind mount, and modes are tested by running the command as the unprivileged user ``nobody``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from roadmap.store.migrate import sqlite_copy

from .conftest import ROOT, fingerprint, plain_message, roadmap, roadmap_process

NOBODY = 65534
READING = [["plans"], ["summary"], ["check"], ["export-data", "--format", "json"]]
WRITING = [["init", "--plan", "More"], ["demo", "--quiet"]]


@pytest.fixture
def read_only_folder(db: Path) -> Iterator[Path]:
    """The folder of ``db``, mounted read-only over itself."""
    folder = db.parent
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root")
    if subprocess.run(["mount", "--bind", str(folder), str(folder)]).returncode != 0:
        pytest.skip("bind mounts are not allowed here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_read_only_mount_is_read_and_not_written(
    read_only_folder: Path, db: Path, tmp_path: Path
) -> None:
    before = fingerprint(read_only_folder)
    for command in READING:
        result = roadmap("--db", str(db), *command)
        assert result.exit_code == 0, (command, result.output)
    exported = roadmap("--db", str(db), "export", "md", "-o", str(tmp_path / "out"))
    assert exported.exit_code == 0, exported.output
    copied = roadmap("--db", str(db), "backup", str(tmp_path / "copy.db"))
    assert copied.exit_code == 0, copied.output
    assert roadmap("--db", str(tmp_path / "copy.db"), "check").exit_code == 0
    for command in [*WRITING, ["export", "md", "-o", str(read_only_folder / "out")]]:
        result = roadmap("--db", str(db), *command)
        assert result.exit_code == 1, (command, result.output)
        plain_message(result.stderr)
        assert "read-only" in result.stderr
    assert fingerprint(read_only_folder) == before


@pytest.fixture
def nobodys_folder(demo_db: Path) -> Iterator[Path]:
    """A folder ``nobody`` owns, holding a copy of the demo database."""
    if os.geteuid() != 0:
        pytest.skip("running a command as another user needs root")
    probe = roadmap_process("--help", user=NOBODY)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["no message"])[-1]
        pytest.skip(
            f"nobody cannot run this checkout's Python ({last}): a folder above {ROOT} is "
            "closed to other users, as `mktemp -d` makes it"
        )
    folder = Path(tempfile.mkdtemp(prefix="roadmap-ro-"))
    folder.chmod(0o755)
    sqlite_copy(demo_db, folder / "roadmap.db")
    for path in (folder, folder / "roadmap.db"):
        os.chown(path, NOBODY, NOBODY)
    yield folder
    shutil.rmtree(folder)


@pytest.mark.slow
@pytest.mark.parametrize(("file_mode", "folder_mode"), [(0o444, 0o755), (0o644, 0o555)])
def test_modes_that_forbid_writing(nobodys_folder: Path, file_mode: int, folder_mode: int) -> None:
    db = nobodys_folder / "roadmap.db"
    db.chmod(file_mode)
    nobodys_folder.chmod(folder_mode)
    before = fingerprint(nobodys_folder)
    for command in READING:
        result = roadmap_process("--db", str(db), *command, user=NOBODY)
        assert result.returncode == 0, (command, result.stderr)
    for command in WRITING:
        result = roadmap_process("--db", str(db), *command, user=NOBODY)
        assert result.returncode == 1, (command, result.stderr)
        plain_message(result.stderr)
        assert "read-only" in result.stderr
    after = fingerprint(nobodys_folder)
    # Reading a WAL database SQLite may add its (empty) side files where the folder allows.
    side = {name for name in after.keys() - before.keys() if name.endswith(("-wal", "-shm"))}
    assert {name: after[name] for name in after.keys() - side} == before


def test_an_old_schema_that_cannot_be_written_is_not_upgraded(
    read_only_folder: Path, db: Path
) -> None:
    old = ROOT / "tests" / "fixtures" / "schema_0001.db"
    subprocess.run(["umount", "-l", str(read_only_folder)], check=True)
    shutil.copy(old, db)
    subprocess.run(["mount", "--bind", str(db.parent), str(db.parent)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(db.parent)], check=True)
    before = fingerprint(db.parent)
    result = roadmap("--db", str(db), "plans")
    assert result.exit_code == 1
    assert "cannot be written here" in result.stderr and "Traceback" not in result.output
    assert fingerprint(db.parent) == before
