from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _sync_roles(**kwargs: Any) -> None:
    from django.contrib.auth.management import create_permissions

    from caselog.accounts.roles import roles_sync

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=kwargs.get("using", "default"))
    roles_sync()


class AccountsConfig(AppConfig):
    name = "caselog.accounts"
    label = "accounts"

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="caselog.accounts.sync_roles")
