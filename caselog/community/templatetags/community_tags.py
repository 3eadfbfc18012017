from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from caselog.knowledge.rendering import markdown_render

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Post Markdown as sanitised HTML (the knowledge base's renderer: no raw HTML, no scripts)."""
    return markdown_render(text)


@register.simple_tag(takes_context=True)
def page_query(context: dict[str, Any], param: str, number: int) -> str:
    """This page's query string with one paginator's page number changed (the others kept)."""
    query = context["request"].GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}"


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """mapping[key], or None (a template cannot index a dict by a variable)."""
    return mapping.get(key) if isinstance(mapping, dict) else None
