from __future__ import annotations

import hashlib

import factory

from caselog.cases.tests.factories import DepartmentFactory, RequestTypeFactory
from caselog.mail.models import BouncedAddress, InboundMail, MailAttachment, Mailbox

SIMPLE_MAIL = b"From: Someone <someone@example.com>\r\nSubject: Hello\r\n\r\nHello there.\r\n"


class MailboxFactory(factory.django.DjangoModelFactory[Mailbox]):
    class Meta:
        model = Mailbox

    name = factory.Sequence(lambda n: f"Support {n}")
    address = factory.Sequence(lambda n: f"support-{n}@caselog.example")
    department = factory.SubFactory(DepartmentFactory)
    request_type = factory.SubFactory(RequestTypeFactory)


class InboundMailFactory(factory.django.DjangoModelFactory[InboundMail]):
    class Meta:
        model = InboundMail

    mailbox = factory.SubFactory(MailboxFactory)
    source = InboundMail.Source.SMTP
    raw = SIMPLE_MAIL
    sha256 = factory.LazyAttribute(lambda m: hashlib.sha256(m.raw).hexdigest())
    size = factory.LazyAttribute(lambda m: len(m.raw))


class MailAttachmentFactory(factory.django.DjangoModelFactory[MailAttachment]):
    class Meta:
        model = MailAttachment

    inbound = factory.SubFactory(InboundMailFactory)
    name = "photo.jpg"
    content_type = "image/jpeg"
    content = b"\xff\xd8\xff"
    size = 3


class BouncedAddressFactory(factory.django.DjangoModelFactory[BouncedAddress]):
    class Meta:
        model = BouncedAddress

    email = factory.Sequence(lambda n: f"gone-{n}@example.com")
    bounces = 1
    last_bounced_at = factory.Faker("date_time", tzinfo=__import__("datetime").timezone.utc)
