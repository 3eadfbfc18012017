"""kill -9 of the background worker in the middle of a batch: on restart nothing is lost and
nothing is duplicated. The worker is the real `db_worker` in its own process, on this test's
database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from caselog.cases.models import Message
from caselog.mail.models import InboundMail
from caselog.mail.services import inbound_receive
from caselog.mail.tests.conftest import mail_bytes

BATCH = 60
MANAGE = Path(__file__).resolve().parents[3] / "manage.py"


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, host, port = settings["USER"] or "postgres", settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def run_manage(*args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url(), "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    return subprocess.Popen([sys.executable, str(MANAGE), *args], env=env, **kwargs)


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_batch_loses_and_duplicates_nothing(ru_mailbox, en_queue, de_queue, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "search"]}}
    settings.MAIL_FLOOD_LIMIT = 10**6
    for n in range(BATCH):
        inbound_receive(
            raw=mail_bytes(sender=f"customer{n % 20}@example.ru", body=f"Сообщение номер {n}: не заряжается."),
            mailbox=ru_mailbox,
            source=InboundMail.Source.SMTP,
        )
    pending = InboundMail.objects.filter(status=InboundMail.Status.RECEIVED)
    assert pending.count() == BATCH

    worker = run_manage("db_worker", "--queue-name", "*", "--interval", "0.05", "--no-startup-delay")
    deadline = time.monotonic() + 120
    while pending.count() > BATCH * 2 // 3:
        assert worker.poll() is None and time.monotonic() < deadline, "worker died or stalled"
        time.sleep(0.02)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    left = pending.count()
    assert 0 < left < BATCH, "the kill must land in the middle of the batch"

    # Restart: re-queue what the dead worker left, then let a worker run the queue dry.
    assert run_manage("mail_recover", "--older-than-seconds", "0", stdout=subprocess.DEVNULL).wait() == 0
    assert run_manage("db_worker", "--queue-name", "*", "--batch", "--no-startup-delay").wait(timeout=300) == 0

    assert pending.count() == 0
    mails = InboundMail.objects.all()
    assert mails.count() == BATCH
    assert not mails.filter(message__isnull=True).exists()
    linked = list(mails.values_list("message_id", flat=True))
    assert len(set(linked)) == BATCH  # every mail its own message: none lost, none twice
    assert Message.objects.filter(kind=Message.Kind.CUSTOMER).count() == BATCH
