from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data `make run` seeds (`manage.py seed_demo`); product code never imports it."""

    name = "caselog.demo"
    label = "demo"
