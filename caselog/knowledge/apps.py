from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "caselog.knowledge"
    label = "knowledge"
