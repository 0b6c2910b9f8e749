"""``roadmap export`` end to end: a plan in a database, several formats at once, files on disk."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from roadmap.cli import cli

from .checks import html_problems
from .plans import rich_plan

GOLDEN = Path(__file__).with_name("golden")
FORMATS = ("md", "html", "csv", "ics")


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_demo_plan_exported_in_every_format(tmp_path: Path) -> None:
    db, out = str(tmp_path / "demo.db"), tmp_path / "out"
    _run("--db", db, "demo", "--quiet")
    printed = _run("--db", db, "export", *FORMATS, "-o", str(out), "--date", "2027-01-04")
    expected = [
        out / f"lahti-asikkala.{lang}.{fmt}" for fmt in FORMATS for lang in ("fi", "en", "sv")
    ]
    assert printed.splitlines() == [str(path) for path in expected]
    again = CliRunner().invoke(
        cli, ["--db", db, "export", "md", "-o", str(out), "--lang", "fi", "--date", "2027-01-04"]
    )
    assert again.stderr == f"Replaced {out / 'lahti-asikkala.fi.md'}\n"
    assert sorted(out.iterdir()) == sorted(expected)
    for lang in ("fi", "en"):
        name = f"lahti-asikkala.{lang}.md"
        assert (out / name).read_bytes() == (GOLDEN / name).read_bytes(), name
    html = (out / "lahti-asikkala.sv.html").read_text(encoding="utf-8")
    assert html_problems(html, "sv") == []
    assert (out / "lahti-asikkala.en.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "export", "md", "pdf"])
    assert result.exit_code == 2 and "pdf" in result.output
    assert not Path("exports").joinpath("lahti-asikkala.fi.md").exists()


def test_missing_translation_is_marked(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(rich_plan().model_dump(mode="json")), encoding="utf-8")
    db, out = str(tmp_path / "plan.db"), tmp_path / "out"
    _run("--db", db, "import", str(plan))
    printed = _run("--db", db, "export", "md", "--lang", "en", "-o", str(out))
    assert printed.strip() == str(out / "asiakastieto.en.md")
    text = (out / "asiakastieto.en.md").read_text(encoding="utf-8")
    assert "Shared client view (A1)" in text
    assert "Suostumusten hallinta † (A2)" in text
    assert "† Not yet translated; shown in the original language (Finnish)." in text
