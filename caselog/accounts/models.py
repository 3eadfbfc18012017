from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles are auth groups; permissions hang off the group, never off booleans in views."""

    CUSTOMER = "customer", _("Customer")
    AGENT = "agent", _("Agent")
    MANAGER = "manager", _("Manager")
    TECHNICIAN = "technician", _("Technician")
    MODERATOR = "moderator", _("Moderator")
    PARTNER_AGENT = "partner_agent", _("Partner agent")
    KB_EDITOR = "kb_editor", _("Knowledge-base editor")


class CaselogUserManager(UserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        # Sign-in is by email, whatever its case.
        return self.get(email__iexact=username)


class PartnerOrganisation(models.Model):
    """A carrier or reseller that supports the devices sold in its own stores."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    email = models.EmailField(_("email address"), unique=True)
    locale = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    partner = models.ForeignKey(
        PartnerOrganisation, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )

    objects = CaselogUserManager()  # type: ignore[misc]

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def has_role(self, role: Role) -> bool:
        return self.groups.filter(name=role.value).exists() if self.pk else False

    @property
    def role_names(self) -> set[str]:
        cached: set[str] | None = getattr(self, "_role_names", None)
        if cached is None:
            cached = set(self.groups.values_list("name", flat=True)) if self.pk else set()
            self._role_names = cached
        return cached

    @property
    def is_agent(self) -> bool:
        return bool(self.role_names & {Role.AGENT, Role.MANAGER, Role.PARTNER_AGENT})

    @property
    def is_manager(self) -> bool:
        return Role.MANAGER in self.role_names or self.is_superuser


class PasswordHistory(models.Model):
    """The hash of a password the account once had; the newest N are kept for the reuse rule."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "password history"

    def __str__(self) -> str:
        return f"password of {self.user_id} set {self.created_at:%Y-%m-%d}"


class KnownDevice(models.Model):
    """A browser or app that signed in to the account before; it keeps its own allowance of
    wrong passwords while the account is locked for everyone else. The device proves itself
    with a signed, long-lived cookie that carries `token`."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="known_devices")
    token = models.CharField(max_length=64)
    label = models.CharField(_("device"), max_length=200)
    first_ip = models.GenericIPAddressField(null=True, blank=True)
    last_ip = models.GenericIPAddressField(null=True, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_seen_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="known_device_token_unique_per_user")]

    def __str__(self) -> str:
        return self.label


class SignInAttempt(models.Model):
    """One password check: what the lockout and the throttle count."""

    email = models.CharField(max_length=254, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="sign_in_attempts"
    )
    network = models.CharField(max_length=64)
    device_token = models.CharField(max_length=64, blank=True)
    from_known_device = models.BooleanField(default=False)
    succeeded = models.BooleanField(default=False)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["network", "created_at"], name="signin_attempt_network"),
            models.Index(fields=["user", "created_at"], name="signin_attempt_user"),
        ]

    def __str__(self) -> str:
        return f"{'ok' if self.succeeded else 'failed'} sign-in for {self.email}"


class SecurityLock(models.Model):
    """The account is disabled for security reasons (too many wrong passwords from clients it
    does not know). Only a password reset or an agent lifts it; known devices are not held."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security_locks")
    locked_at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lift_reason = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-locked_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(lifted_at__isnull=True), name="one_active_security_lock_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"security lock on {self.user_id}"


class AccountChange(models.Model):
    """One change to the account (its email included), as the owner and agents see it. Changes
    to plain fields can be reverted; the revert is a change of its own."""

    class Field(models.TextChoices):
        EMAIL = "email", _("Email address")
        FIRST_NAME = "first_name", _("First name")
        LAST_NAME = "last_name", _("Last name")
        PHONE = "phone", _("Phone number")
        LOCALE = "locale", _("Language")
        PASSWORD = "password", _("Password")
        SECURITY_LOCK = "security_lock", _("Security lock")

    class Source(models.TextChoices):
        OWNER = "owner", _("Account owner")
        AGENT = "agent", _("Support agent")
        RESET = "reset", _("Password reset link")
        SYSTEM = "system", _("Security system")
        REVERT = "revert", _("Revert by support")

    REVERTIBLE_FIELDS = (Field.EMAIL, Field.FIRST_NAME, Field.LAST_NAME, Field.PHONE, Field.LOCALE)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_changes")
    field = models.CharField(max_length=32, choices=Field.choices)
    old_value = models.CharField(max_length=254, blank=True)
    new_value = models.CharField(max_length=254, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    reverts = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reverted_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"], name="account_change_user")]

    def __str__(self) -> str:
        return f"{self.field} of {self.user_id}"

    @property
    def is_revertible(self) -> bool:
        return self.field in self.REVERTIBLE_FIELDS


class IdentityCheck(models.Model):
    """An agent verifying a caller before changing the account: answers to questions, then a
    one-time code sent to the mailbox on record and read back by the caller."""

    class State(models.TextChoices):
        CODE_SENT = "code_sent", _("Code sent to the mailbox on record")
        VERIFIED = "verified", _("Verified")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_checks")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=16, choices=State.choices, default=State.CODE_SENT)
    code_salt = models.CharField(max_length=64, blank=True)
    code_sent_to = models.EmailField(blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "agent", "created_at"], name="identity_check_lookup")]

    def __str__(self) -> str:
        return f"identity check of {self.user_id} by {self.agent_id}"


class IdentityQuestionAttempt(models.Model):
    """A wrong or right set of answers to the verification questions; wrong ones are rate-limited."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    succeeded = models.BooleanField()
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"identity answers for {self.user_id}"


class PasswordResetRequest(models.Model):
    """A reset email that went out; counted so the form cannot be used to flood a mailbox."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"reset email to {self.user_id}"
