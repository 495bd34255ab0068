"""Render unit Markdown to safe HTML: markdown-it-py (CommonMark + tables), then nh3.

French typography (``lexom_learning.typography``) is applied to the text tokens, never to code.
A fenced ```chart block (``modules/chart.py``) becomes an inline SVG figure: it is drawn by us
from checked data (every text escaped), so it is put in after nh3, in place of a marker that
nh3 keeps; an invalid block stays a code block.
"""

import re
import secrets
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

from ..typography import french
from .chart import ChartError, chart_html

_ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def _typeset(tokens, typeset: bool = True) -> None:
    if not typeset:
        return
    for token in tokens:
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "text":
                    child.content = french(child.content)


def _charts(tokens) -> dict[str, str]:
    """Replace every valid chart fence by a marker paragraph; return marker → figure."""
    figures = {}
    for token in tokens:
        if token.type != "fence" or token.info.strip() != "chart":
            continue
        try:
            figure = chart_html(token.content)
        except ChartError:
            continue
        marker = f"lexom-chart-{secrets.token_hex(8)}"
        figures[f"<p>{marker}</p>"] = figure
        token.type, token.content = "html_block", f"<p>{marker}</p>\n"
    return figures


def render_markdown(text: str, typeset: bool = True) -> str:
    """Return sanitised HTML for a Markdown text (raw HTML is escaped, then cleaned)."""
    parser = _parser()
    tokens = parser.parse(text)
    _typeset(tokens, typeset)
    figures = _charts(tokens)
    html = parser.renderer.render(tokens, parser.options, {})
    html = nh3.clean(html, tags=_ALLOWED_TAGS, link_rel="noopener noreferrer")
    for marker, figure in figures.items():
        html = html.replace(marker, figure, 1)
    return html


def render_inline(text: str, typeset: bool = True) -> str:
    """Return sanitised HTML for one line of Markdown (emphasis, code; no paragraph)."""
    parser = _parser()
    tokens = parser.parseInline(text)
    _typeset(tokens, typeset)
    html = parser.renderer.render(tokens, parser.options, {})
    return nh3.clean(html, tags=_ALLOWED_TAGS, link_rel="noopener noreferrer")


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def split_prompt(prompt: str) -> tuple[str, str]:
    """Split a question prompt into its text and its dashboard: Markdown tables, chart blocks.

    The text lines come back joined by spaces, the table and chart lines as a Markdown block
    (``""`` without either), so that a page can show the text as the question's label and the
    dashboard beside it.
    """
    text, table, fenced = [], [], False
    for line in prompt.splitlines():
        if fenced or line.strip().startswith("```chart"):
            table.append(line)
            fenced = line.strip() != "```" if fenced else True
            continue
        (table if _TABLE_ROW.match(line) else text).append(line)
    if len(table) < 2:
        return " ".join(" ".join(prompt.splitlines()).split()), ""
    return " ".join(" ".join(text).split()), "\n".join(table)


def prompt_html(prompt: str, typeset: bool = True) -> tuple[str, str]:
    """Return a prompt's text as inline HTML and its tables as HTML (``""`` without one)."""
    text, table = split_prompt(prompt)
    return render_inline(text, typeset), (render_markdown(table, typeset) if table else "")


def word_count(text: str) -> int:
    """Count the words of a Markdown text, ignoring table rules and markup characters."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))
