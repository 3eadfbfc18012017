from django.urls import URLPattern, URLResolver, path, re_path

from caselog.api.api import api
from caselog.api.errors import json_method_not_allowed
from caselog.api.views import not_found, token_list, token_revoke

_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    if isinstance(_pattern, URLPattern):
        _pattern.callback = json_method_not_allowed(_pattern.callback)

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("console/api-tokens/", token_list, name="tokens"),
    path("console/api-tokens/<int:pk>/revoke/", token_revoke, name="token_revoke"),
    path("api/v1/", (_patterns, _app_name, _namespace)),
    re_path(r"^api/v1/.*$", not_found),
]
