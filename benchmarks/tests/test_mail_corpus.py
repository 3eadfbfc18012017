"""The hostile-mail corpus (shared/data/mail, see its README) through the real inbound path:
store raw, parse, route. Read from the shared folder at test time, never copied here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from benchmarks.mail_corpus import corpus_paths, corpus_run, parse_memory_multiples

CORPUS = Path(os.environ.get("MAIL_CORPUS_DIR", Path(__file__).resolve().parents[3] / "shared" / "data" / "mail"))

pytestmark = pytest.mark.skipif(
    not (CORPUS / "messages").is_dir(), reason=f"mail corpus not found at {CORPUS} (set MAIL_CORPUS_DIR)"
)


def test_every_corpus_message_becomes_a_case_a_reply_or_quarantine_within_two_seconds(
    ru_mailbox: Any, en_queue: Any, de_queue: Any, settings: Any
) -> None:
    settings.MAIL_FLOOD_LIMIT = 10**6  # the corpus repeats senders; flooding is tested on its own

    result = corpus_run(directory=CORPUS, mailbox=ru_mailbox)

    assert result.messages == len(corpus_paths(CORPUS)) > 0
    assert not result.problems, "\n".join(f"{name}: {found}" for name, found in result.problems.items())
    assert result.cases + result.replies + result.quarantined == result.messages
    assert result.raised == result.lost == result.raw_changed == result.expectation_mismatches == 0


def test_parsing_needs_memory_bounded_by_a_multiple_of_the_mail_size() -> None:
    name, multiple, _peak = parse_memory_multiples(CORPUS)

    assert multiple < 40, f"{name} needed {multiple:.1f}× its size (at least 64 KB counted)"
