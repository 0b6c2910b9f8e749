"""The HTML document: no script survives, accessible structure, pictures with text alternatives."""

from __future__ import annotations

import re
from datetime import date

import pytest

from roadmap.io import html, svg
from roadmap.io.export import render
from roadmap.io.mdsafe import safe_url

from .checks import html_problems, strip_front_matter
from .plans import attack_plan, rich_plan, simple_roadmap

DAY = date(2027, 1, 4)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("make", [rich_plan, attack_plan], ids=["rich", "attack"])
def test_html_is_safe_and_accessible(make, lang: str) -> None:
    doc = make()
    text = render("html", doc, simple_roadmap(doc), lang, generated=DAY).decode()
    assert html_problems(text, lang) == []
    assert text.count("<svg") == 2


def test_checks_catch_what_they_look_for() -> None:
    bad = (
        '<html lang="en"><body><h1>a</h1><h3>b</h3><h1>c</h1><script>x</script>'
        '<a href="javascript:alert(1)" onclick="x">y</a><table><tr><th>h</th></tr></table>'
        "<svg><title>t</title></svg></body></html>"
    )
    found = html_problems(bad, "fi")
    for fragment in (
        "<script>",
        "onclick",
        "javascript:",
        "skips from h1 to h3",
        "one h1",
        "without scope",
        "role=img",
        "<title> and <desc>",
        "html lang",
    ):
        assert any(fragment in p for p in found), fragment


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_text_contrast_is_at_least_aa() -> None:
    pairs = [(svg.INK, fill) for fill in svg.FILLS] + [(svg.MUTED, fill) for fill in svg.FILLS]
    css = {"ink": "#1b1b1b", "muted": "#4a4a4a", "link": "#0b4f9c"}
    pairs += [(c, bg) for c in css.values() for bg in ("#ffffff", "#e8eef5", "#f6f8fa")]
    assert min(contrast(a, b) for a, b in pairs) >= 4.5
    assert contrast("#777777", "#ffffff") < 4.5


def test_css_colours_are_the_ones_checked() -> None:
    from roadmap.io.html import CSS

    for colour in ("#1b1b1b", "#4a4a4a", "#0b4f9c", "#e8eef5", "#f6f8fa"):
        assert colour in CSS


def _markdown_it_html(markdown: str) -> str:
    """What markdown-it-py makes of a Markdown export, with each diagram as ``<figure/>``."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.anchors import anchors_plugin

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    anchors_plugin(md, min_level=1, max_level=3)
    md.validateLink = lambda url: safe_url(url) or url.startswith("#")
    fence = md.renderer.rules["fence"]

    def diagram(renderer, tokens, idx, options, env):
        if tokens[idx].info == "mermaid":
            return "<figure/>\n"
        return fence(tokens, idx, options, env)

    md.add_render_rule("fence", diagram)
    tokens = md.parse(strip_front_matter(markdown)[1])
    for token in tokens:
        if token.type == "th_open":
            token.attrSet("scope", "col")
    return md.renderer.render(tokens, md.options, {})


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("make", [rich_plan, attack_plan], ids=["rich", "attack"])
def test_html_says_what_the_markdown_says(make, lang: str) -> None:
    """The HTML writer makes the elements markdown-it makes of the Markdown file."""
    doc = make()
    roadmap = simple_roadmap(doc)
    page = render("html", doc, roadmap, lang, generated=DAY).decode()
    main = page.split("<main>\n", 1)[1].split("</main>", 1)[0]
    main = re.sub(r'<nav class="toc".*?</nav>\n', "", main, flags=re.S)
    main = re.sub(r'<figure class="picture">.*?</figure>\n', "<figure/>\n", main, flags=re.S)
    markdown = render("md", doc, roadmap, lang, generated=DAY).decode()
    assert main.count("<figure/>") == 2 and main.count("<h3") > len(doc.items)
    assert main == _markdown_it_html(markdown)


@pytest.mark.parametrize(
    "text",
    ["plain words", "", " lead", "trail ", "two  spaces", "a\tb", "nb\xa0sp", "line\u2028sep",
     "ideo\u3000space", "x\x85y", "ctl\x1cx", "del\x7fx", "a & b", "<b>", 'say "hi"', "it's",
     "†é\u200b\ufeff"],
)  # fmt: skip
def test_html_inline_shortcut_gives_what_the_full_escape_gives(text: str) -> None:
    full = " ".join(text.translate(html._TEXT).split())
    assert html.Html().inline(text) == full
