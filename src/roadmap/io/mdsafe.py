"""Escaping of user text for Markdown documents and the Mermaid diagrams inside them.

Titles, names and descriptions come from people typing in workshops. :func:`inline` makes a
text safe wherever one line of Markdown is expected (running text, headings, list items,
table cells): it cannot open a table column, a list, a heading, a quote, a code span, a link
or raw HTML. :func:`block` keeps a description's Markdown meaning (paragraphs, lists,
emphasis, code, links) by parsing it and writing it out again with the same escaping, so
raw HTML, unsafe links and stray headings do not survive; line breaks the person typed stay
line breaks, and Markdown tables stay tables. Its bullet lists are marked with
``*`` (``+`` right after another), never with the ``-`` of the document's own lists, and an
ordered list right after another uses ``)``: adjacent lists with the same marker would merge
into one. :func:`mermaid_label` encodes a text so that it cannot end a Mermaid label or start
a statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

_INLINE = str.maketrans(
    {
        **{c: "\\" + c for c in "\\`*_[]|#~"},
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        **{chr(c): " " for c in (*range(32), 127) if chr(c) != " "},
    }
)
_LEAD = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")
_PLAIN = re.compile(r"[^\\`*_\[\]|#~<>&!\x00-\x1f\x7f]*")
_WORD = r"[^\\`*_\[\]|#~<>&\s\x00-\x1f\x7f]+"
_SAFE_LINE = re.compile(rf"(?![-+=]|\d{{1,9}}[.)]){_WORD}(?: {_WORD})*")
"""Text that :func:`inline` would return unchanged: the common case, checked in one step."""
SAFE_SCHEMES = ("http:", "https:", "mailto:")
_URL_ESCAPES = str.maketrans({"(": "%28", ")": "%29", " ": "%20", "<": "%3C", ">": "%3E"})


def _lead(line: str) -> str:
    """Escape what would make ``line`` start a list, a heading underline or a break."""
    if m := _LEAD.match(line):
        cut = m.end()
        if line[cut - 1].isdigit():
            return line[:cut] + "\\" + line[cut:]
        return "\\" + line
    return line


def inline(text: str) -> str:
    """``text`` as one line of literal Markdown text, safe in a table cell."""
    if _SAFE_LINE.fullmatch(text):
        return text
    return _lead(" ".join(text.translate(_INLINE).split()))


def safe_url(url: str) -> bool:
    """Whether ``url`` may become a link: web and mail addresses only."""
    return url.strip().lower().startswith(SAFE_SCHEMES)


@cache
def parser() -> MarkdownIt:
    """CommonMark with tables and without raw HTML, made on first use: most texts never need
    parsing."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def is_plain(text: str) -> bool:
    """Whether ``text`` is one line without Markdown syntax, written as :func:`inline` is."""
    return "\n" not in text and _PLAIN.fullmatch(text) is not None


def block(text: str, heading_base: int | None = None) -> str:
    """User Markdown re-written safely; empty when ``text`` holds nothing.

    Headings inside the text become bold paragraphs, or, with ``heading_base`` (the level of
    the heading the text sits under), headings placed below it that never skip a level.
    A text without ``heading_base`` is a description, often typed into a spreadsheet cell: its
    line breaks stay line breaks. A narrative section (with ``heading_base``) is Markdown prose,
    whose single line breaks only wrap it.
    """
    if is_plain(text):
        return inline(text)
    from markdown_it.tree import SyntaxTreeNode

    root = SyntaxTreeNode(parser().parse(text))
    levels = [n.tag for n in root.walk() if n.type == "heading"]
    top = min((int(tag[1]) for tag in levels), default=1)
    writer = _Writer(heading_base, top, breaks=heading_base is None)
    return "\n\n".join(writer.block(node) for node in root.children).strip()


