"""A full disk: a plain message, exit 1, the old files as they were and no half-written ones.

The disk is a real 4 MB tmpfs where this test may mount one (as root); elsewhere ``ENOSPC``
is raised where the written file is flushed (``ROADMAP_FAKE_ENOSPC=1`` chooses that here too).
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from roadmap.io import outfiles
from roadmap.store.migrate import sqlite_copy

from .conftest import fingerprint, plain_message, roadmap, sha


def _mount(folder: Path) -> bool:
    if os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True
    )
    return done.returncode == 0


class SmallDisk:
    """A folder on a small disk, filled by :meth:`fill` once the test has put its files there."""

    def __init__(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path = path
        self.real = os.path.ismount(path)
        self._monkeypatch = monkeypatch

    def fill(self) -> None:
        """Write until the disk has no room left; without a real small disk, make the flush
        of every file written from now on fail with ``ENOSPC``."""
        if not self.real:

            def no_room(fd: int) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            self._monkeypatch.setattr(outfiles.os, "fsync", no_room)
            return
        with (self.path / "filler").open("wb") as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
            # What is left of the buffer can never be written either.
            with suppress(OSError):
                fh.close()


@pytest.fixture
def small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmallDisk]:
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = os.environ.get("ROADMAP_FAKE_ENOSPC") != "1" and _mount(folder)
    yield SmallDisk(folder, monkeypatch)
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_export_onto_a_full_disk_keeps_the_old_files(db: Path, small_disk: SmallDisk) -> None:
    disk = small_disk.path
    out = disk / "exports"
    assert (
        roadmap(
            "--db",
            str(db),
            "export",
            "md",
            "html",
            "--lang",
            "fi",
            "-o",
            str(out),
            "--date",
            "2027-01-04",
        ).exit_code
        == 0
    )
    small_disk.fill()
    before = fingerprint(disk)
    result = roadmap(
        "--db", str(db), "export", "md", "html", "-o", str(out), "--date", "2027-02-01"
    )
    assert result.exit_code == 1
    plain_message(result.stderr)
    assert "disk is full" in result.stderr
    assert fingerprint(disk) == before


@pytest.mark.parametrize("command", [["backup", "copy.db"], ["export-data", "-o", "plan.yaml"]])
def test_backup_and_data_onto_a_full_disk_leave_nothing(
    db: Path, small_disk: SmallDisk, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = small_disk.path
    (disk / "plan.yaml").write_bytes(b"old: plan\n")
    small_disk.fill()
    before = fingerprint(disk)
    monkeypatch.chdir(disk)
    result = roadmap("--db", str(db), *command)
    assert result.exit_code == 1
    plain_message(result.stderr)
    assert "disk is full" in result.stderr
    assert fingerprint(disk) == before


def test_writing_into_a_database_on_a_full_disk(
    db: Path, small_disk: SmallDisk, tmp_path: Path
) -> None:
    disk = small_disk.path
    if not small_disk.real:
        pytest.skip("needs a real small disk (tmpfs) for the database itself")
    live = disk / "roadmap.db"
    sqlite_copy(db, live)
    items = tmp_path / "items.csv"
    rows = "".join(f"N{i},{'A new item with a long title ' * 8}{i}\n" for i in range(20_000))
    items.write_text("key,title\n" + rows, encoding="utf-8")
    expected = roadmap("--db", str(live), "export-data", "--format", "json").stdout
    small_disk.fill()
    result = roadmap("--db", str(live), "import", str(items), "--plan", "lahti-asikkala")
    assert result.exit_code == 1
    plain_message(result.stderr)
    assert "disk is full" in result.stderr
    (disk / "filler").unlink()  # room for SQLite's shared memory when reading
    assert roadmap("--db", str(live), "export-data", "--format", "json").stdout == expected
    assert sha(live) and roadmap("--db", str(live), "check").exit_code == 0
