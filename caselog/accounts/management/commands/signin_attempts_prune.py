from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from caselog.accounts.services import sign_in_attempts_prune


class Command(BaseCommand):
    help = "Forget sign-in attempts and reset-email records older than SIGNIN_ATTEMPTS_KEPT (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{sign_in_attempts_prune()} sign-in attempts forgotten")
