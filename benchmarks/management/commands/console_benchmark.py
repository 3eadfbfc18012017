"""Key press to suggestions on screen, in a real browser, on the demo data.

Builds a throw-away database with the demo data (its articles embedded by both encoders),
serves it with the web server `make run` starts (gunicorn with gunicorn.conf.py, on a free
local port, the background worker left out), and has Chromium (Playwright) type case titles into the suggestion box of a demo case in the agent console,
one key at a time at a typist's pace. The page itself records every key press (the time of
its `input` event and the text it made) and every time a suggestion list is on screen (the
first animation frame after htmx swapped it in, and the text its request carried).

- `keystroke_*`: from the key press that made a text to the quick list for that text on
  screen: the console's debounce (htmx `delay`), the request, the answer and the paint.
- `refined_request_*`: from the refined list's request leaving the page to that list on
  screen (it is asked for by design only once typing has paused).
- `stale_lists`: lists shown for a text the agent had already typed past (should be rare:
  htmx drops an answer that a newer key press replaced).

Prints JSON. Chromium is Debian's (/usr/bin/chromium), as in the browser tests.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any
from urllib.parse import quote

import numpy as np
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from benchmarks.harness import throwaway_database
from caselog.cases.models import Case
from caselog.cases.selectors import case_list_visible_to
from caselog.search.models import SearchDocument
from caselog.search.services import documents_embed

# The browser tests' flags (caselog/core/tests/browser.py); a command does not import a test module.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]

AGENT_EMAIL = "agent-ru@example.com"
# What agents type: case titles in the customers' languages (the demo has ru, de, en).
TITLES = [
    ("ru", "Телефон не заряжается после обновления"),
    ("ru", "Не могу войти в учётную запись"),
    ("ru", "Разбился экран, нужен ремонт"),
    ("ru", "Батарея быстро садится"),
    ("de", "Akku lädt nicht mehr"),
    ("de", "Bildschirm gesprungen, Reparatur"),
    ("en", "Forgot my account password"),
    ("en", "Phone will not turn on after update"),
    ("en", "Refund for a double charge in the store"),
    ("en", "AirPods do not connect"),
]

RECORDER = """
(() => {
  window.__keys = [];
  window.__shown = [];
  window.__sent = {};
  document.addEventListener("input", (event) => {
    if (event.target.matches && event.target.matches("[data-suggest-input]")) {
      window.__keys.push([performance.now(), event.target.value]);
    }
  }, true);
  const params = (detail) => new URL(detail.pathInfo.finalRequestPath || detail.pathInfo.requestPath,
                                     location.href).searchParams;
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (!(event.detail.pathInfo.requestPath || "").includes(window.__suggestPath)) return;
    const p = params(event.detail);
    if (!p.has("q")) return;
    const key = p.get("q") + "|" + (p.get("refine") || "");
    (window.__sent[key] = window.__sent[key] || []).push(performance.now());
  });
  // A list is on screen at the first animation frame after it entered the page; each list
  // says which text it answers (data-query) and whether it is the refined one.
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        const list = node.matches && (node.matches("[data-suggestions]") ? node : node.querySelector("[data-suggestions]"));
        if (!list || !list.closest("#case-suggestions")) continue;
        const entry = [list.dataset.query, list.hasAttribute("data-refined")];
        requestAnimationFrame(() => window.__shown.push([performance.now(), ...entry]));
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();
"""


class Command(BaseCommand):
    help = "Key press to suggestions on screen in the agent console (Chromium, demo data); prints JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rounds", type=int, default=3, help="times each title is typed")
        parser.add_argument("--titles", type=int, default=len(TITLES), help="how many of the titles to type")
        parser.add_argument("--key-delay-ms", type=int, default=110, help="mean time between key presses")
        parser.add_argument("--seed", type=int, default=11)
        parser.add_argument("--server-timeout", type=float, default=120.0, help="seconds for the server to be ready")
        parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

    def handle(self, *args: Any, **options: Any) -> None:
        if not os.path.exists(options["chromium"]):
            raise CommandError(f"Chromium not found at {options['chromium']} (apt-get install chromium)")
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in this thread
        # The demo's notifications stay in memory: this command prints JSON only.
        locmem = "django.core.mail.backends.locmem.EmailBackend"
        with override_settings(EMAIL_BACKEND=locmem), throwaway_database("console"):
            started = time.perf_counter()
            with open(os.devnull, "w") as quiet:
                call_command("seed_demo", stdout=quiet)
                # Publishing indexes and embeds articles in the background: run what the
                # worker would, then make sure every vector is there.
                call_command("db_worker", queue_name="*", batch=True, startup_delay=False, stdout=quiet)
            documents_embed()
            build_s = time.perf_counter() - started
            documents = SearchDocument.objects.filter(published=True, kind="article").count()
            result = self._measure(options)
        result["demo_articles_indexed"] = documents
        result["demo_build_s"] = round(build_s, 1)
        self.stdout.write(json.dumps(result, indent=2))

    def _measure(self, options: dict[str, Any]) -> dict[str, Any]:
        from playwright.sync_api import sync_playwright

        agent = get_user_model().objects.get(email=AGENT_EMAIL)
        case = (
            case_list_visible_to(user=agent)
            .filter(locale="ru")
            .exclude(status__in=[Case.Status.SOLVED, Case.Status.CLOSED])
            .order_by("id")
            .first()
        )
        if case is None:
            raise CommandError(f"the demo data has no open Russian case for {AGENT_EMAIL}")
        client = Client()
        client.force_login(agent)
        connection.close()  # the server owns the database now
        server, base = self._serve(options)
        rng = random.Random(options["seed"])
        keys: list[list[Any]] = []
        shown: list[list[Any]] = []
        sent: dict[str, list[float]] = {}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=options["chromium"], args=CHROMIUM_ARGS)
                context = browser.new_context(locale="ru-RU")
                cookie = client.cookies[settings.SESSION_COOKIE_NAME]
                context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])
                context.add_init_script(f"window.__suggestPath = {json.dumps(reverse('console:suggest'))};")
                context.add_init_script(RECORDER)
                page = context.new_page()
                response = page.goto(base + case.get_absolute_url())
                if response is None or response.status != 200 or "/console/" not in page.url:
                    raise CommandError(f"the console did not open ({page.url})")
                box = page.locator("#suggest-q")
                for _round in range(options["rounds"]):
                    for _locale, title in TITLES[: options["titles"]]:
                        box.fill("")
                        page.wait_for_timeout(200)
                        for char in title:
                            box.press_sequentially(char)
                            page.wait_for_timeout(max(20, rng.gauss(options["key_delay_ms"], 35)))
                        # The pause: the quick list for the whole title, then the refined one.
                        page.wait_for_timeout(1200)
                keys = page.evaluate("window.__keys")
                shown = page.evaluate("window.__shown")
                sent = page.evaluate("window.__sent")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
        return self._figures(keys, shown, sent, options)

    def _serve(self, options: dict[str, Any]) -> tuple[subprocess.Popen[bytes], str]:
        """The web server `make run` starts (gunicorn, gunicorn.conf.py) on the throw-away
        database, without the embedded worker; ready once the encoders are warm."""
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            url = f"sqlite:///{db['NAME']}"
        else:
            login = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
            url = f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        # The agent types faster than any person: the suggestions' rate limit must not answer 429.
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "CASELOG_EMBEDDED_WORKER": "0",
            "SEARCH_SUGGEST_RATE_LIMIT": "1000000",
        }
        call_command("collectstatic", interactive=False, verbosity=0)
        server = subprocess.Popen(  # noqa: S603 - our own server and config
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + options["server_timeout"]
        probe_url = f"{base}{reverse('search:suggest')}?q=warm&locale=en"
        while True:
            if server.poll() is not None:
                raise CommandError(f"the web server exited with {server.returncode}")
            try:
                started = time.perf_counter()
                with urllib.request.urlopen(probe_url, timeout=10) as answer:  # noqa: S310 - local
                    answer.read()
                if time.perf_counter() - started < 0.2:  # the encoders are loaded
                    return server, base
            except OSError:
                pass
            if time.monotonic() > deadline:
                server.terminate()
                raise CommandError("the web server did not become ready")
            time.sleep(0.5)

    def _figures(
        self, keys: list[list[Any]], shown: list[list[Any]], sent: dict[str, list[float]], options: dict[str, Any]
    ) -> dict[str, Any]:
        typed = {value for _, value in keys}
        quick: list[float] = []
        refined: list[float] = []
        stale = 0
        for at, text, is_refined in shown:
            if text not in typed:
                continue
            if is_refined:
                requests = [t for t in sent.get(f"{text}|1", []) if t <= at]
                if requests:
                    refined.append(at - max(requests))
                continue
            made_at = max(t for t, value in keys if value == text and t <= at)
            quick.append(at - made_at)
            stale += any(made_at < t <= at for t, _ in keys)

        def pct(samples: list[float], q: float) -> float | None:
            return round(float(np.percentile(samples, q)), 1) if samples else None

        return {
            "key_presses": len(keys),
            "lists_shown": len(quick),
            "keystroke_p50_ms": pct(quick, 50),
            "keystroke_p95_ms": pct(quick, 95),
            "keystroke_p99_ms": pct(quick, 99),
            "refined_lists_shown": len(refined),
            "refined_request_p50_ms": pct(refined, 50),
            "refined_request_p99_ms": pct(refined, 99),
            "stale_lists": stale,
            "key_delay_ms": options["key_delay_ms"],
            "load_average_1m": round(os.getloadavg()[0], 2),
        }
