from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from caselog.cases.models import Case, Message
from caselog.cases.services import case_reply
from caselog.mail.models import BouncedAddress, InboundMail
from caselog.mail.services import inbound_process, inbound_receive, inbound_recover, text_language
from caselog.mail.tests.conftest import mail_bytes


def deliver(raw: bytes, mailbox: Any) -> Any:
    inbound = inbound_receive(raw=raw, mailbox=mailbox, source=InboundMail.Source.SMTP)
    return inbound_process(inbound_id=inbound.pk)


def test_mail_from_a_new_sender_becomes_a_case_in_the_mailbox_language(ru_mailbox):
    inbound = deliver(mail_bytes(headers={"Message-ID": "<first@example.ru>"}), ru_mailbox)

    assert inbound.status == InboundMail.Status.CASE
    case = inbound.case
    assert case.channel == Case.Channel.EMAIL
    assert case.locale == "ru"
    assert case.subject == "Телефон не заряжается"
    assert case.contact_email == "ivan@example.ru"
    assert case.request_type == ru_mailbox.request_type
    assert case.messages.get().mail_message_id == "first@example.ru"


def test_new_case_by_mail_sends_a_threaded_confirmation_in_the_customer_language(
    ru_mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inbound = deliver(mail_bytes(headers={"Message-ID": "<first@example.ru>"}), ru_mailbox)

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ivan@example.ru"]
    assert inbound.case.number in sent.subject
    assert sent.extra_headers["In-Reply-To"] == "<first@example.ru>"
    assert sent.extra_headers["References"] == "<first@example.ru>"
    assert sent.extra_headers["Message-ID"].startswith(f"<{inbound.case.number.lower()}.created.")
    assert sent.extra_headers["Auto-Submitted"] == "auto-generated"
    assert sent.extra_headers["Content-Language"] == "ru"
    assert [mimetype for _content, mimetype in sent.alternatives] == ["text/html"]  # type: ignore[attr-defined]


def test_reply_to_an_agent_mail_lands_on_the_same_case(ru_mailbox, bob, django_capture_on_commit_callbacks):
    first = deliver(mail_bytes(headers={"Message-ID": "<first@example.ru>"}), ru_mailbox)
    with django_capture_on_commit_callbacks(execute=True):
        case_reply(case=first.case, author=bob, body="Попробуйте другой кабель.")
    agent_mail = mail.outbox[-1]
    reply_id = agent_mail.extra_headers["Message-ID"]
    assert agent_mail.extra_headers["In-Reply-To"] == "<first@example.ru>"

    answer = deliver(
        mail_bytes(subject="Re: something else", body="Не помогло.", headers={"In-Reply-To": reply_id}),
        ru_mailbox,
    )

    assert answer.status == InboundMail.Status.REPLY
    assert answer.case == first.case
    assert answer.message.body.startswith("Не помогло.")


def test_reply_found_by_case_number_in_subject_when_headers_are_lost(ru_mailbox, de_mailbox):
    first = deliver(mail_bytes(), ru_mailbox)

    answer = deliver(mail_bytes(subject=f"AW: [{first.case.number}] Frage", body="Noch eine Frage."), de_mailbox)

    assert answer.case == first.case


def test_case_number_in_subject_from_another_sender_does_not_join_that_case(ru_mailbox):
    first = deliver(mail_bytes(), ru_mailbox)

    other = deliver(
        mail_bytes(sender="mallory@example.com", subject=f"[{first.case.number}] let me in", body="Hello"),
        ru_mailbox,
    )

    assert other.case != first.case


def test_a_forged_case_message_id_does_not_thread(ru_mailbox):
    first = deliver(mail_bytes(), ru_mailbox)
    forged = f"<{first.case.number.lower()}.reply.1.0000000000000000@caselog.example>"

    other = deliver(mail_bytes(sender="mallory@example.com", headers={"In-Reply-To": forged}), ru_mailbox)

    assert other.case != first.case


def test_next_mail_of_the_sender_joins_their_open_case_of_that_mailbox(ru_mailbox):
    first = deliver(mail_bytes(), ru_mailbox)

    second = deliver(mail_bytes(subject="Ещё вопрос", body="И экран мигает."), ru_mailbox)

    assert second.status == InboundMail.Status.REPLY
    assert second.case == first.case


def test_auto_reply_never_opens_a_case_nor_triggers_mail(ru_mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inbound = deliver(mail_bytes(subject="Out of office", headers={"Auto-Submitted": "auto-replied"}), ru_mailbox)

    assert inbound.status == InboundMail.Status.QUARANTINED
    assert inbound.reason == InboundMail.Reason.AUTO_REPLY
    assert Case.objects.count() == 0
    assert mail.outbox == []


def test_auto_reply_on_a_case_is_noted_without_reopening_it(ru_mailbox, bob, django_capture_on_commit_callbacks):
    first = deliver(mail_bytes(headers={"Message-ID": "<first@example.ru>"}), ru_mailbox)
    case_reply(case=first.case, author=bob, body="Ответ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        auto = deliver(
            mail_bytes(subject="Автоответ", headers={"X-Autoreply": "yes", "In-Reply-To": "<first@example.ru>"}),
            ru_mailbox,
        )

    assert auto.message.kind == Message.Kind.NOTE
    first.case.refresh_from_db()
    assert first.case.status == Case.Status.WAITING
    assert mail.outbox == []


def test_bounce_is_noted_on_its_case_and_flags_the_address(ru_mailbox, bob, django_capture_on_commit_callbacks):
    first = deliver(mail_bytes(), ru_mailbox)
    with django_capture_on_commit_callbacks(execute=True):
        case_reply(case=first.case, author=bob, body="Ответ")
    reply_id = mail.outbox[-1].extra_headers["Message-ID"]
    dsn = (
        "From: MAILER-DAEMON@mx.example.ru\r\nTo: support-ru@caselog.example\r\nSubject: Undelivered Mail\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.ru\r\n\r\n"
        "Final-Recipient: rfc822; ivan@example.ru\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        f"--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {reply_id}\r\nSubject: Re\r\n--B--\r\n"
    ).encode()

    bounce = deliver(dsn, ru_mailbox)

    assert bounce.case == first.case
    assert bounce.message.kind == Message.Kind.NOTE
    assert "ivan@example.ru" in bounce.message.body
    flag = BouncedAddress.objects.get(email="ivan@example.ru")
    assert flag.last_status.startswith("5.1.1")


def test_a_sender_flooding_the_mailbox_is_quarantined_past_the_limit(ru_mailbox, settings):
    settings.MAIL_FLOOD_LIMIT = 3
    results = [deliver(mail_bytes(body=f"Сообщение {n}"), ru_mailbox) for n in range(5)]

    assert [r.status for r in results[:3]] == [InboundMail.Status.CASE] + [InboundMail.Status.REPLY] * 2
    assert {r.reason for r in results[3:]} == {InboundMail.Reason.FLOOD}


def test_unparseable_mail_is_quarantined_and_the_next_one_still_gets_through(ru_mailbox, monkeypatch):
    from caselog.mail import services

    real_parse = services.parse_mail  # type: ignore[attr-defined]
    monkeypatch.setattr(services, "parse_mail", lambda raw: 1 / 0 if b"poison" in raw else real_parse(raw))

    bad = deliver(mail_bytes(body="poison"), ru_mailbox)
    good = deliver(mail_bytes(sender="olga@example.ru"), ru_mailbox)

    assert bad.status == InboundMail.Status.QUARANTINED
    assert bad.reason == InboundMail.Reason.PARSE_ERROR
    assert "ZeroDivisionError" in bad.error
    assert good.status == InboundMail.Status.CASE


def test_parsing_that_takes_too_long_is_stopped_and_quarantined(ru_mailbox, monkeypatch, settings):
    import time

    from caselog.mail import services

    settings.MAIL_PARSE_TIME_LIMIT = __import__("datetime").timedelta(seconds=0.2)
    monkeypatch.setattr(services, "parse_mail", lambda raw: time.sleep(5))

    started = time.perf_counter()
    inbound = deliver(mail_bytes(), ru_mailbox)

    assert time.perf_counter() - started < 2
    assert inbound.reason == InboundMail.Reason.TIMEOUT


def test_the_same_imap_message_is_stored_once(ru_mailbox):
    first = inbound_receive(raw=mail_bytes(), mailbox=ru_mailbox, source=InboundMail.Source.IMAP, remote_id="7:42")
    again = inbound_receive(raw=mail_bytes(), mailbox=ru_mailbox, source=InboundMail.Source.IMAP, remote_id="7:42")

    assert again.pk == first.pk
    assert InboundMail.objects.count() == 1


def test_processing_twice_changes_nothing_the_second_time(ru_mailbox):
    inbound = deliver(mail_bytes(), ru_mailbox)

    inbound_process(inbound_id=inbound.pk)

    assert Message.objects.count() == 1


def test_recover_queues_mail_left_unprocessed_by_a_dead_worker(ru_mailbox):
    from datetime import timedelta

    stuck = inbound_receive(raw=mail_bytes(), mailbox=ru_mailbox, source=InboundMail.Source.SMTP)

    assert inbound_recover(older_than=timedelta(0)) == 1  # the immediate backend runs it right away
    stuck.refresh_from_db()
    assert stuck.status == InboundMail.Status.CASE


def test_mail_that_keeps_killing_the_worker_is_given_up_after_three_tries(ru_mailbox):
    stuck = inbound_receive(raw=mail_bytes(), mailbox=ru_mailbox, source=InboundMail.Source.SMTP)
    InboundMail.objects.filter(pk=stuck.pk).update(attempts=3)

    inbound = inbound_process(inbound_id=stuck.pk)

    assert inbound.status == InboundMail.Status.QUARANTINED


def test_mail_from_a_customer_account_is_linked_to_that_customer(ru_mailbox, alice):
    inbound = deliver(mail_bytes(sender="Alice <ALICE@example.com>"), ru_mailbox)

    assert inbound.case.customer == alice


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Здравствуйте, мой телефон не заряжается уже два дня", "ru"),
        ("Hallo, mein Telefon lädt nicht mehr und ich weiß nicht, was ich tun soll", "de"),
        ("Hello, my phone does not charge and the screen is black, please help", "en"),
        ("ok", "de"),
    ],
)
def test_language_of_a_mail_comes_from_its_text_when_clear(text: str, language: str) -> None:
    assert text_language(text, default="de") == language
