from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from caselog.knowledge.rendering import markdown_render

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Post Markdown as sanitised HTML (the knowledge base's renderer: no raw HTML, no scripts)."""
    return markdown_render(text)
