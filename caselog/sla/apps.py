from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "caselog.sla"
    label = "sla"
    verbose_name = "SLA"
