"""The stakeholder document as one self-contained, accessible HTML file.

The sections of :mod:`roadmap.io.document` are written by :class:`Html`, the HTML writer of
:mod:`roadmap.io.doc_writer`: the same blocks as in the Markdown file, as elements, without
parsing Markdown (a 10,000-item document would take seconds to parse). The elements are the
ones markdown-it-py makes of the Markdown file (CommonMark, raw HTML off, tables, GitHub-style
heading ids on levels 1 to 3), which the tests check. Only a user's Markdown text (a
description, a section body) is parsed, after :func:`roadmap.io.mdsafe.block` has rewritten
it safely; plain one-line texts are not. A table of contents lists the level-2 headings. Each
Mermaid diagram is shown as an SVG picture drawn by :mod:`roadmap.io.svg`, with its Mermaid
source folded away below it. Links are allowed only to web and mail addresses and in-page
anchors. Table header cells get ``scope``. The style sheet is embedded and prints on A4.

Heading ids are unique in document order, while sections are written in another order (the
opening last, as it may note fallbacks found in the sections): headings are written with a
numbered placeholder, resolved into ids when the page is put together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap import __version__
from roadmap.engine.baseline import Change
from roadmap.engine.result import Roadmap
from roadmap.i18n.lang import Lang
from roadmap.io import doc_diagrams, document, mdsafe, svg
from roadmap.io.docdata import Facts
from roadmap.model.inputs import PlanDoc

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

CSS = (Path(__file__).with_name("document.css")).read_text(encoding="utf-8")
ANCHORED = ("h1", "h2", "h3")
"""Heading levels that get an id."""
_TEXT = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        **{chr(c): " " for c in (*range(32), 127)},
    }
)
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")
_CELLS = "</td>\n<td>"
_PLAIN_LINE = re.compile(r'[^&<>"\s\x00-\x1f\x7f]+(?: [^&<>"\s\x00-\x1f\x7f]+)*')
"""Text that :meth:`Html.inline` would return unchanged: the common case, checked in one step."""
_NOT_SLUG = re.compile(r"[^\w\u4e00-\u9fff\- ]")


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    # markdown-it's documented way to choose the links it keeps; its stubs see a method
    md.validateLink = lambda url: mdsafe.safe_url(url) or url.startswith("#")  # type: ignore[method-assign]
    return md


def _slug(title: str) -> str:
    """A GitHub-style heading id: lower case, spaces as hyphens, punctuation dropped."""
    return _NOT_SLUG.sub("", title.lower().replace(" ", "-"))


class Html:
    """Writes the document's blocks as HTML elements; see :class:`roadmap.io.doc_writer.Writer`."""

    def __init__(self) -> None:
        self.titles: list[str] = []
        """The plain text of each heading with an id, by placeholder number."""
        self.toc: list[tuple[int, str]] = []
        """Placeholder number and content of each level-2 heading."""
        self.sections: dict[str, int] = {}
        """Placeholder number of each level-2 heading, by its plain text."""
        self.ids: dict[int, str] = {}
        """The id of each placeholder resolved so far."""

    def inline(self, text: str) -> str:
        if _PLAIN_LINE.fullmatch(text):
            return text
        return " ".join(text.translate(_TEXT).split())

    def anchor(self, title: str) -> str:
        """A placeholder for the id of a heading whose plain text is ``title``."""
        self.titles.append(title)
        return f"\x00{len(self.titles) - 1}\x00"

    def heading(self, level: int, text: str) -> str:
        tag = f"h{level}"
        if tag not in ANCHORED:
            return f"<{tag}>{text}</{tag}>\n"
        title = unescape(text)
        placeholder = self.anchor(title)
        if level == 2:
            number = len(self.titles) - 1
            self.toc.append((number, text))
            self.sections.setdefault(title, number)
        return f'<{tag} id="{placeholder}">{text}</{tag}>\n'

    def para(self, text: str) -> str:
        return f"<p>{text}</p>\n"

    def strong(self, text: str) -> str:
        return f"<strong>{text}</strong>"

    def bullets(self, lines: Iterable[str]) -> str:
        items = "".join([f"<li>{line}</li>\n" for line in lines])
        return f"<ul>\n{items}</ul>\n" if items else ""

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
        head = "".join([f'<th scope="col">{cell}</th>\n' for cell in headers])
        body = "".join(
            [
                f"<tr>\n<td>{_CELLS.join(row)}</td>\n</tr>\n" if row else "<tr>\n</tr>\n"
                for row in rows
            ]
        )
        body = f"<tbody>\n{body}</tbody>\n" if body else ""
        return f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n{body}</table>\n"

    def fields(self, pairs: Iterable[tuple[str, str]]) -> str:
        return self.bullets([f"<strong>{label}:</strong> {value}" for label, value in pairs])

    def body(self, text: str, heading_base: int | None) -> str:
        if mdsafe.is_plain(text):
            line = self.inline(text)
            return f"<p>{line}</p>\n" if line else ""
        md = _parser()
        tokens = md.parse(mdsafe.block(text, heading_base))
        for i, token in enumerate(tokens):
            if token.type == "heading_open" and token.tag in ANCHORED:
                words = tokens[i + 1].children or []
                title = "".join(c.content for c in words if c.type in ("text", "code_inline"))
                token.attrSet("id", self.anchor(title))
        return md.renderer.render(tokens, md.options, {})

    def diagram(self, f: Facts, kind: str, code: str) -> str:
        _ = f.lang._
        if kind == doc_diagrams.TIMELINE:
            keys = doc_diagrams.timeline_items(f)
            items = f.lang.ngettext("{n} development item", "{n} development items", len(keys))
            periods = max((f.roadmap.placements[k].end + 1 for k in keys), default=0)
            section = _("Roadmap by period")
            what = _(
                "Timeline of the roadmap, one lane per theme: {items}, {periods}. Items on the "
                "critical path have a thick outline and diagonal hatching; milestones are "
                "diamonds.",
                items=items,
                periods=f.lang.ngettext("{n} period", "{n} periods", periods),
            )
            where = _("The same facts are in the tables of the section {section}.", section=section)
            desc = f"{what} {where}"
            picture = svg.timeline(f, keys, _("Roadmap timeline"), desc)
            # The caption says where the tables are once: the sentence is the link to them.
            caption = f"{escape(what)} {escape(where)}"
            if section in self.sections:
                caption = (
                    f'{escape(what)} <a href="#\x00{self.sections[section]}\x00">'
                    f"{escape(where)}</a>"
                )
        else:
            keys = doc_diagrams.graph_items(f)
            items = f.lang.ngettext("{n} development item", "{n} development items", len(keys))
            desc = _(
                "Dependency graph of {items}. Items that wait for nothing are at the top, items "
                "that wait for others further down; an arrow points to the item that waits, a "
                "dashed arrow marks a preferred order. Items on the critical path have a thick "
                "outline and hatching. The dependencies of every item are listed in the appendix.",
                items=items,
            )
            picture = svg.graph(f, keys, _("Dependency graph"), desc)
            caption = escape(desc)
        summary = _("Diagram source (Mermaid)")
        return (
            f'<figure class="picture"><div class="scroll">{picture}</div>'
            f"<figcaption>{caption}</figcaption>"
            f"<details><summary>{escape(summary)}</summary>"
            f"<pre><code>{escape(code)}\n</code></pre></details></figure>\n"
        )

    def figure(self, picture: str, caption: str) -> str:
        if not caption:
            return picture
        return (
            f'<figure class="picture"><div class="scroll">{picture}</div>'
            f"<figcaption>{escape(caption)}</figcaption></figure>\n"
        )

    def join(self, blocks: Iterable[str]) -> str:
        return "".join(blocks)

    def resolve(self, text: str) -> str:
        """``text`` with heading ids in place of placeholders, unique in the order they come."""
        taken = set(self.ids.values())

        def place(match: re.Match[str]) -> str:
            number = int(match.group(1))
            found = self.ids.get(number)
            if found is None:
                base = found = _slug(self.titles[number])
                n = 0
                while found in taken:
                    n += 1
                    found = f"{base}-{n}"
                taken.add(found)
                self.ids[number] = found
            return escape(found)

        return _PLACEHOLDER.sub(place, text)

    def nav(self, heading: str) -> str:
        """The table of contents: a link to each level-2 heading."""
        if not self.toc:
            return ""
        lines = [
            '<nav class="toc" aria-labelledby="toc:">',
            f'<h2 id="toc:">{escape(heading)}</h2>',
            "<ol>",
        ]
        lines += [f'<li><a href="#{escape(self.ids[n])}">{text}</a></li>' for n, text in self.toc]
        lines += ["</ol>", "</nav>\n"]
        return "\n".join(lines)


def render(
    doc: PlanDoc,
    roadmap: Roadmap,
    lang: str,
    *,
    baseline: str | None = None,
    changes: Sequence[Change] = (),
    parts: document.Compose | None = None,
) -> str:
    """The complete HTML file of the document of ``doc`` sequenced as ``roadmap`` (or of the
    one ``parts`` composes)."""
    writer = Html()
    f = Facts(doc, roadmap, Lang(lang), writer)
    head, sections = (parts or document.compose)(f, baseline, changes)
    head, sections = writer.resolve(head), writer.resolve(sections)
    nav = writer.nav(f.lang._("Contents"))
    title = escape(f.text(doc.plan, "name"))
    return (
        f'<!DOCTYPE html>\n<html lang="{f.lang.code}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="roadmap {__version__}">\n'
        f"<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{head}{nav}{sections}</main>\n</body>\n</html>\n"
    )
