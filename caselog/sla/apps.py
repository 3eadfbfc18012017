from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "caselog.sla"
    label = "sla"
    verbose_name = "SLA"

    def ready(self) -> None:
        # Calendar and policy changes are announced; the clocks on cases (caselog.cases.clocks)
        # follow them and show themselves in the console's "Service level" panel.
        from caselog.sla.events import sla_event_kinds_register

        sla_event_kinds_register()
