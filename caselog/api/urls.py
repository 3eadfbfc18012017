"""Mounted at the root by one include: the API under /api/v1/ (URL namespace "api", which ninja
reverses itself, so this module has no app_name), the token page (namespace "api_tokens"), webhooks
(namespace "api_webhooks") and the console's screen pop (namespace "screen_pop")."""

from django.urls import URLPattern, URLResolver, include, path, re_path

from caselog.api.api import api
from caselog.api.errors import json_method_not_allowed, reject_nul_characters
from caselog.api.views import (
    not_found,
    screen_pop,
    screen_pop_dismiss,
    token_list,
    token_revoke,
    webhook_delete,
    webhook_detail,
    webhook_list,
    webhook_redeliver,
    webhook_toggle,
)

_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    if isinstance(_pattern, URLPattern):
        _pattern.callback = reject_nul_characters(json_method_not_allowed(_pattern.callback))

token_patterns: list[URLPattern] = [
    path("", token_list, name="list"),
    path("<int:pk>/revoke/", token_revoke, name="revoke"),
]

webhook_patterns: list[URLPattern] = [
    path("", webhook_list, name="list"),
    path("<int:pk>/", webhook_detail, name="detail"),
    path("<int:pk>/toggle/", webhook_toggle, name="toggle"),
    path("<int:pk>/delete/", webhook_delete, name="delete"),
    path("deliveries/<int:pk>/redeliver/", webhook_redeliver, name="redeliver"),
]

screen_pop_patterns: list[URLPattern] = [
    path("", screen_pop, name="poll"),
    path("<int:pk>/dismiss/", screen_pop_dismiss, name="dismiss"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("console/screen-pop/", include((screen_pop_patterns, "screen_pop"))),
    path("console/api-tokens/", include((token_patterns, "api_tokens"))),
    path("console/webhooks/", include((webhook_patterns, "api_webhooks"))),
    path("api/v1/", (_patterns, _app_name, _namespace)),
    re_path(r"^api/v1/.*$", not_found),
]
