"""Mounted at the root by one include: the API under /api/v1/ (URL namespace "api", which ninja
reverses itself, so this module has no app_name). The token, webhook and screen-pop pages are the
console's (caselog.console.urls)."""

from django.urls import URLPattern, URLResolver, path, re_path

from caselog.api.api import api
from caselog.api.errors import json_method_not_allowed, reject_nul_characters
from caselog.api.views import not_found

_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    if isinstance(_pattern, URLPattern):
        _pattern.callback = reject_nul_characters(json_method_not_allowed(_pattern.callback))

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", (_patterns, _app_name, _namespace)),
    re_path(r"^api/v1/.*$", not_found),
]
