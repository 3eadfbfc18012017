from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "caselog.community"
    label = "community"

    def ready(self) -> None:
        from caselog.community import panels  # noqa: F401  (registers the console's community panel)
