"""Outgoing case mail (caselog/cases/tasks.py): threading headers, parts, language, retries."""

from __future__ import annotations

from django.core import mail
from django.core.mail import EmailMultiAlternatives

from caselog.cases.services import case_reply
from caselog.cases.tasks import case_mail_message_id
from caselog.core.outbox import MAIL_RETRY_DELAYS


def test_agent_reply_carries_its_own_message_id_and_keeps_it_on_the_message(
    alice_case, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = case_reply(case=alice_case, author=bob, body="Попробуйте другой кабель.")

    sent = mail.outbox[-1]
    message.refresh_from_db()
    assert sent.extra_headers["Message-ID"] == f"<{message.mail_message_id}>"
    assert message.mail_message_id == case_mail_message_id(case_number=alice_case.number, kind="reply", key=message.pk)
    assert "Auto-Submitted" not in sent.extra_headers
    assert sent.extra_headers["Content-Language"] == "ru"


def test_web_case_reply_threads_under_the_case_confirmation(alice_case, bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case_reply(case=alice_case, author=bob, body="Ответ")

    confirmation_id = case_mail_message_id(case_number=alice_case.number, kind="created", key=alice_case.pk)
    assert mail.outbox[-1].extra_headers["In-Reply-To"] == f"<{confirmation_id}>"


def test_html_part_escapes_what_the_agent_typed(alice_case, bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case_reply(case=alice_case, author=bob, body="<script>alert(1)</script>\nСтрока два")

    html = str(mail.outbox[-1].alternatives[0][0])  # type: ignore[union-attr]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<br>Строка два" in html


def test_a_failed_send_is_tried_again_with_the_same_message_id(
    alice_case, bob, monkeypatch, django_capture_on_commit_callbacks
):
    real_send = EmailMultiAlternatives.send
    tries: list[str] = []

    def flaky_send(self, fail_silently=False):
        tries.append(self.extra_headers["Message-ID"])
        if len(tries) == 1:
            raise ConnectionRefusedError("SMTP down")
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky_send)
    with django_capture_on_commit_callbacks(execute=True):
        case_reply(case=alice_case, author=bob, body="Ответ")

    assert len(tries) == 2
    assert tries[0] == tries[1]
    assert len(mail.outbox) == 1


def test_sending_gives_up_after_the_last_retry(alice_case, bob, monkeypatch, django_capture_on_commit_callbacks):
    tries = []

    def down(self, fail_silently=False):
        tries.append(1)
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", down)
    with django_capture_on_commit_callbacks(execute=True):
        case_reply(case=alice_case, author=bob, body="Ответ")

    assert len(tries) == len(MAIL_RETRY_DELAYS) + 1  # the last failure fails the task
    assert mail.outbox == []


def test_email_url_configures_smtp_with_starttls_and_credentials() -> None:
    from caselog.settings import email_url_settings

    values = email_url_settings("smtp://support%40example.com:p%40ss@mail.example.com:587/?tls=1&timeout=10")

    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("mail.example.com", 587)
    assert (values["EMAIL_HOST_USER"], values["EMAIL_HOST_PASSWORD"]) == ("support@example.com", "p@ss")
    assert (values["EMAIL_USE_TLS"], values["EMAIL_USE_SSL"], values["EMAIL_TIMEOUT"]) == (True, False, 10)


def test_email_url_smtps_means_implicit_tls_on_465_and_console_needs_no_host() -> None:
    from caselog.settings import email_url_settings

    smtps = email_url_settings("smtps://mail.example.com")
    assert (smtps["EMAIL_PORT"], smtps["EMAIL_USE_SSL"], smtps["EMAIL_USE_TLS"]) == (465, True, False)
    assert email_url_settings("console://")["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
