"""Every setting is declared in settings.py with its default: no inline defaults in the code."""

from __future__ import annotations

import re
from pathlib import Path

import caselog

PACKAGE = Path(caselog.__file__).parent
INLINE_DEFAULT = re.compile(r"getattr\(\s*settings\s*,")


def test_no_product_code_reads_a_setting_with_an_inline_default():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and INLINE_DEFAULT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_setting_the_readme_promises_is_declared(settings):
    for name in ("TRUSTED_PROXIES", "WEBHOOK_RETRY_DELAYS", "API_TOKEN_RATE_LIMIT", "REPAIR_WARRANTY_DAYS"):
        assert hasattr(settings, name), name
