from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "caselog.devices"
    label = "devices"

    def ready(self) -> None:
        from caselog.core.panels import panel_register
        from caselog.devices import signals  # noqa: F401  (the phone index)
        from caselog.devices.panels import device_panel_context

        panel_register(
            key="devices", template="devices/panel.html", context=device_panel_context, position=20, max_queries=8
        )
