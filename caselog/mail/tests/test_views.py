from __future__ import annotations

from django.urls import reverse

from caselog.mail.models import InboundMail
from caselog.mail.tests.conftest import mail_bytes
from caselog.mail.tests.factories import InboundMailFactory, MailAttachmentFactory
from conftest import client_for


def quarantined(mailbox, **kwargs):
    return InboundMailFactory(
        mailbox=mailbox,
        status=InboundMail.Status.QUARANTINED,
        reason=InboundMail.Reason.PARSE_ERROR,
        error="KeyError: boundary",
        from_email="ivan@example.ru",
        subject="Телефон",
        **kwargs,
    )


def test_manager_sees_quarantined_mail_with_its_reason(maria, ru_mailbox, django_assert_max_num_queries):
    for _ in range(3):
        quarantined(ru_mailbox)
    client = client_for(maria)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("mail:quarantine"))

    assert response.status_code == 200
    assert response.content.decode().count("ivan@example.ru") == 3
    assert "Could not be parsed" in response.content.decode()


def test_quarantine_says_so_when_it_is_empty(maria):
    response = client_for(maria).get(reverse("mail:quarantine"))

    assert "Nothing in quarantine" in response.content.decode()


def test_agent_gets_404_on_quarantine_pages(bob, ru_mailbox):
    mail = quarantined(ru_mailbox)
    client = client_for(bob)

    assert client.get(reverse("mail:quarantine")).status_code == 404
    assert client.get(reverse("mail:inbound_detail", args=[mail.pk])).status_code == 404
    assert client.get(reverse("mail:inbound_raw", args=[mail.pk])).status_code == 404
    assert client.post(reverse("mail:inbound_retry", args=[mail.pk])).status_code == 404
    assert client.post(reverse("mail:inbound_create_case", args=[mail.pk])).status_code == 404


def test_customer_gets_404_on_quarantine(alice):
    assert client_for(alice).get(reverse("mail:quarantine")).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("mail:quarantine"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_manager_downloads_the_raw_mail_byte_for_byte(maria, ru_mailbox):
    raw = b"Subject: \xff\xfe broken\r\n\r\nbody\x00with nul\r\n"
    mail = quarantined(ru_mailbox, raw=raw)

    response = client_for(maria).get(reverse("mail:inbound_raw", args=[mail.pk]))

    assert response.content == raw
    assert response["Content-Type"] == "message/rfc822"
    assert response["Content-Disposition"] == f'attachment; filename="inbound-{mail.pk}.eml"'


def test_manager_retries_a_quarantined_mail_and_it_becomes_a_case(
    maria, ru_mailbox, django_capture_on_commit_callbacks
):
    mail = quarantined(ru_mailbox, raw=mail_bytes())

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(maria).post(reverse("mail:inbound_retry", args=[mail.pk]))

    assert response.status_code == 302
    mail.refresh_from_db()
    assert mail.status == InboundMail.Status.CASE
    assert mail.case is not None


def test_manager_creates_a_case_anyway_from_a_quarantined_mail(maria, ru_mailbox, wont_charge):
    mail = quarantined(ru_mailbox, raw=mail_bytes(headers={"Auto-Submitted": "auto-replied"}))

    response = client_for(maria).post(
        reverse("mail:inbound_create_case", args=[mail.pk]),
        {"request_type": wont_charge.pk, "contact_email": "ivan@example.ru", "locale": "ru"},
    )

    mail.refresh_from_db()
    assert mail.status == InboundMail.Status.CASE
    assert response.status_code == 302
    assert response["Location"] == mail.case.get_absolute_url()
    assert "заряжается" in mail.case.messages.get().body


def test_create_case_with_a_bad_address_shows_the_error_and_keeps_the_input(maria, ru_mailbox, wont_charge):
    mail = quarantined(ru_mailbox)

    response = client_for(maria).post(
        reverse("mail:inbound_create_case", args=[mail.pk]),
        {"request_type": wont_charge.pk, "contact_email": "not-an-address", "locale": "ru"},
    )

    assert response.status_code == 422
    assert "not-an-address" in response.content.decode()
    assert "has-error" in response.content.decode()
    mail.refresh_from_db()
    assert mail.status == InboundMail.Status.QUARANTINED


def test_agent_downloads_an_attachment_of_a_case_they_work(bob, alice_case):
    attachment = MailAttachmentFactory(
        inbound__case=alice_case, inbound__mailbox__department=alice_case.queue.department
    )

    response = client_for(bob).get(reverse("mail:attachment", args=[attachment.pk]))

    assert response.status_code == 200
    assert response.content == b"\xff\xd8\xff"
    assert response["Content-Type"] == "application/octet-stream"
    assert "photo.jpg" in response["Content-Disposition"]


def test_agent_of_another_department_gets_404_on_attachment(dora, alice_case):
    attachment = MailAttachmentFactory(inbound__case=alice_case)

    assert client_for(dora).get(reverse("mail:attachment", args=[attachment.pk])).status_code == 404


def test_customer_gets_404_on_attachment(charlie, alice_case):
    attachment = MailAttachmentFactory(inbound__case=alice_case)

    assert client_for(charlie).get(reverse("mail:attachment", args=[attachment.pk])).status_code == 404


def test_console_case_page_shows_the_email_panel_with_attachments(bob, alice_case):
    MailAttachmentFactory(inbound__case=alice_case, name="screenshot.png")

    response = client_for(bob).get(alice_case.get_absolute_url())

    assert response.status_code == 200
    assert "screenshot.png" in response.content.decode()
