from django.apps import AppConfig
from django.db.models.signals import post_save


class StoreConfig(AppConfig):
    name = "caselog.store"
    label = "store"

    def ready(self) -> None:
        from caselog.cases.models import Case, Message
        from caselog.core.panels import panel_register
        from caselog.store import signals
        from caselog.store.events import refund_event_kinds_register
        from caselog.store.selectors import store_panel_context

        refund_event_kinds_register()
        post_save.connect(signals.case_saved, sender=Case, dispatch_uid="caselog.store.case_saved")
        post_save.connect(signals.message_saved, sender=Message, dispatch_uid="caselog.store.message_saved")
        panel_register(
            key="store", template="store/panel_store.html", context=store_panel_context, position=50, max_queries=8
        )
