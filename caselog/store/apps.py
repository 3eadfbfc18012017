from django.apps import AppConfig
from django.db.models.signals import post_save


class StoreConfig(AppConfig):
    name = "caselog.store"
    label = "store"

    def ready(self) -> None:
        from caselog.cases.models import Case, Message
        from caselog.cases.panels import panel_register
        from caselog.store import signals
        from caselog.store.events import refund_event_kinds_register
        from caselog.store.selectors import account_panel_context, store_panel_context

        refund_event_kinds_register()
        post_save.connect(signals.case_saved, sender=Case, dispatch_uid="caselog.store.case_saved")
        post_save.connect(signals.message_saved, sender=Message, dispatch_uid="caselog.store.message_saved")
        # The account panel lives here too: accounts is a lower app and must not import cases.
        panel_register(key="account", template="store/panel_account.html", context=account_panel_context, position=40)
        panel_register(key="store", template="store/panel_store.html", context=store_panel_context, position=50)
