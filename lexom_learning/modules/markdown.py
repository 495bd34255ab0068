"""Render unit Markdown to safe HTML: markdown-it-py (CommonMark + tables), then nh3."""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

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


def render_markdown(text: str) -> str:
    """Return sanitised HTML for a Markdown text (raw HTML is escaped, then cleaned)."""
    return nh3.clean(_parser().render(text), tags=_ALLOWED_TAGS, link_rel="noopener noreferrer")


def word_count(text: str) -> int:
    """Count the words of a Markdown text, ignoring table rules and markup characters."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))
