from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from caselog.demo.cases import demo_seed
from caselog.demo.community import demo_community_seed
from caselog.demo.devices import demo_devices_seed
from caselog.demo.knowledge import demo_articles_seed
from caselog.demo.repairs import demo_repairs_seed
from caselog.demo.sla import demo_sla_seed
from caselog.demo.store import demo_store_seed
from caselog.demo.workforce import demo_workforce_seed

DEMO_PASSWORD = "Demo-Pass-2024"
# In dependency order (catalogue and organisation first, then what builds on them); each is idempotent.
DEMO_SEEDS: list[Callable[[], Any]] = [
    demo_seed,
    demo_articles_seed,
    demo_devices_seed,
    demo_store_seed,
    demo_sla_seed,
    demo_repairs_seed,
    demo_workforce_seed,
    demo_community_seed,
]
SIGN_INS = [
    ("manager@example.com", "manager: every department, audit trail, knowledge base, workforce"),
    ("agent-ru@example.com", "agent, Russian-language department (Moscow)"),
    ("agent-de@example.com", "agent, German-language department (Berlin)"),
    ("agent-en@example.com", "agent, English-language department (Cork)"),
    ("editor@example.com", "knowledge-base editor"),
    ("tech@example.com", "technician"),
    ("partner@example.com", "partner agent (MegaFon Retail)"),
    ("moderator@example.com", "community moderator"),
    ("anna@example.com", "customer (Russian)"),
    ("lukas@example.com", "customer (German)"),
    ("emma@example.com", "customer (English)"),
    ("ivan@example.com", "customer (Russian) with suspicious purchases"),
    ("helen@example.com", "customer with a recorded hearing impairment (Accessibility queue)"),
]


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent) and print the demo sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        for seed in DEMO_SEEDS:
            result = seed()
            summary = len(result) if isinstance(result, (list, set, tuple)) else result
            self.stdout.write(f"  {seed.__name__}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, what in SIGN_INS:
            self.stdout.write(f"  {email:<24} {what}")
        self.stdout.write(f"\nOpen {settings.SITE_URL}/\n")
