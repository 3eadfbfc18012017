from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "caselog.api"
    label = "api"

    def ready(self) -> None:
        from caselog.api.auth import token_authenticate
        from caselog.api.idempotency import idempotent
        from caselog.api.models import ApiScope
        from caselog.api.tasks import webhooks_on_event
        from caselog.core.events import ANY, event_subscribe
        from caselog.core.rest import rest_backend_register

        rest_backend_register(authenticate=token_authenticate, idempotent=idempotent, scopes=ApiScope.values)
        event_subscribe(ANY, webhooks_on_event)
