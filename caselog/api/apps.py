from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "caselog.api"
    label = "api"
