from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "caselog.core"
    label = "core"
