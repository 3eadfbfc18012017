from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "caselog.community"
    label = "community"
