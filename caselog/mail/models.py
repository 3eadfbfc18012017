from __future__ import annotations

import os

from django.db import models
from django.utils.translation import gettext_lazy as _

from caselog.cases.models import Case, Department, Message, RequestType


class Mailbox(models.Model):
    """A support address (e.g. support-ru@) of one department, fetched over IMAP and/or
    delivered to the local LMTP/SMTP listener."""

    class Security(models.TextChoices):
        SSL = "ssl", _("SSL/TLS")
        STARTTLS = "starttls", _("STARTTLS")
        NONE = "none", _("None (local servers only)")

    name = models.CharField(_("name"), max_length=120)
    address = models.EmailField(_("address"), unique=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="mailboxes")
    request_type = models.ForeignKey(
        RequestType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("request type for new cases"),
        help_text=_("Mail does not say what it is about; new cases start with this request type."),
    )
    active = models.BooleanField(_("active"), default=True)
    imap_host = models.CharField(_("IMAP host"), max_length=255, blank=True, help_text=_("Empty: no IMAP fetch."))
    imap_port = models.PositiveIntegerField(_("IMAP port"), default=993)
    imap_security = models.CharField(max_length=16, choices=Security.choices, default=Security.SSL)
    imap_user = models.CharField(_("IMAP user"), max_length=255, blank=True)
    imap_password = models.CharField(
        _("IMAP password"), max_length=255, blank=True, help_text=_("Prefer the environment variable below.")
    )
    imap_password_env = models.CharField(
        _("IMAP password variable"),
        max_length=100,
        blank=True,
        help_text=_("Name of an environment variable holding the password, e.g. MAIL_SUPPORT_RU_PASSWORD."),
    )
    imap_folder = models.CharField(_("IMAP folder"), max_length=255, default="INBOX")
    imap_idle = models.BooleanField(_("use IMAP IDLE"), default=True)
    uidvalidity = models.BigIntegerField(null=True, blank=True, editable=False)
    last_uid = models.BigIntegerField(default=0, editable=False)
    last_fetch_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["address"]
        verbose_name_plural = "mailboxes"

    def __str__(self) -> str:
        return self.address

    @property
    def locale(self) -> str:
        return self.department.language

    def imap_secret(self) -> str:
        if self.imap_password_env:
            return os.environ.get(self.imap_password_env, "")
        return self.imap_password


class InboundMail(models.Model):
    """One received message: its raw bytes, stored unchanged before anything else happens,
    and what became of it."""

    class Source(models.TextChoices):
        IMAP = "imap", _("IMAP")
        SMTP = "smtp", _("LMTP/SMTP listener")
        FILE = "file", _("File import")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received, not yet processed")
        CASE = "case", _("New case")
        REPLY = "reply", _("Added to a case")
        QUARANTINED = "quarantined", _("Quarantined")

    class Reason(models.TextChoices):
        NONE = "", _("—")
        PARSE_ERROR = "parse_error", _("Could not be parsed")
        TIMEOUT = "timeout", _("Parsing took too long")
        TOO_LARGE = "too_large", _("Too large")
        NO_SENDER = "no_sender", _("No sender address")
        FLOOD = "flood", _("Too many mails from this sender")
        AUTO_REPLY = "auto_reply", _("Automatic mail for no known case")
        DELIVERY_ERROR = "delivery_error", _("Could not be added to a case")

    mailbox = models.ForeignKey(Mailbox, null=True, blank=True, on_delete=models.PROTECT, related_name="inbound")
    source = models.CharField(max_length=8, choices=Source.choices)
    remote_id = models.CharField(max_length=100, blank=True, help_text="UIDVALIDITY:UID for IMAP")
    raw = models.BinaryField()
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveIntegerField()
    received_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    reason = models.CharField(max_length=16, choices=Reason.choices, blank=True, default="")
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    mail_message_id = models.CharField(max_length=255, blank=True, db_index=True)
    from_email = models.CharField(max_length=254, blank=True)
    from_name = models.CharField(max_length=150, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    auto_submitted = models.BooleanField(default=False)
    text = models.TextField(blank=True, help_text="The decoded body text, also for mail that became no message")
    parse_ms = models.PositiveIntegerField(null=True, blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="inbound_mails")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mailbox", "remote_id"], condition=~models.Q(remote_id=""), name="inbound_mail_once_per_uid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="quarantined") | ~models.Q(reason=""), name="quarantine_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["from_email", "received_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.from_email or '?'}: {self.subject[:60]}"


class MailAttachment(models.Model):
    """A file from an inbound mail (inline images, attachments, files inside winmail.dat)."""

    inbound = models.ForeignKey(InboundMail, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content = models.BinaryField(blank=True)
    content_id = models.CharField(max_length=255, blank=True)
    inline = models.BooleanField(default=False)
    from_tnef = models.BooleanField(default=False)
    omitted = models.BooleanField(default=False, help_text="Over the size limit: only in the raw message")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class BouncedAddress(models.Model):
    """An address our mail could not be delivered to; agents see the flag on its cases."""

    email = models.CharField(max_length=254, unique=True)
    bounces = models.PositiveIntegerField(default=0)
    last_status = models.CharField(max_length=64, blank=True)
    last_bounced_at = models.DateTimeField()
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-last_bounced_at"]

    def __str__(self) -> str:
        return self.email
