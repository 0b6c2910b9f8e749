"""Output files are written whole or not at all, with the umask's mode, never through links."""

from __future__ import annotations

import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap.cli import cli
from roadmap.io.outfiles import TMP_SUFFIX, OutputExistsError, Outputs, remove_stale, writing
from roadmap.io.outfiles import write_bytes as write_whole


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umasks_mode(tmp_path: Path, umask_027) -> None:
    target = tmp_path / "new.md"
    write_whole(target, b"text")
    assert target.read_bytes() == b"text" and _mode(target) == 0o640
    assert list(tmp_path.iterdir()) == [target]


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask_027) -> None:
    target = tmp_path / "kept.md"
    target.write_bytes(b"old")
    target.chmod(0o604)
    write_whole(target, b"new")
    assert target.read_bytes() == b"new" and _mode(target) == 0o604


def test_a_symlink_is_replaced_not_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"precious")
    link = tmp_path / "plan.fi.md"
    link.symlink_to(elsewhere)
    outputs = Outputs()
    outputs.write_bytes(link, b"export")
    assert elsewhere.read_bytes() == b"precious"
    assert not link.is_symlink() and link.read_bytes() == b"export"
    assert outputs.replaced == [link] and outputs.created == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "doc.html"
    target.write_bytes(b"old")
    with pytest.raises(OSError), writing(target) as tmp:
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_no_replace_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_bytes(b"first")
    with pytest.raises(OutputExistsError):
        write_whole(target, b"second", replace=False)
    assert target.read_bytes() == b"first"
    with pytest.raises(OutputExistsError), writing(tmp_path / "late.db", replace=False) as tmp:
        (tmp_path / "late.db").write_bytes(b"someone else")  # appears while writing
        tmp.write_bytes(b"mine")
    assert (tmp_path / "late.db").read_bytes() == b"someone else"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db", "late.db"]


def test_abandoned_temporaries_go_and_held_ones_stay(tmp_path: Path) -> None:
    target = tmp_path / "b.db"
    left = tmp_path / f".a.db.abc_1234{TMP_SUFFIX}"
    left.write_bytes(b"killed half way")
    Path(f"{left}-journal").write_bytes(b"j")
    busy = tmp_path / f".b.db.xyz_1234{TMP_SUFFIX}"
    foreign = tmp_path / f".notes{TMP_SUFFIX}"  # not named as roadmap names its own
    foreign.write_bytes(b"someone else's")
    busy.write_bytes(b"being written")
    fd = os.open(busy, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert sorted(remove_stale(tmp_path)) == sorted([left, Path(f"{left}-journal")])
        assert busy.exists()
    finally:
        os.close(fd)
    write_whole(target, b"ok")
    assert sorted(p.name for p in tmp_path.iterdir()) == [foreign.name, "b.db"]


def test_outputs_name_the_folders_made_and_remove_them_on_failure(tmp_path: Path) -> None:
    outputs = Outputs()
    deep = tmp_path / "a" / "b"
    with pytest.raises(RuntimeError), outputs.all_or_folders_removed():
        outputs.write_bytes(deep / "x.md", b"x")
        assert outputs.created_folders == [tmp_path / "a", deep]
        assert outputs.created == [deep / "x.md"]
        (deep / "x.md").unlink()
        raise RuntimeError("rendering failed")
    assert list(tmp_path.iterdir()) == []


def test_export_data_respects_the_umask_and_keeps_a_mode(tmp_path: Path, umask_027) -> None:
    db, out = tmp_path / "r.db", tmp_path / "plan.yaml"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "init", "--plan", "One"]).exit_code == 0
    first = runner.invoke(cli, ["--db", str(db), "export-data", "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert _mode(out) == 0o640
    out.chmod(0o644)
    again = runner.invoke(cli, ["--db", str(db), "export-data", "-o", str(out)])
    assert again.exit_code == 0 and f"Replaced {out}" in again.stderr
    assert _mode(out) == 0o644
