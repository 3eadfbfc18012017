from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "caselog.cases"
    label = "cases"

    def ready(self) -> None:
        from caselog.cases.clocks import sla_panel_context
        from caselog.cases.events import case_event_kinds_register
        from caselog.cases.tasks import clocks_subscribe
        from caselog.core.panels import panel_register

        case_event_kinds_register()
        # The SLA clocks follow calendar and policy changes, and show in the console beside each case.
        clocks_subscribe()
        panel_register(
            key="sla", template="cases/panel_sla.html", context=sla_panel_context, position=10, max_queries=8
        )
