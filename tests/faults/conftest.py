"""Helpers of the fault suite: a demo database to damage, the command run in-process or as
its own process, and a fingerprint of a folder to show that nothing on disk changed."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from roadmap.cli import cli
from roadmap.store.migrate import sqlite_copy

ROOT = Path(__file__).resolve().parents[2]


def roadmap(*args: str, env: dict[str, str] | None = None) -> Result:
    """``roadmap ARGS`` in this process."""
    return CliRunner().invoke(cli, list(args), env=env)


def roadmap_process(
    *args: str, env: dict[str, str] | None = None, user: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``roadmap ARGS`` as its own process; as user id ``user`` (and its group) when given."""
    prefix = []
    if user is not None:
        prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "roadmap", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})},
        timeout=120,
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (and every folder, as ``dir``) with its checksum."""
    return {
        str(p.relative_to(folder)): "dir" if p.is_dir() else sha(p)
        for p in sorted(folder.rglob("*"))
        if not p.is_symlink()
    }


def plain_message(text: str) -> None:
    """``text`` is one or two sentences for a person, not a traceback."""
    assert "Traceback" not in text and "sqlalchemy" not in text and "sqlite3." not in text
    assert text.startswith("Error: ") and text.count("\n") == 1, text
    assert 1 <= text.count(". ") + text.count("; ") + 1 <= 4, text


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the demo plan, made once; copy it before changing it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert roadmap("--db", str(path), "demo", "--quiet").exit_code == 0
    return path


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo database of this test's own."""
    path = tmp_path / "work" / "roadmap.db"
    path.parent.mkdir()
    sqlite_copy(demo_db, path)
    return path
