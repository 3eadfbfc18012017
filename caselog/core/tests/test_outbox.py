"""The outbox: every email is a row with a state; crashes neither lose nor duplicate mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from caselog.core.models import OutboxMail
from caselog.core.outbox import MAIL_RETRY_DELAYS, absolute_url, mail_send, outbox_deliver_due, outbox_due_list

pytestmark = pytest.mark.django_db


def test_a_mail_goes_out_with_text_html_language_and_auto_submitted(settings):
    settings.SITE_URL = "https://help.example.com/"
    row = mail_send(to="a@example.com", subject="Hallo", body="<b>Zeile\nzwei", language="de", key="k1")

    sent = mail.outbox[-1]
    assert (sent.subject, sent.body, sent.to) == ("Hallo", "<b>Zeile\nzwei", ["a@example.com"])
    assert sent.extra_headers["Auto-Submitted"] == "auto-generated"
    assert sent.extra_headers["Content-Language"] == "de"
    html = str(sent.alternatives[0][0])  # type: ignore[union-attr]
    assert '<html lang="de">' in html and "&lt;b&gt;Zeile<br>zwei" in html
    assert row.state == OutboxMail.State.SENT and row.attempts == 1 and row.sent_at is not None
    assert absolute_url("/x/") == "https://help.example.com/x/"


def test_a_persons_own_words_are_not_marked_automatic():
    mail_send(to="a@example.com", subject="Re", body="Hi", language="en", automatic=False)
    assert "Auto-Submitted" not in mail.outbox[-1].extra_headers


def test_the_same_key_twice_sends_one_mail():
    first = mail_send(to="a@example.com", subject="S", body="B", language="en", key="once")
    again = mail_send(to="a@example.com", subject="S", body="B", language="en", key="once")
    assert first.pk == again.pk
    assert len(mail.outbox) == 1


def test_a_failure_is_kept_and_tried_again_until_it_goes_out(monkeypatch):
    real_send = EmailMultiAlternatives.send
    tries: list[int] = []

    def flaky(self, fail_silently=False):
        tries.append(1)
        if len(tries) < 3:
            raise ConnectionRefusedError("SMTP down")
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky)
    row = mail_send(to="a@example.com", subject="S", body="B", language="en", key="flaky")
    assert len(tries) == 3 and len(mail.outbox) == 1
    assert row.state == OutboxMail.State.SENT and row.attempts == 3
    assert "SMTP down" in row.last_error


def test_the_last_failure_marks_the_mail_failed(monkeypatch):
    def down(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", down)
    row = mail_send(to="a@example.com", subject="S", body="B", language="en", key="down")
    assert row.state == OutboxMail.State.FAILED
    assert row.attempts == len(MAIL_RETRY_DELAYS) + 1
    assert mail.outbox == []


def test_a_mail_whose_worker_died_is_picked_up_again_once():
    # A worker stored the row and died before trying it (or while trying it).
    lost = OutboxMail.objects.create(
        idempotency_key="lost", to="a@example.com", from_email="x@example.com", subject="S", body="B", language="en"
    )
    OutboxMail.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    claimed = OutboxMail.objects.create(
        idempotency_key="claimed",
        to="b@example.com",
        from_email="x@example.com",
        subject="S",
        body="B",
        language="en",
        attempts=1,
        next_attempt_at=timezone.now() - timedelta(seconds=1),
    )
    fresh = mail_send(to="c@example.com", subject="S", body="B", language="en", key="fresh")
    assert set(outbox_due_list()) == {lost.pk, claimed.pk}

    assert outbox_deliver_due.call() == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.com", "b@example.com", "c@example.com"]
    assert outbox_due_list() == []
    fresh.refresh_from_db()
    assert fresh.state == OutboxMail.State.SENT


def test_text_mail_is_not_html_escaped_but_its_html_part_is(
    db, en_queue, wont_charge, django_capture_on_commit_callbacks
):
    # Found trying it: the confirmation's subject read "won&#x27;t".
    from django.core import mail
    from django.core.mail import EmailMultiAlternatives

    from caselog.cases.services import case_submit

    with django_capture_on_commit_callbacks(execute=True):
        case_submit(
            submitter=None,
            locale="en",
            request_type=wont_charge,
            subject="My iPhone won't charge <fast>",
            description="It's dead & cold.",
            contact_email="guest@example.com",
        )
    sent = mail.outbox[-1]
    assert "won't charge <fast>" in sent.subject and "&#x27;" not in sent.subject
    assert isinstance(sent, EmailMultiAlternatives)
    html = str(sent.alternatives[0][0])
    assert "&lt;fast&gt;" in html and "<fast>" not in html
