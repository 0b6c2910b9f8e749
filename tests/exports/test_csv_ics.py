"""The CSV roadmap and the iCalendar file: encodings, headers, escaping, folding, stable UIDs."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from roadmap.io import ics
from roadmap.io.export import render

from .plans import ATTACKS, attack_plan, rich_plan, simple_roadmap

DAY = date(2027, 1, 4)


def _rows(data: bytes, lang: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter="," if lang == "en" else ";"))


@pytest.mark.parametrize(("lang", "header"), [("fi", "Kohde"), ("sv", "Objekt"), ("en", "Item")])
def test_csv_has_language_headers_and_one_row_per_placed_item(lang: str, header: str) -> None:
    doc = attack_plan()
    rows = _rows(render("csv", doc, simple_roadmap(doc), lang, generated=DAY), lang)
    assert rows[0][1] == header
    assert len(rows) == len(doc.items) + 1
    assert {len(row) for row in rows} == {len(rows[0])}
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert "'=cmd|' /C calc'!A0" in cells


def test_csv_numbers_follow_the_language() -> None:
    doc = rich_plan()
    doc.items[0].effort = 2.5
    fi = _rows(render("csv", doc, simple_roadmap(doc), "fi", generated=DAY), "fi")
    en = _rows(render("csv", doc, simple_roadmap(doc), "en", generated=DAY), "en")
    assert fi[1][9] == "2,5" and en[1][9] == "2.5"
    assert fi[1][7] == "2027-01-01"


def _unfold(data: bytes) -> list[str]:
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert max(len(line) for line in lines) <= 75
    return data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")[:-1]


def test_ics_lines_are_folded_escaped_and_uids_stable() -> None:
    doc = attack_plan()
    fi = render("ics", doc, simple_roadmap(doc), "fi", generated=DAY)
    en = render("ics", doc, simple_roadmap(doc), "en", generated=DAY)
    lines = _unfold(fi)
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(uids) == len(set(uids)) > 4
    assert uids == [line for line in _unfold(en) if line.startswith("UID:")]
    assert "UID:attack-milestone-m0@roadmap" in uids
    assert "DTSTAMP:20270104T000000Z" in lines
    assert any("a\\;b\\,c\\\\d: e (X23)" in line for line in lines)
    for line in lines:
        name, _, _value = line.partition(":")
        assert name.split(";")[0].isupper() and "\r" not in line


def test_fold_never_splits_a_character() -> None:
    line = "DESCRIPTION:" + "ä€" * 60
    folded = ics.fold(line)
    for part in folded.split(b"\r\n")[:-1]:
        assert len(part) <= 75
        part.decode("utf-8")
    assert folded.replace(b"\r\n ", b"").decode() == line + "\r\n"


def test_escape_follows_rfc_5545() -> None:
    assert ics.escape("a,b;c\\d\r\ne\x07") == "a\\,b\\;c\\\\d\\ne"


def test_attack_corpus_is_used() -> None:
    assert len(ATTACKS) > 20
