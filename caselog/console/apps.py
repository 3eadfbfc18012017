from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "caselog.console"
    label = "console"
