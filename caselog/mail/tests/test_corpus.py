"""The hostile-mail corpus (/work/shared/data/mail, see its README) through the real inbound
path: store raw, parse, route. Read from the shared folder at test time, never copied here."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from caselog.mail.models import InboundMail
from caselog.mail.services import inbound_process, inbound_receive

CORPUS = Path(os.environ.get("MAIL_CORPUS_DIR", Path(__file__).resolve().parents[4] / "shared" / "data" / "mail"))
MESSAGES = CORPUS / "messages"
SECONDS_PER_MESSAGE = 2.0

pytestmark = pytest.mark.skipif(
    not MESSAGES.is_dir(), reason=f"mail corpus not found at {MESSAGES} (set MAIL_CORPUS_DIR)"
)


def normalised(text: str) -> str:
    return " ".join(text.split())


def expectation_mismatches(inbound: InboundMail, expected: dict[str, Any]) -> list[str]:
    """The corpus protocol's checks against what the channel stored."""
    problems = []
    if "from_email" in expected and inbound.from_email.lower() != expected["from_email"].lower():
        problems.append(f"from_email {inbound.from_email!r}")
    if "subject" in expected and normalised(inbound.subject) != normalised(expected["subject"]):
        problems.append(f"subject {inbound.subject[:80]!r}")
    # The body as stored: on the case's message, or (quarantined mail) on the received mail.
    body = normalised(inbound.message.body if inbound.message else inbound.text)
    for needle in expected.get("body_contains", []):
        if normalised(needle) not in body:
            problems.append(f"body lacks {needle[:60]!r}")
    names = {a.name for a in inbound.attachments.all() if not a.from_tnef}
    for name in expected.get("attachments", []):
        if name not in names:
            problems.append(f"attachment {name!r} missing from {sorted(names)}")
    tnef_names = {a.name for a in inbound.attachments.all() if a.from_tnef}
    for name in expected.get("tnef_attachments", []):
        if name not in tnef_names:
            problems.append(f"winmail.dat file {name!r} missing from {sorted(tnef_names)}")
    return problems


def test_every_corpus_message_becomes_a_case_a_reply_or_quarantine_within_two_seconds(
    ru_mailbox: Any, en_queue: Any, de_queue: Any, settings: Any
) -> None:
    settings.MAIL_FLOOD_LIMIT = 10**6  # the corpus repeats senders; flooding is tested on its own
    manifest = {row["id"]: row for row in map(json.loads, (CORPUS / "manifest.jsonl").read_text().splitlines()) if row}
    problems: dict[str, list[str]] = {}
    paths = sorted(MESSAGES.glob("*.eml"))
    assert paths
    for path in paths:
        raw = path.read_bytes()
        started = time.perf_counter()
        try:
            inbound = inbound_receive(raw=raw, mailbox=ru_mailbox, source=InboundMail.Source.FILE)
            inbound = inbound_process(inbound_id=inbound.pk)
        except Exception as error:
            problems[path.stem] = [f"raised {type(error).__name__}: {error}"]
            continue
        seconds = time.perf_counter() - started
        inbound.refresh_from_db()
        found = []
        if seconds > SECONDS_PER_MESSAGE:
            found.append(f"took {seconds:.2f} s")
        if bytes(inbound.raw) != raw or inbound.sha256 != manifest[path.stem]["sha256"]:
            found.append("raw bytes changed")
        if inbound.status == InboundMail.Status.RECEIVED:
            found.append("lost: neither case, reply nor quarantine")
        if inbound.status in (InboundMail.Status.CASE, InboundMail.Status.REPLY) and inbound.message is None:
            found.append("routed without a message")
        expected_path = path.with_suffix(".expected.json")
        if expected_path.exists():
            found += expectation_mismatches(inbound, json.loads(expected_path.read_text()))
        if found:
            problems[path.stem] = found
    assert not problems, "\n".join(f"{name}: {found}" for name, found in problems.items())


def test_corpus_raw_bytes_are_stored_byte_identical_with_their_sha256(ru_mailbox: Any) -> None:
    path = MESSAGES / "gen-hostile-nul-bytes.eml"
    raw = path.read_bytes()
    inbound = inbound_receive(raw=raw, mailbox=ru_mailbox, source=InboundMail.Source.FILE)
    inbound.refresh_from_db()
    assert bytes(inbound.raw) == raw
    assert inbound.sha256 == hashlib.sha256(raw).hexdigest()
