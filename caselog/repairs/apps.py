from django.apps import AppConfig


class RepairsConfig(AppConfig):
    name = "caselog.repairs"
    label = "repairs"

    def ready(self) -> None:
        from caselog.core.panels import panel_register
        from caselog.repairs.events import repair_event_kinds_register
        from caselog.repairs.selectors import repair_panel_context

        repair_event_kinds_register()
        panel_register(
            key="repairs", template="repairs/panel.html", context=repair_panel_context, position=60, max_queries=8
        )
