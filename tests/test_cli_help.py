"""The command line's help speaks the reader's language: the top-level ``roadmap --help``,
click's own headings, and every command's and option's help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HELPS = """
import json, sys
from roadmap.i18n import set_language
set_language(sys.argv[1])
import click
from roadmap.cli.base import cli

def walk(command, path):
    yield path, command.help or ""
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            yield f"{path} {param.opts[-1]}", param.help
    if isinstance(command, click.Group):
        for name in command.list_commands(None):
            yield from walk(command.get_command(None, name), f"{path} {name}")

print(json.dumps(dict(walk(cli, "roadmap"))))
"""


def _environ(tmp_path: Path, **env: str) -> dict[str, str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("ROADMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
    }
    return environ | {"ROADMAP_CONFIG_DIR": str(tmp_path), **env}


def _helps(tmp_path: Path, lang: str) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-c", HELPS, lang],
        capture_output=True,
        text=True,
        env=_environ(tmp_path),
        check=True,
    ).stdout
    return json.loads(out)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_command_and_option_help_is_translated(tmp_path: Path, lang: str) -> None:
    english, worded = _helps(tmp_path, "en"), _helps(tmp_path, lang)
    assert worded.keys() == english.keys() and len(english) > 50
    left = [where for where, text in worded.items() if text and text == english[where]]
    assert left == []


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["--lang", "fi", "--help"], {}, ["Käyttö: roadmap [VALITSIMET] [KOMENTO]", "Komennot:"]),
        (["--lang", "fi", "progress", "record", "--help"], {}, ["[VALITSIMET] KOHDE", "TEKSTI"]),
        (["--lang", "sv", "measure", "record", "--help"], {}, ["NYCKEL VÄRDE", "Flaggor:"]),
        (["--help"], {"LANG": "sv_FI.UTF-8"}, ["Användning:", "Flaggor:", "Kommandon:"]),
        (["--lang", "fi", "export", "--help"], {}, ["Käyttö:", "[oletus: exports]"]),
        (["--help"], {"LANG": "C"}, ["Usage:", "Options:", "Show this message and exit."]),
    ],
)
def test_top_level_help_speaks_the_chosen_language(
    tmp_path: Path, args: list[str], env: dict[str, str], words: list[str]
) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "roadmap", *args],
        capture_output=True,
        text=True,
        env=_environ(tmp_path, **env),
        check=True,
    ).stdout
    flat = " ".join(out.split())
    for word in words:
        assert word in flat
    if "Usage:" not in words:
        assert "Usage:" not in out and "Show this message" not in out and "default:" not in out
        assert "OPTIONS" not in out and "INTEGER" not in out and "%Y" not in out
