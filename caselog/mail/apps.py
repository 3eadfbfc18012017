from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "caselog.mail"
    label = "mail"

    def ready(self) -> None:
        from caselog.mail import panels  # noqa: F401  (registers the console's email panel)
