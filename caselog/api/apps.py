from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "caselog.api"
    label = "api"

    def ready(self) -> None:
        from caselog.api.tasks import webhooks_on_event
        from caselog.core.events import ANY, event_subscribe

        event_subscribe(ANY, webhooks_on_event)
