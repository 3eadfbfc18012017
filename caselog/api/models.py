from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    """What a token may do. Endpoints name the scope they need; a token carries a list of them."""

    DEVICES_READ = "devices:read", _("Read devices and coverage")
    DEVICES_DIAGNOSTICS = "devices:diagnostics", _("Post diagnostics reports")
    ACCOUNTS_CONTENT_COUNTS = "accounts:content-counts", _("Report account content counts")
    CASES_READ = "cases:read", _("Read cases (those the token's owner may see)")
    CASES_WRITE = "cases:write", _("Open cases, reply, add notes, change status")
    TELEPHONY_EVENTS = "telephony:events", _("Post phone-system call events")


class ApiToken(models.Model):
    """A bearer token for integrations. Only its SHA-256 is stored; the prefix identifies it in lists."""

    name = models.CharField(_("name"), max_length=80)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    scopes = models.JSONField(default=list)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("manage_apitoken", "Can create and revoke API tokens")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def scopes_display(self) -> list[str]:
        labels = dict(ApiScope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]


class IdempotentRequest(models.Model):
    """The first answer to a creating call sent with an `Idempotency-Key`: the same token sending
    the same key again gets this answer back instead of creating twice."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="idempotent_requests")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64, help_text="SHA-256 of method, path and body")
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    response_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_key_per_token")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status_code})"
