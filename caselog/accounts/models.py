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
