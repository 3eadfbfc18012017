"""Mail in over a real IMAP server (dovecot) → case → agent reply out over a real SMTP
server (aiosmtpd) → the customer's answer in over IMAP → the same case."""

from __future__ import annotations

import shutil
import smtplib
import time
from collections.abc import Iterator
from typing import Any

import pytest
from imap_tools import MailBoxUnencrypted

from caselog.cases.models import Case
from caselog.cases.services import case_reply
from caselog.mail.imap import imap_connect, mailbox_fetch
from caselog.mail.listener import listener_start
from caselog.mail.models import InboundMail, Mailbox
from caselog.mail.tests.conftest import mail_bytes
from caselog.mail.tests.servers import ImapServer, SmtpSink, dovecot_server, free_port, smtp_sink

pytestmark = pytest.mark.skipif(
    shutil.which("dovecot") is None and not __import__("os").path.exists("/usr/sbin/dovecot"),
    reason="dovecot is not installed (make mailserver installs it)",
)


@pytest.fixture(scope="module")
def imap_server() -> Iterator[ImapServer]:
    with dovecot_server() as server:
        yield server


@pytest.fixture
def sink(settings: Any) -> Iterator[SmtpSink]:
    with smtp_sink() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = server.host
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        yield server


@pytest.fixture
def imap_mailbox(ru_mailbox: Any, imap_server: ImapServer) -> Mailbox:
    with MailBoxUnencrypted(imap_server.host, imap_server.port).login(imap_server.user, imap_server.password) as box:
        uids = box.uids("ALL")
        if uids:
            box.delete(uids)
    ru_mailbox.imap_host = imap_server.host
    ru_mailbox.imap_port = imap_server.port
    ru_mailbox.imap_security = Mailbox.Security.NONE
    ru_mailbox.imap_user = imap_server.user
    ru_mailbox.imap_password = imap_server.password
    ru_mailbox.save()
    return ru_mailbox


def deliver_to_imap(server: ImapServer, raw: bytes) -> None:
    with MailBoxUnencrypted(server.host, server.port).login(server.user, server.password) as box:
        box.append(raw, "INBOX", flag_set=[])


def fetch(mailbox: Mailbox) -> int:
    with imap_connect(mailbox) as client:
        return mailbox_fetch(mailbox=mailbox, client=client)


def test_mail_in_case_reply_out_answer_in_lands_on_the_same_case(
    imap_mailbox, imap_server, sink, bob, django_capture_on_commit_callbacks
):
    customer_mail = mail_bytes(headers={"Message-ID": "<q1@example.ru>"})
    deliver_to_imap(imap_server, customer_mail)

    with django_capture_on_commit_callbacks(execute=True):
        assert fetch(imap_mailbox) == 1
    inbound = InboundMail.objects.get()
    assert bytes(inbound.raw) == customer_mail
    case = inbound.case
    assert case is not None
    assert case.channel == Case.Channel.EMAIL
    with MailBoxUnencrypted(imap_server.host, imap_server.port).login(imap_server.user, imap_server.password) as box:
        assert [msg.flags for msg in box.fetch(mark_seen=False)] == [("\\Seen",)]

    with django_capture_on_commit_callbacks(execute=True):
        case_reply(case=case, author=bob, body="Попробуйте другой кабель.")
    confirmation, reply = sink.messages
    assert confirmation["In-Reply-To"] == "<q1@example.ru>"
    assert reply["In-Reply-To"] == confirmation["In-Reply-To"]
    assert reply["References"].startswith("<q1@example.ru>")
    assert reply.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in reply.get_payload()] == ["text/plain", "text/html"]
    assert "Попробуйте другой кабель." in reply.get_payload()[0].get_payload(decode=True).decode()

    answer = mail_bytes(
        subject="Re: Телефон не заряжается",
        body="Не помогло, всё так же.",
        headers={"In-Reply-To": reply["Message-ID"], "References": f"<q1@example.ru> {reply['Message-ID']}"},
    )
    deliver_to_imap(imap_server, answer)
    with django_capture_on_commit_callbacks(execute=True):
        assert fetch(imap_mailbox) == 1

    answered = InboundMail.objects.latest("id")
    assert answered.status == InboundMail.Status.REPLY
    assert answered.case == case
    assert list(case.messages.values_list("kind", flat=True)) == ["customer", "reply", "customer"]


