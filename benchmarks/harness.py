"""Shared pieces of the benchmark commands: a throw-away database built by the normal
migrations, the evaluation data formats of ../shared/data, and the metrics (the same
definitions as the data folders' evaluate.py)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection

from caselog.search import vectors


def default_data_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "data"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@contextmanager
def throwaway_database(label: str, *, keep: bool = False) -> Iterator[str]:
    """Point the default connection at a fresh, migrated database that is dropped after:
    a temporary SQLite file, or a scratch PostgreSQL database. Live data is never touched.
    keep=True leaves it in place (its name is yielded) for `scratch_database` to reuse."""
    test_settings = connection.settings_dict.setdefault("TEST", {})
    previous_test_name = test_settings.get("NAME")
    scratch_dir: str | None = None
    if connection.vendor == "sqlite":
        scratch_dir = tempfile.mkdtemp(prefix="caselog-bench-")
        test_settings["NAME"] = os.path.join(scratch_dir, f"{label}.sqlite3")
    else:
        test_settings["NAME"] = f"caselog_bench_{label}_{os.getpid()}"
    original_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    vectors.forget_all()
    try:
        yield str(connection.settings_dict["NAME"])
    finally:
        vectors.forget_all()
        test_settings["NAME"] = previous_test_name
        if keep:
            connection.close()
            connection.settings_dict["NAME"] = original_name
        else:
            connection.creation.destroy_test_db(original_name, verbosity=0)
            if scratch_dir:
                shutil.rmtree(scratch_dir, ignore_errors=True)


@contextmanager
def scratch_database(name: str) -> Iterator[str]:
    """Point the default connection at a scratch database kept by an earlier run
    (throwaway_database(keep=True)); it is left in place afterwards."""
    original_name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    vectors.forget_all()
    try:
        yield name
    finally:
        vectors.forget_all()
        connection.close()
        connection.settings_dict["NAME"] = original_name


def percentile_ms(samples_s: Sequence[float], q: float) -> float | None:
    if not samples_s:
        return None
    return round(float(np.percentile(np.asarray(samples_s) * 1000.0, q)), 2)


def rss_mb() -> float:
    """Current resident set size (VmRSS) of this process."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024.0, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def ranking_metrics(
    ranking: Sequence[str], relevant: set[str], *, exclude: set[str], candidates: Sequence[str] | None
) -> dict[str, float] | None:
    """Per-query metrics as in the data folders' evaluate.py (Lei et al. definitions):
    AP over the ranked list, P@k divided by min(k, list length), R@10 by the number of
    relevant items. None when the query has no relevant item."""
    ranked = [doc for doc in ranking if doc not in exclude]
    if candidates is not None:
        allowed = set(candidates)
        ranked = [doc for doc in ranked if doc in allowed]
    gold = relevant - exclude
    if not gold:
        return None
    hits, precision_sum, first = 0, 0.0, 0
    for position, doc in enumerate(ranked, start=1):
        if doc in gold:
            hits += 1
            precision_sum += hits / position
            if not first:
                first = position
    ap = precision_sum / hits if hits else 0.0
    ap_std = precision_sum / len(gold)

    def precision_at(k: int) -> float:
        top = ranked[:k]
        return sum(1 for d in top if d in gold) / min(k, len(ranked)) if ranked else 0.0

    return {
        "MAP": ap,
        "MAPstd": ap_std,
        "MRR": 1.0 / first if first else 0.0,
        "MRR@10": 1.0 / first if first and first <= 10 else 0.0,
        "P@1": precision_at(1),
        "P@5": precision_at(5),
        "R@10": sum(1 for d in ranked[:10] if d in gold) / len(gold),
        "S@5": 1.0 if first and first <= 5 else 0.0,
    }


def mean_metrics(per_query: list[dict[str, float]]) -> dict[str, float]:
    if not per_query:
        return {}
    return {name: round(100.0 * sum(q[name] for q in per_query) / len(per_query), 2) for name in per_query[0]}
