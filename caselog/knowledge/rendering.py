"""Markdown to safe HTML: markdown-it renders (raw HTML off), nh3 sanitises what comes out."""

from __future__ import annotations

import html as html_lib
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

_ALLOWED_TAGS = {
    "a", "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "img", "s", "del", "kbd",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .enable("strikethrough")
)


def markdown_render(text: str) -> SafeString:
    """Render article Markdown to HTML that is safe to show: no scripts, no event handlers, no raw HTML."""
    html = _markdown.render(text)
    # An article's own title is the page's h1, so headings inside start at h2.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308  (sanitised by nh3 just above)


def markdown_problems(text: str) -> list[str]:
    """What in this Markdown would render differently from what the writer meant."""
    problems: list[str] = []
    open_fence: tuple[str, int] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _FENCE.match(line)
        if not match:
            continue
        marker = match.group(1)
        if open_fence is None:
            open_fence = (marker, number)
        elif marker[0] == open_fence[0][0] and len(marker) >= len(open_fence[0]) and not line.strip()[len(marker) :]:
            open_fence = None
    if open_fence is not None:
        problems.append(
            _("line %(line)s: the code block opened with %(marker)s is never closed")
            % {"line": open_fence[1], "marker": open_fence[0]}
        )
    return problems


def markdown_plain_text(text: str) -> str:
    """The text without markup, for the search index and snippets."""
    html = _markdown.render(text)
    plain = nh3.clean(html, tags=set())
    return re.sub(r"\n{3,}", "\n\n", html_lib.unescape(plain)).strip()
