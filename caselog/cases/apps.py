from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "caselog.cases"
    label = "cases"

    def ready(self) -> None:
        from caselog.cases.events import case_event_kinds_register

        case_event_kinds_register()
