from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "caselog.search"
    label = "search"
