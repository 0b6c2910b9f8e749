"""Which language the interface speaks: --lang, ROADMAP_LANG, the app's saved choice, the locale
(LC_ALL, LC_MESSAGES, LANG: the first set decides), else English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap.cli import cli
from roadmap.i18n import language
from roadmap.i18n.choice import choose_language, language_code

NO_LOCALE = {"ROADMAP_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


@pytest.mark.parametrize(
    ("asked", "saved", "environ", "expected"),
    [
        ("sv", "fi", {"ROADMAP_LANG": "fi", "LC_ALL": "fi_FI.UTF-8"}, "sv"),
        (None, "sv", {"ROADMAP_LANG": "fi", "LANG": "sv_FI.UTF-8"}, "fi"),
        (None, "sv", {"LC_ALL": "fi_FI.UTF-8"}, "sv"),
        (None, None, {"LC_ALL": "fi_FI.UTF-8", "LC_MESSAGES": "sv_FI", "LANG": "en_GB"}, "fi"),
        (None, None, {"LC_MESSAGES": "sv_SE.UTF-8", "LANG": "fi_FI.UTF-8"}, "sv"),
        (None, None, {"LANG": "sv_FI.UTF-8"}, "sv"),
        (None, None, {"LANG": "fi_FI@euro"}, "fi"),
        (None, None, {"LC_ALL": "C.UTF-8", "LANG": "fi_FI.UTF-8"}, "en"),
        (None, None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, None, {"ROADMAP_LANG": "de", "LANG": "sv_FI"}, "sv"),
        (None, None, {}, "en"),
    ],
)
def test_order_of_the_choice(
    asked: str | None, saved: str | None, environ: dict[str, str], expected: str
) -> None:
    assert choose_language(asked, saved=saved, environ=environ) == expected


def test_language_codes() -> None:
    assert [language_code(v) for v in ("fi_FI", "sv-FI", "SV_se.utf8", "en", "C", "", None)] == [
        "fi", "sv", "sv", "en", None, None, None,
    ]  # fmt: skip


def _run(tmp_path: Path, args: list[str], **env: str | None) -> str:
    result = CliRunner().invoke(
        cli,
        ["--db", str(tmp_path / "x.db"), *args, "plans"],
        env={**NO_LOCALE, "ROADMAP_CONFIG_DIR": str(tmp_path / "config"), **env},
    )
    assert result.exit_code == 0, result.output
    return language()


def test_command_line_follows_the_order(tmp_path: Path) -> None:
    made = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "init", "--plan", "T"])
    assert made.exit_code == 0, made.output
    assert _run(tmp_path, []) == "en"
    assert _run(tmp_path, [], LANG="fi_FI.UTF-8") == "fi"
    assert _run(tmp_path, [], LC_MESSAGES="sv_FI.UTF-8", LANG="fi_FI.UTF-8") == "sv"
    config = tmp_path / "config"
    config.mkdir()
    (config / "tui.json").write_text(json.dumps({"language": "sv"}))
    assert _run(tmp_path, [], LANG="fi_FI.UTF-8") == "sv"
    assert _run(tmp_path, [], ROADMAP_LANG="fi") == "fi"
    assert _run(tmp_path, ["--lang", "en"], ROADMAP_LANG="fi") == "en"
