from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "caselog.workforce"
    label = "workforce"
