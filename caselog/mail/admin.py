from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from caselog.audit.admin import AuditedModelAdmin
from caselog.mail.models import BouncedAddress, Mailbox


class MailboxForm(forms.ModelForm[Mailbox]):
    imap_password = forms.CharField(
        required=False,
        widget=forms.PasswordInput(render_value=True),
        help_text="Prefer the environment variable field: a password stored here sits in the database.",
    )

    class Meta:
        model = Mailbox
        fields = [
            "name",
            "address",
            "department",
            "request_type",
            "active",
            "imap_host",
            "imap_port",
            "imap_security",
            "imap_user",
            "imap_password",
            "imap_password_env",
            "imap_folder",
            "imap_idle",
        ]


@admin.register(Mailbox)
class MailboxAdmin(AuditedModelAdmin):
    audit_exclude = ("imap_password",)
    form = MailboxForm
    list_display = ["address", "department", "request_type", "imap_host", "active", "last_fetch_at", "last_error"]
    list_filter = ["active", "department"]
    readonly_fields = ["uidvalidity", "last_uid", "last_fetch_at", "last_error"]

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("department", "request_type")


@admin.register(BouncedAddress)
class BouncedAddressAdmin(AuditedModelAdmin):
    list_display = ["email", "bounces", "last_status", "last_bounced_at"]
    search_fields = ["email"]
