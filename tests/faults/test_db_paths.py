"""--db pointing at the wrong thing: a plain message, exit 1, nothing created or changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import fingerprint, plain_message, roadmap


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", b"meeting notes\n"),
        ("plan.yaml", b"plan:\n  name: Roadmap\nitems: []\n"),
        ("random.db", os.urandom(50_000)),
        ("empty-header.db", b"SQLite format 3\x00" + os.urandom(5000)),
    ],
)
@pytest.mark.parametrize("command", [["plans"], ["summary"], ["check"], ["init"], ["import"]])
def test_a_file_that_is_no_database(
    tmp_path: Path, name: str, content: bytes, command: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    if command == ["import"]:
        source = tmp_path / "items.csv"
        source.write_text("key,title\nA,a\n", encoding="utf-8")
        command = ["import", str(source), "--new-plan", "X"]
    before = fingerprint(tmp_path)
    result = roadmap("--db", str(path), *command)
    assert result.exit_code == 1
    plain_message(result.stderr)
    assert str(path) in result.stderr
    assert fingerprint(tmp_path) == before


@pytest.mark.parametrize("command", [["plans"], ["init"], ["export", "md"], ["backup", "b.db"]])
def test_a_folder_as_the_database(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    before = fingerprint(tmp_path)
    result = roadmap("--db", str(folder), *command)
    assert result.exit_code == 1
    plain_message(result.stderr)
    assert "is a folder" in result.stderr
    assert fingerprint(tmp_path) == before


@pytest.mark.parametrize(
    "command",
    [["plans"], ["summary"], ["check"], ["export", "md"], ["export-data"], ["backup", "b.db"]],
)
def test_a_mistyped_path_creates_nothing(
    tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = roadmap("--db", str(tmp_path / "dta" / "roadmap.db"), *command)
    assert result.exit_code == 1
    plain_message(result.stderr)
    assert "does not exist" in result.stderr and "roadmap init" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_commands_that_create_still_do(tmp_path: Path) -> None:
    db = tmp_path / "new" / "roadmap.db"
    assert roadmap("--db", str(db), "init").exit_code == 0
    assert db.is_file()
    assert roadmap("--db", str(tmp_path / "demo.db"), "demo", "--quiet").exit_code == 0


@pytest.mark.parametrize(
    "command",
    [
        ["--db", "notes.txt/roadmap.db", "init"],
        ["export", "md", "-o", "notes.txt/out"],
        ["export-data", "-o", "notes.txt/plan.yaml"],
    ],
)
def test_a_file_where_a_folder_is_needed(
    db: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(db.parent)
    (db.parent / "notes.txt").write_text("notes\n", encoding="utf-8")
    before = fingerprint(db.parent)
    args = command if command[0] == "--db" else ["--db", str(db), *command]
    result = roadmap(*args)
    assert result.exit_code == 1
    plain_message(result.stderr)
    assert "notes.txt is a file where a folder is needed" in result.stderr
    assert fingerprint(db.parent) == before


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fi", "Tiedostoa x.db ei ole"), ("sv", "x.db finns inte"), ("en", "x.db does not exist")],
)
def test_the_messages_are_in_the_readers_language(lang: str, words: str) -> None:
    from roadmap.i18n import set_language
    from roadmap.store.faults import Kind, StoreFault, explain

    set_language(lang)
    try:
        assert explain(StoreFault(Kind.MISSING, "x.db"), "x.db").startswith(words)
    finally:
        set_language("en")
