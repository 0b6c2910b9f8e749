"""``roadmap import`` and ``roadmap export-data`` through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap.cli import cli
from roadmap.io.planfile import dump_json, dump_yaml
from sample_plans import rich_plan, small_plan


def run(db: Path, *args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=stdin)


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(dump_yaml(rich_plan()), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_export_is_identical(fmt: str, plan_file: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    assert run(first, "import", str(plan_file)).exit_code == 0
    out = tmp_path / f"plan.{fmt}"
    assert run(first, "export-data", "-o", str(out)).exit_code == 0
    result = run(second, "import", str(out))
    assert result.exit_code == 0, result.output
    again = run(second, "export-data", "--format", fmt)
    assert again.stdout_bytes == out.read_bytes()
    expected = dump_yaml(rich_plan()) if fmt == "yaml" else dump_json(rich_plan())
    assert out.read_text(encoding="utf-8") == expected


def test_import_reports_and_refuses_a_taken_slug(plan_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "roadmap.db"
    result = run(db, "import", str(plan_file))
    assert result.exit_code == 0
    assert "Imported plan 'lahti' (4 items)" in result.stdout
    again = run(db, "import", str(plan_file))
    assert again.exit_code == 1
    assert "already has a plan 'lahti'" in again.stderr and "--replace" in again.stderr
    beside = run(db, "import", str(plan_file), "--plan", "lahti-copy")
    assert beside.exit_code == 0, beside.output
    assert run(db, "plans").stdout.splitlines() == [
        "lahti\tLahti & Asikkala",
        "lahti-copy\tLahti & Asikkala",
    ]


def test_replace_replaces_only_that_plan(plan_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "roadmap.db"
    run(db, "import", str(plan_file))
    other = tmp_path / "other.json"
    other.write_text(dump_json(small_plan("other")))
    run(db, "import", str(other))
    smaller = tmp_path / "smaller.json"
    smaller.write_text(dump_json(small_plan("lahti", n_items=1)))
    result = run(db, "import", str(smaller), "--replace")
    assert result.exit_code == 0, result.output
    assert run(db, "export-data", "--plan", "lahti", "--format", "json").stdout == dump_json(
        small_plan("lahti", n_items=1)
    )
    assert run(db, "export-data", "--plan", "other", "--format", "json").stdout == dump_json(
        small_plan("other")
    )


@pytest.mark.parametrize("dump", [dump_yaml, dump_json])
def test_import_from_standard_input(dump, tmp_path: Path) -> None:
    db = tmp_path / "roadmap.db"
    result = run(db, "import", "-", stdin=dump(small_plan("piped")).encode())
    assert result.exit_code == 0, result.output
    assert run(db, "export-data", "--format", "json").stdout == dump_json(small_plan("piped"))


def test_export_formats(plan_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "roadmap.db"
    run(db, "import", str(plan_file))
    assert run(db, "export-data").stdout == dump_yaml(rich_plan())
    csv = run(db, "export-data", "--format", "csv").stdout_bytes
    assert csv.startswith(b"\xef\xbb\xbfkey,title,")
    assert csv.count(b"\r\n") == 5
    out = tmp_path / "deep" / "plan.json"
    result = run(db, "export-data", "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == dump_json(rich_plan())
    assert [p.name for p in out.parent.iterdir()] == ["plan.json"]
    wrong = run(db, "export-data", "-o", str(tmp_path / "plan.txt"))
    assert wrong.exit_code == 1 and "--format" in wrong.stderr


def test_options_that_do_not_fit_the_file(plan_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "roadmap.db"
    mapped = run(db, "import", str(plan_file), "--map", "A=key")
    assert mapped.exit_code == 1 and "are for spreadsheets" in mapped.stderr
    csv = tmp_path / "items.csv"
    csv.write_text("key,title\nA,a\n")
    replaced = run(db, "import", str(csv), "--replace")
    assert replaced.exit_code == 1 and "for YAML and JSON" in replaced.stderr
    slug = run(db, "import", str(plan_file), "--plan", "Not A Slug")
    assert slug.exit_code == 1 and "--plan 'Not A Slug'" in slug.stderr
    missing = run(db, "import", str(tmp_path / "missing.yaml"))
    assert missing.exit_code == 1 and "cannot be read" in missing.stderr
    assert not db.exists()
    plans = run(db, "plans")
    assert plans.exit_code == 1 and "does not exist" in plans.stderr
