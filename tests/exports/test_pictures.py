"""The demo plan's HTML document as a reader sees it: timeline labels inside the picture, a
caption that says things once, dependency arrows that can be followed, finished items unranked.
"""

from __future__ import annotations

import html
import re

import pytest

from roadmap.io import svg
from roadmap.io.export import render

from .test_golden import DAY, demo  # noqa: F401 (a fixture)


def _document(demo, lang: str) -> str:  # noqa: F811
    doc, roadmap = demo
    return render("html", doc, roadmap, lang, generated=DAY).decode()


def _figure(text: str, title: str) -> str:
    """The figure (its picture and caption) whose picture is titled ``title``."""
    return next(f for f in re.findall(r"<figure.*?</figure>", text, re.S) if title in f)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_timeline_labels_stay_inside_the_picture(demo, lang: str) -> None:  # noqa: F811
    titles = {"fi": "Tiekartan aikajana", "sv": "Färdplanens tidslinje", "en": "Roadmap timeline"}
    timeline = _figure(_document(demo, lang), titles[lang])
    for x, end, words in re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" [^>]*?( text-anchor="end")?>([^<]*)<', timeline
    ):
        width = len(html.unescape(words)) * svg.CHAR * 1.1
        if end:
            assert float(x) - width >= 0, words
        else:
            assert float(x) + width <= svg.WIDTH, words


def test_timeline_caption_says_where_the_tables_are_once(demo) -> None:  # noqa: F811
    text = _document(demo, "en")
    timeline = _figure(text, "Roadmap timeline")
    caption = re.search(r"<figcaption>(.*?)</figcaption>", timeline, re.S).group(1)
    assert caption.count("Roadmap by period") == 1
    assert "The same as tables" not in caption
    assert re.search(r'<a href="#roadmap-by-period">The same facts are in the tables', caption)


def test_every_dependency_is_an_arrow_to_the_next_row_or_named(demo) -> None:  # noqa: F811
    text = _document(demo, "en")
    graph = _figure(text, "Dependency graph")
    arrows = re.findall(r'<path d="M[\d.]+,[\d.]+ C[^"]*"[^>]*marker-end', graph)
    gutters = re.findall(r'<path d="[^"]*[LQ][^"]*"[^>]*marker-end', graph)
    assert arrows and not gutters  # one smooth curve per arrow, none along the gaps
    # A box's note may go on over a second line: read each box's muted lines as one text.
    muted = re.findall(r'fill="#4a4a4a">([^<]*)</text>', graph)
    notes = " ".join(line for line in muted if " · " not in line)
    named = sum(
        len(keys.split(", ")) for keys in re.findall(r"waits for ((?:CI-\d+(?:, )?)+)", notes)
    )
    doc, _roadmap = demo
    shown = set(re.findall(r"(CI-\d+) · ", graph))
    deps = sum(
        1
        for item in doc.items
        if item.key in shown
        for d in (*item.depends_on, *item.soft_depends_on)
        if d in shown
    )
    assert len(arrows) + named == deps


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_done_item_is_not_ranked(demo, lang: str) -> None:  # noqa: F811
    text = _document(demo, lang)
    heading = {"en": "Ranking", "fi": "Järjestys"}[lang]
    ranking = text[text.index(f">{heading}</h3>") :]
    ranking = ranking[: ranking.index("</table>")]
    row = re.search(
        r"<tr>\s*<td>([^<]*)</td>\s*<td>[^<]*\(CI-1\)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>",
        ranking,
    )
    assert row is not None
    done = {"en": "done", "fi": "valmis"}[lang]
    assert (row.group(1), row.group(2), row.group(3)) == ("–", "–", done)
    numbers = re.findall(r"<tr>\s*<td>(\d+)</td>", ranking)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