def test_fetching_again_stores_nothing_twice(imap_mailbox, imap_server):
    deliver_to_imap(imap_server, mail_bytes())
    assert fetch(imap_mailbox) == 1

    imap_mailbox.last_uid = 0  # as if the fetcher died before it could record the UID
    imap_mailbox.save()
    fetch(imap_mailbox)

    assert InboundMail.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_smtp_listener_accepts_mail_for_a_support_address_and_refuses_others(ru_mailbox, en_queue, de_queue):
    port = free_port()
    controller = listener_start(host="127.0.0.1", port=port)
    try:
        raw = mail_bytes()
        with smtplib.SMTP("127.0.0.1", port) as client:
            refused = client.sendmail("ivan@example.ru", ["support-ru@caselog.example", "nobody@caselog.example"], raw)
        assert set(refused) == {"nobody@caselog.example"}
        deadline = time.monotonic() + 10
        while not InboundMail.objects.exclude(status=InboundMail.Status.RECEIVED).exists():
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        controller.stop()
    inbound = InboundMail.objects.get()
    assert bytes(inbound.raw) == raw
    assert inbound.status == InboundMail.Status.CASE


@pytest.mark.django_db(transaction=True)
def test_lmtp_listener_stores_the_mail_once_per_support_address(ru_mailbox, de_mailbox, en_queue):
    port = free_port()
    controller = listener_start(host="127.0.0.1", port=port, lmtp=True)
    try:
        client = smtplib.LMTP("127.0.0.1", port)
        refused = client.sendmail(
            "ivan@example.ru", ["support-ru@caselog.example", "support-de@caselog.example"], mail_bytes()
        )
        # LMTP answers DATA once per recipient (RFC 2033); smtplib reads only the first.
        second_code, _text = client.getreply()
        client.quit()
        assert refused == {}
        assert second_code == 250
    finally:
        controller.stop()
    assert sorted(InboundMail.objects.values_list("mailbox__address", flat=True)) == [
        "support-de@caselog.example",
        "support-ru@caselog.example",
    ]


def test_fetch_command_once_stores_the_new_mail(imap_mailbox, imap_server):
    from io import StringIO

    from django.core.management import call_command

    deliver_to_imap(imap_server, mail_bytes())
    out = StringIO()

    call_command("mail_fetch", "--once", stdout=out)

    assert f"{imap_mailbox.address}: 1 new" in out.getvalue()
    assert InboundMail.objects.filter(source=InboundMail.Source.IMAP).count() == 1


@pytest.mark.django_db(transaction=True)
def test_watcher_fetches_new_mail_and_stops_when_told(imap_server, ru_mailbox, en_queue, de_queue, monkeypatch):
    import threading

    from caselog.mail import imap

    monkeypatch.setattr(imap, "IDLE_SECONDS", 2)  # each IDLE round ends after 2 s, so stopping is quick
    with MailBoxUnencrypted(imap_server.host, imap_server.port).login(imap_server.user, imap_server.password) as box:
        uids = box.uids("ALL")
        if uids:
            box.delete(uids)
    Mailbox.objects.filter(pk=ru_mailbox.pk).update(
        imap_host=imap_server.host,
        imap_port=imap_server.port,
        imap_security=Mailbox.Security.NONE,
        imap_user=imap_server.user,
        imap_password=imap_server.password,
    )
    mailbox = Mailbox.objects.get(pk=ru_mailbox.pk)
    stop = threading.Event()
    watcher = threading.Thread(
        target=imap.mailbox_watch,
        kwargs={"mailbox": mailbox, "idle": True, "poll_seconds": 120, "should_stop": stop.is_set},
        daemon=True,
    )
    watcher.start()
    try:
        deadline = time.monotonic() + 30
        while Mailbox.objects.get(pk=mailbox.pk).last_fetch_at is None:  # the first pass is done
            assert time.monotonic() < deadline
            time.sleep(0.1)
        deliver_to_imap(imap_server, mail_bytes())
        while not InboundMail.objects.exists():
            assert time.monotonic() < deadline, "the watcher did not fetch the new mail"
            time.sleep(0.1)
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert not watcher.is_alive()
    assert InboundMail.objects.get().status == InboundMail.Status.CASE
