from __future__ import annotations

from typing import Any

import pytest

from caselog.mail.tests.factories import MailboxFactory


@pytest.fixture
def ru_mailbox(ru_queue: Any, wont_charge: Any) -> Any:
    return MailboxFactory(
        name="Support RU",
        address="support-ru@caselog.example",
        department=ru_queue.department,
        request_type=wont_charge,
    )


@pytest.fixture
def de_mailbox(de_queue: Any, wont_charge: Any) -> Any:
    return MailboxFactory(
        name="Support DE",
        address="support-de@caselog.example",
        department=de_queue.department,
        request_type=wont_charge,
    )


def mail_bytes(
    *,
    sender: str = "Ivan <ivan@example.ru>",
    subject: str = "Телефон не заряжается",
    body: str = "Здравствуйте! Мой телефон не заряжается уже два дня, что делать?",
    headers: dict[str, str] | None = None,
    to: str = "support-ru@caselog.example",
) -> bytes:
    """A simple well-formed mail, for tests that are about routing rather than parsing."""
    from email.message import EmailMessage
    from email.policy import SMTP

    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes(policy=SMTP)
