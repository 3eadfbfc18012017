"""The console benchmark runs from a fresh clone: its own demo database, a real Chromium,
and figures for every list the agent saw."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser


def test_console_benchmark_measures_key_press_to_list_on_screen():
    # A process of its own: the command builds and drops a throw-away database.
    completed = subprocess.run(
        [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "console_benchmark",
            "--rounds",
            "1",
            "--titles",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    figures = json.loads(completed.stdout)
    assert figures["demo_articles_indexed"] > 0
    assert figures["key_presses"] >= len("Телефон не заряжается после обновления") + len(
        "Не могу войти в учётную запись"
    )
    assert 0 < figures["lists_shown"] <= figures["key_presses"]
    assert 0 < figures["keystroke_p50_ms"] <= figures["keystroke_p99_ms"]
    assert figures["refined_lists_shown"] >= 2  # at least once per title, after the pause
    assert figures["refined_request_p50_ms"] > 0
