from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "caselog.community"
    label = "community"

    def ready(self) -> None:
        from caselog.community.panels import community_panel_context
        from caselog.core.panels import panel_register

        panel_register(
            key="community",
            template="community/panel.html",
            context=community_panel_context,
            position=70,
            max_queries=2,
        )
