from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "caselog.cases"
    label = "cases"

    def ready(self) -> None:
        from caselog.cases.tasks import clocks_subscribe

        clocks_subscribe()
