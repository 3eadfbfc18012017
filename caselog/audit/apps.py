from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "caselog.audit"
    label = "audit"
