from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "caselog.cases"
    label = "cases"
