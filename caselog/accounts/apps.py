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
        _route_admin_sign_in()
        _register_console_panel()


def _register_console_panel() -> None:
    """Account security beside a case in the console (the console renders it; accounts never
    imports the console or cases)."""
    from caselog.accounts.selectors import account_panel_context
    from caselog.core.panels import panel_register

    panel_register(
        key="account",
        template="accounts/panel_account.html",
        context=account_panel_context,
        position=40,
        max_queries=8,
    )


def _route_admin_sign_in() -> None:
    """The admin signs in through our sign-in view, so that its password form cannot be used to
    get around the lockout and the throttle."""
    from django.contrib import admin
    from django.contrib.auth.views import redirect_to_login
    from django.http import HttpRequest, HttpResponse
    from django.urls import reverse

    def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        target = request.GET.get("next") or reverse("admin:index")
        return redirect_to_login(target, login_url=reverse("accounts:login"))

    admin.site.login = admin_login  # type: ignore[method-assign]
