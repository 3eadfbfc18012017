from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

DEMO_PASSWORD = "Demo-Pass-2024"
SIGN_INS = [
    ("manager@example.com", "manager: every department, audit trail, knowledge base, workforce"),
    ("agent-ru@example.com", "agent, Russian-language department (Moscow)"),
    ("agent-de@example.com", "agent, German-language department (Berlin)"),
    ("agent-en@example.com", "agent, English-language department (Cork)"),
    ("editor@example.com", "knowledge-base editor"),
    ("tech@example.com", "technician"),
    ("partner@example.com", "partner agent (MegaFon Retail)"),
    ("anna@example.com", "customer (Russian)"),
    ("lukas@example.com", "customer (German)"),
    ("emma@example.com", "customer (English)"),
    ("ivan@example.com", "customer (Russian) with suspicious purchases"),
]


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent) and print the demo sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        # Each app contributes its own seed; the order in settings.DEMO_SEEDS respects
        # their dependencies (catalogue and organisation first, then what builds on them).
        for path in settings.DEMO_SEEDS:
            result = import_string(path)()
            summary = len(result) if isinstance(result, (list, set, tuple)) else result
            self.stdout.write(f"  {path.rsplit('.', 1)[-1]}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, what in SIGN_INS:
            self.stdout.write(f"  {email:<24} {what}")
        self.stdout.write(f"\nOpen {settings.SITE_URL}/\n")
