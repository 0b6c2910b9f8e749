"""The stakeholder document as one self-contained, accessible HTML file.

The Markdown from :mod:`roadmap.io.document` is rendered with markdown-it-py (CommonMark with
raw HTML off, plus tables), heading ids come from the anchors plugin, and a table of contents
is built from the level-2 headings. Each Mermaid diagram is shown as an SVG picture drawn by
:mod:`roadmap.io.svg`, with its Mermaid source folded away below it. Links are allowed only to
web and mail addresses and in-page anchors. Table header cells get ``scope``. The style sheet
is embedded and prints on A4. The garbage collector is paused while rendering: the render
makes many small objects and no cycles, and a 10,000-item document renders twice as fast.
"""

from __future__ import annotations

import gc
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from roadmap import __version__
from roadmap.io import doc_diagrams, svg
from roadmap.io.document import Document
from roadmap.io.mdsafe import safe_url

CSS = (Path(__file__).with_name("document.css")).read_text(encoding="utf-8")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    anchors_plugin(md, min_level=1, max_level=3)
    md.validateLink = lambda url: safe_url(url) or url.startswith("#")
    return md


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :]
    return text


class _Pictures:
    """Turns the document's marked Mermaid blocks into SVG figures."""

    def __init__(self, document: Document, table_id: str | None) -> None:
        self.f, self.table_id = document.facts, table_id

    def figure(self, code: str) -> str | None:
        first = code.split("\n", 1)[0]
        if not first.startswith(doc_diagrams.MARKER):
            return None
        f, _ = self.f, self.f.lang._
        kind = first[len(doc_diagrams.MARKER) :].strip()
        if kind == doc_diagrams.TIMELINE:
            keys = doc_diagrams.timeline_items(f)
            items = f.lang.ngettext("{n} development item", "{n} development items", len(keys))
            periods = max((f.roadmap.placements[k].end + 1 for k in keys), default=0)
            desc = _(
                "Timeline of the roadmap, one lane per theme: {items}, {periods}. Items on the "
                "critical path have a thick outline and diagonal hatching; milestones are "
                "diamonds. The same facts are in the tables of the section {section}.",
                items=items,
                periods=f.lang.ngettext("{n} period", "{n} periods", periods),
                section=_("Roadmap by period"),
            )
            picture = svg.timeline(f, keys, _("Roadmap timeline"), desc)
        elif kind == doc_diagrams.GRAPH:
            keys = doc_diagrams.graph_items(f)
            items = f.lang.ngettext("{n} development item", "{n} development items", len(keys))
            desc = _(
                "Dependency graph of {items}. Columns run from items that wait for nothing to "
                "items that wait for others; an arrow points to the item that waits, a dashed "
                "arrow marks a preferred order. Items on the critical path have a thick outline "
                "and hatching. The dependencies of every item are listed in the appendix.",
                items=items,
            )
            picture = svg.graph(f, keys, _("Dependency graph"), desc)
        else:
            return None
        link = ""
        if self.table_id and kind == doc_diagrams.TIMELINE:
            link = (
                f' <a href="#{escape(self.table_id)}">'
                f"{escape(_('The same as tables: {section}', section=_('Roadmap by period')))}</a>"
            )
        return (
            f'<figure class="picture"><div class="scroll">{picture}</div>'
            f"<figcaption>{escape(desc)}{link}</figcaption>"
            f"<details><summary>{escape(_('Diagram source (Mermaid)'))}</summary>"
            f"<pre><code>{escape(code)}</code></pre></details></figure>\n"
        )


def render(document: Document) -> str:
    """The complete HTML file of ``document``."""
    md = _parser()
    f, _ = document.facts, document.facts.lang._
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        env: dict = {}
        tokens = md.parse(_strip_front_matter(document.markdown), env)
        toc, table_id = [], None
        for i, token in enumerate(tokens):
            if token.type == "th_open":
                token.attrSet("scope", "col")
            elif token.type == "heading_open" and token.tag == "h2":
                text = tokens[i + 1].content
                toc.append((str(token.attrGet("id")), tokens[i + 1].children))
                if text == _("Roadmap by period"):
                    table_id = str(token.attrGet("id"))
        pictures = _Pictures(document, table_id)
        default_fence = md.renderer.rules["fence"]

        def fence(renderer, tokens, idx, options, env):
            token = tokens[idx]
            if token.info.strip() == "mermaid":
                found = pictures.figure(token.content)
                if found:
                    return found
            return default_fence(tokens, idx, options, env)

        md.add_render_rule("fence", fence)
        first_h2 = next(
            (i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"),
            len(tokens),
        )
        head = md.renderer.render(tokens[:first_h2], md.options, env)
        rest = md.renderer.render(tokens[first_h2:], md.options, env)
        nav = _toc(md, toc, _("Contents"), env)
    finally:
        if was_enabled:
            gc.enable()
    title = escape(document.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{f.lang.code}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="roadmap {__version__}">\n'
        f"<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{head}{nav}{rest}</main>\n</body>\n</html>\n"
    )


def _toc(md: MarkdownIt, entries: list, heading: str, env: dict) -> str:
    if not entries:
        return ""
    lines = [
        '<nav class="toc" aria-labelledby="toc:">',
        f'<h2 id="toc:">{escape(heading)}</h2>',
        "<ol>",
    ]
    for anchor, children in entries:
        text = md.renderer.renderInline(children or [], md.options, env)
        lines.append(f'<li><a href="#{escape(anchor)}">{text}</a></li>')
    lines += ["</ol>", "</nav>\n"]
    return "\n".join(lines)
