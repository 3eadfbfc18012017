from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "caselog.sla"
    label = "sla"
    verbose_name = "SLA"

    def ready(self) -> None:
        from caselog.sla.events import sla_event_kinds_register

        sla_event_kinds_register()
        # The console shows each case's clocks in a panel; registering it here keeps the
        # cases app free of any knowledge of this one beyond its service hooks.
        from caselog.cases.panels import panel_register
        from caselog.sla.casework import sla_panel_context

        panel_register(key="sla", template="sla/panel.html", context=sla_panel_context, position=10)
