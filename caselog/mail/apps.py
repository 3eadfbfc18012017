from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "caselog.mail"
    label = "mail"

    def ready(self) -> None:
        from caselog.core.panels import panel_register
        from caselog.mail.panels import mail_panel_context

        panel_register(key="mail", template="mail/panel.html", context=mail_panel_context, position=40, max_queries=3)
