"""The blocks a stakeholder document is made of, and the writer that puts them in Markdown.

Every section of the document is built from a few kinds of block: headings, paragraphs,
bullet lists, tables, labelled fields, user text blocks and diagrams. The sections ask a
writer for each block, so the same code and the same wording make the Markdown file (with
:class:`Markdown`) and the HTML file (with :class:`roadmap.io.html.Html`, which writes the
elements directly: parsing a 10,000-item Markdown document again would take seconds). The
writer also escapes user text (``inline``) for its format. Block methods take text that is
already escaped or written by the same writer, and return one block, or ``""`` for none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from roadmap.io import mdsafe

if TYPE_CHECKING:
    from roadmap.io.docdata import Facts


class Writer(Protocol):
    def inline(self, text: str) -> str:
        """User text as one line of literal text in this format."""

    def body(self, text: str, heading_base: int | None) -> str:
        """A user's Markdown text, rewritten safely (see :func:`roadmap.io.mdsafe.block`)."""

    def heading(self, level: int, text: str) -> str: ...
    def para(self, text: str) -> str: ...
    def strong(self, text: str) -> str: ...
    def bullets(self, lines: Iterable[str]) -> str: ...
    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str: ...

    def fields(self, pairs: Iterable[tuple[str, str]]) -> str:
        """A bullet list of ``label: value``, the labels in bold."""

    def diagram(self, f: Facts, kind: str, code: str) -> str:
        """A diagram of ``kind`` whose Mermaid text is ``code``."""

    def figure(self, picture: str, caption: str) -> str:
        """An SVG ``picture`` whose facts a table beside it also holds (with its ``caption``,
        if any); formats that cannot show it leave it out."""

    def join(self, blocks: Iterable[str]) -> str:
        """Blocks one after another, empty ones left out."""


class Markdown:
    """Writes the document's blocks as CommonMark with tables."""

    inline: Callable[[str], str] = staticmethod(mdsafe.inline)
    body = staticmethod(mdsafe.block)

    def heading(self, level: int, text: str) -> str:
        return f"{'#' * level} {text}"

    def para(self, text: str) -> str:
        return text

    def strong(self, text: str) -> str:
        return f"**{text}**"

    def bullets(self, lines: Iterable[str]) -> str:
        return "\n".join([f"- {line}" for line in lines])

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
        return mdsafe.table(headers, rows)

    def fields(self, pairs: Iterable[tuple[str, str]]) -> str:
        return "\n".join([f"- **{label}:** {value}" for label, value in pairs])

    def diagram(self, f: Facts, kind: str, code: str) -> str:
        return f"```mermaid\n{code}\n```"

    def figure(self, picture: str, caption: str) -> str:
        return ""

    def join(self, blocks: Iterable[str]) -> str:
        return "\n\n".join([block for block in blocks if block])


class Text(Markdown):
    """Escapes user text for a file that is not a document (a spreadsheet, a calendar); the
    blocks of a document, which such a file does not have, it would write as Markdown."""

    def __init__(self, escape: Callable[[str], str]) -> None:
        self.inline = escape


MARKDOWN = Markdown()
