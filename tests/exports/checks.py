"""Structure and safety checks on exported files, shared by the export tests.

Each check returns a list of problems (empty when the file is sound), so that a failing test
shows every problem at once.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from roadmap.io.mdsafe import safe_url

_PIPE = re.compile(r"(?<!\\)\|")
_LABEL = r"(?:[^\"\n:;#<>%\[\]{}()|`\\=]|#(?:\d+|quot);)+"
_MERMAID_LINE = re.compile(
    "|".join(
        [
            r"%% roadmap-diagram: (?:timeline|dependencies)",
            r"gantt",
            r"flowchart LR",
            rf"    title {_LABEL}",
            r"    dateFormat YYYY-MM-DD",
            r"    axisFormat %Y-%m",
            rf"    section {_LABEL}",
            rf"    {_LABEL} :(?:crit, )?n\d+, \d{{4}}-\d\d-\d\d, \d{{4}}-\d\d-\d\d",
            rf"    {_LABEL} :milestone, m\d+, \d{{4}}-\d\d-\d\d, 0d",
            rf'    n\d+\["{_LABEL}"\]',
            r"    n\d+ (?:-->|-\.->) n\d+",
            r"    classDef critical stroke-width:4px,stroke-dasharray:6 3",
            r"    class n\d+(?:,n\d+)* critical",
        ]
    )
)
_KEYWORD_LABEL = re.compile(r"^    (?:section |title )?(click|call|href|style|class) (?!n\d)", re.I)


def strip_front_matter(text: str) -> tuple[str, str]:
    assert text.startswith("---\n"), "no front matter"
    end = text.index("\n---\n", 4)
    return text[4:end], text[end + 5 :]


def markdown_problems(text: str, allowed_headings: set[str], header_cells: set[str]) -> list[str]:
    """Tables, headings, raw HTML, links and Mermaid blocks of a Markdown export."""
    problems = []
    _, body = strip_front_matter(text)
    lines = body.split("\n")
    permissive = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = permissive.parse(body)
    for i, token in enumerate(tokens):
        if token.type in ("html_block", "html_inline"):
            problems.append(f"raw HTML: {token.content!r}")
        if token.type == "inline":
            problems += [
                f"raw HTML: {c.content!r}" for c in token.children or [] if c.type == "html_inline"
            ]
            problems += [
                f"unsafe link {c.attrGet('href')!r}"
                for c in token.children or []
                if c.type == "link_open" and not safe_url(str(c.attrGet("href")))
            ]
        if token.type == "table_open":
            start, end = token.map
            widths = {len(_PIPE.findall(line)) for line in lines[start:end]}
            if len(widths) != 1:
                problems.append(f"table at line {start + 1} has rows of different widths")
        if token.type == "th_open":
            cell = tokens[i + 1].content
            if cell not in header_cells:
                problems.append(f"unexpected table header {cell!r}")
        if token.type == "heading_open":
            text = "".join(c.content for c in tokens[i + 1].children or [])
            heading = " ".join(text.replace(" †", "").split())
            if heading not in allowed_headings:
                problems.append(f"unexpected heading {token.tag} {heading!r}")
        if token.type == "fence" and token.info == "mermaid":
            for line in token.content.rstrip("\n").split("\n"):
                if not _MERMAID_LINE.fullmatch(line) or _KEYWORD_LABEL.match(line):
                    problems.append(f"unsafe Mermaid line {line!r}")
    return problems


SAFE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "nav", "h1", "h2", "h3", "h4",
    "h5", "h6", "p", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "em",
    "strong", "code", "pre", "blockquote", "hr", "br", "figure", "figcaption", "details",
    "summary", "div", "svg", "desc", "defs", "pattern", "line", "marker", "path", "rect", "text",
}  # fmt: skip


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.headings: list[int] = []
        self.lang: str | None = None
        self.ids: set[str] = set()
        self.labelled: list[str] = []
        self.svg: list[set[str]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag not in SAFE_TAGS:
            self.problems.append(f"unexpected element <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event attribute {name} on <{tag}>")
            if name in ("href", "src", "xlink:href") and value:
                scheme = value.strip().lower()
                if not (scheme.startswith("#") or safe_url(scheme)):
                    self.problems.append(f"unsafe {name} {value!r}")
        if "id" in values:
            if values["id"] in self.ids:
                self.problems.append(f"duplicate id {values['id']!r}")
            self.ids.add(values["id"])
        if tag == "html":
            self.lang = values.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "th" and values.get("scope") not in ("col", "row"):
            self.problems.append("<th> without scope")
        if tag == "svg":
            if values.get("role") != "img":
                self.problems.append("<svg> without role=img")
            self.labelled += (values.get("aria-labelledby") or "").split()
            self.svg.append(set())
        elif self.svg and tag in ("title", "desc"):
            self.svg[-1].add(tag)


def html_problems(text: str, lang: str) -> list[str]:
    """Safety and WCAG checks of an HTML export."""
    parser = _Html()
    parser.feed(text)
    problems = list(parser.problems)
    if parser.lang != lang:
        problems.append(f"html lang is {parser.lang!r}, not {lang!r}")
    if parser.headings.count(1) != 1 or (parser.headings and parser.headings[0] != 1):
        problems.append(f"expected one h1 first, got levels {parser.headings[:5]}...")
    for before, after in zip(parser.headings, parser.headings[1:], strict=False):
        if after > before + 1:
            problems.append(f"heading level skips from h{before} to h{after}")
    problems += [
        f"aria-labelledby names unknown id {x!r}" for x in parser.labelled if x not in parser.ids
    ]
    problems += [
        "<svg> without <title> and <desc>" for found in parser.svg if found != {"title", "desc"}
    ]
    return problems
