from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "caselog.store"
    label = "store"