class _Writer:
    """Writes a parsed Markdown tree back as safe Markdown."""

    def __init__(self, heading_base: int | None, top: int, *, breaks: bool) -> None:
        self.base, self.top, self.breaks = heading_base, top, breaks
        self.last = heading_base or 0

    def block(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "paragraph":
            return self.para(node)
        if kind == "heading":
            return self.heading(node)
        if kind in ("bullet_list", "ordered_list"):
            return self.listing(node)
        if kind == "blockquote":
            inner = "\n\n".join(self.block(child) for child in node.children)
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        if kind in ("code_block", "fence"):
            return _fence(node.content)
        if kind == "hr":
            return "***"
        if kind == "table":
            return self.table(node)
        return self.para(node)

    def table(self, node: SyntaxTreeNode) -> str:
        rows = [
            [" ".join(self.para(cell).replace("\\\n", " ").split()) for cell in row.children]
            for part in node.children
            for row in part.children
        ]
        return table(rows[0], rows[1:])

    def para(self, node: SyntaxTreeNode) -> str:
        text = "".join(self.inline(child) for child in _inline_children(node))
        return "\n".join(_lead(line.strip()) for line in text.split("\n"))

    def heading(self, node: SyntaxTreeNode) -> str:
        text = self.para(node)
        if self.base is None:
            return f"**{text}**" if text else ""
        level = min(self.base + 1 + int(node.tag[1]) - self.top, self.last + 1)
        if level > 6:
            return f"**{text}**" if text else ""
        self.last = level
        return f"{'#' * level} {text}"

    def listing(self, node: SyntaxTreeNode) -> str:
        ordered = node.type == "ordered_list"
        start = int(node.attrs.get("start", 1)) if ordered else 1
        after, previous = 0, node.previous_sibling
        while previous is not None and previous.type == node.type:
            after, previous = after + 1, previous.previous_sibling
        bullet, delimiter = ("+", ")") if after % 2 else ("*", ".")
        out = []
        for i, item in enumerate(node.children):
            marker = f"{start + i}{delimiter}" if ordered else bullet
            body = "\n\n".join(self.block(child) for child in item.children) or ""
            pad = " " * (len(marker) + 1)
            lines = body.split("\n")
            out.append(
                "\n".join(
                    [f"{marker} {lines[0]}".rstrip()]
                    + [pad + line if line else "" for line in lines[1:]]
                )
            )
        return "\n".join(out)

    def inline(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "text":
            return node.content.translate(_INLINE)
        if kind == "softbreak":
            return "\\\n" if self.breaks else " "
        if kind == "hardbreak":
            return "\\\n"
        if kind == "code_inline":
            return _code_span(node.content)
        inner = "".join(self.inline(child) for child in node.children)
        if kind == "em":
            return f"*{inner}*"
        if kind == "strong":
            return f"**{inner}**"
        if kind in ("link", "image"):
            href = str(node.attrs.get("href") or node.attrs.get("src") or "")
            if kind == "image":
                inner = str(node.attrs.get("alt") or "").translate(_INLINE) or inner
            if safe_url(href) and inner.strip():
                return f"[{inner}]({href.translate(_URL_ESCAPES)})"
            return inner
        return inner


def _inline_children(node: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    return [
        c
        for child in node.children
        for c in (child.children if child.type == "inline" else [child])
    ]


def _fence(code: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}\n{code.rstrip(chr(10))}\n{ticks}"


def _code_span(code: str) -> str:
    code = " ".join(code.split("\n"))
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if code.startswith(("`", " ")) or code.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{code}{pad}{ticks}"


_MERMAID = str.maketrans(
    {
        '"': "#quot;",
        **{c: f"#{ord(c)};" for c in "#;:<>&%[]{}()|`\\="},
        **{chr(c): " " for c in (*range(32), 127)},
    }
)
_MERMAID_WORDS = re.compile(
    r"^(click|call|href|section|title|dateformat|axisformat|tickinterval|excludes|includes|"
    r"todaymarker|weekday|inclusiveenddates|topaxis|acctitle|accdescr|style|classdef|class|"
    r"linkstyle|subgraph|end|graph|flowchart|gantt)\b",
    re.IGNORECASE,
)


def mermaid_label(text: str) -> str:
    """``text`` for a Mermaid label: entity-encoded, one line, never a statement keyword."""
    label = " ".join(text.translate(_MERMAID).split())
    if _MERMAID_WORDS.match(label):
        label = f"#{ord(label[0])};{label[1:]}"
    return label or "-"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table of cells that are already escaped with :func:`inline`."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join([cell or " " for cell in row]) + " |" for row in rows]
    return "\n".join(lines)
