from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from caselog.cases.demo import DEMO_PASSWORD, demo_seed

SIGN_INS = [
    ("manager@example.com", "manager: every department, audit trail, knowledge base"),
    ("agent-ru@example.com", "agent, Russian-language department (Moscow)"),
    ("agent-de@example.com", "agent, German-language department (Berlin)"),
    ("agent-en@example.com", "agent, English-language department (Cork)"),
    ("editor@example.com", "knowledge-base editor"),
    ("anna@example.com", "customer (Russian)"),
    ("lukas@example.com", "customer (German)"),
    ("emma@example.com", "customer (English)"),
]


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo_seed()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {result}"))
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, what in SIGN_INS:
            self.stdout.write(f"  {email:<24} {what}")
        self.stdout.write("\nOpen http://127.0.0.1:8000/\n")
