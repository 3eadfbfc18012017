from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "caselog.devices"
    label = "devices"

    def ready(self) -> None:
        from caselog.devices import panels, signals  # noqa: F401  (registers the console panel and the phone index)
