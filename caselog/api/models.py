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
    WEBHOOKS_MANAGE = "webhooks:manage", _("Manage the owner's webhook subscriptions")
    CUSTOMERS_READ = "customers:read", _("Find customers and read their devices and open cases")
    REPAIRS_READ = "repairs:read", _("Read repair orders")
    REPAIRS_WRITE = "repairs:write", _("Move repair orders through their steps")


# What a personal token (any console user's own) may carry: reading and working what its owner
# may in the console. The rest feed data in or out for the whole organisation (diagnostics
# tools, the sync service, the phone system, webhooks): integration tokens, made by managers.
PERSONAL_SCOPES = (
    ApiScope.CASES_READ,
    ApiScope.CASES_WRITE,
    ApiScope.CUSTOMERS_READ,
    ApiScope.DEVICES_READ,
    ApiScope.REPAIRS_READ,
    ApiScope.REPAIRS_WRITE,
)
# Who may hold a personal token: whoever works in the console or the repair shop.
CONSOLE_PERMISSIONS = ("cases.work_case", "repairs.work_repair")


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


class WebhookEvent(models.TextChoices):
    """What a subscription can listen to. The payload's `data` holds the object as the API shows it."""

    CASE_CREATED = "case.created", _("Case created")
    CASE_UPDATED = "case.updated", _("Case updated (status, assignee)")
    CASE_SOLVED = "case.solved", _("Case solved")
    MESSAGE_ADDED = "message.added", _("Message added to a case (reply, note, customer message)")
    REPAIR_STATUS_CHANGED = "repair.status_changed", _("Repair order status changed")
    REFUND_STATE_CHANGED = "refund.state_changed", _("Refund issued or completed")


class WebhookSubscription(models.Model):
    """An endpoint that receives the events it subscribed to, signed with its own secret. It
    only ever receives events about objects its owner may see."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_subscriptions")
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=120, blank=True)
    events = models.JSONField(default=list)
    # Kept (not hashed): every delivery is signed with it. Shown to the owner once, at creation.
    secret = models.CharField(max_length=80)
    is_active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.url

    @property
    def secret_hint(self) -> str:
        return f"{self.secret[:10]}…"


class WebhookDelivery(models.Model):
    """One event for one subscription, with every try: tried at once, then again with growing
    delays until it succeeds or WEBHOOK_RETRY_DELAYS run out."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        RETRYING = "retrying", _("Retrying")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    event_id = models.UUIDField(db_index=True)
    payload = models.JSONField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="api_webhook_due")]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription_id} ({self.state})"
