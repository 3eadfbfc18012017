"""Products, devices, their coverage, service history and diagnostics; and what the console
may know about a customer's account: service switches, content counts (never content) and
communication needs. There is deliberately no location field anywhere in this app."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from caselog.accounts.models import PartnerOrganisation
from caselog.core.i18n import TranslatedNameMixin

SERIAL_PATTERN = re.compile(r"^[A-HJ-NP-Z0-9]{10,12}$")


def serial_normalise(raw: str) -> str:
    """Upper case without the spaces and dashes people type or labels print."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def serial_validate(value: str) -> None:
    """Serials are 10-12 letters and digits, never the letters O or I (they read as 0 and 1)."""
    if not value:
        raise ValidationError(_("Enter a serial number."), code="required")
    if re.search(r"[^A-Z0-9]", value):
        raise ValidationError(_("A serial number has only letters and digits."), code="characters")
    if "O" in value or "I" in value:
        raise ValidationError(
            _("Serial numbers never contain the letters O or I: did you mean the digits 0 or 1?"), code="o_or_i"
        )
    if not SERIAL_PATTERN.match(value):
        raise ValidationError(
            _("A serial number has 10 to 12 characters; this one has %(count)d."),
            code="length",
            params={"count": len(value)},
        )


def default_phone_support_days() -> int:
    return int(settings.PHONE_SUPPORT_DAYS.days)


def default_warranty_days() -> int:
    return int(settings.HARDWARE_WARRANTY_DAYS.days)


class ProductLine(TranslatedNameMixin):
    """A family of products (iPhone, iPad, Mac) and its coverage rules."""

    slug = models.SlugField(unique=True)
    phone_support_days = models.PositiveIntegerField(
        _("complimentary phone support (days)"),
        default=default_phone_support_days,
        help_text=_("Days after purchase with phone support; the number of calls is not limited."),
    )
    warranty_days = models.PositiveIntegerField(_("hardware warranty (days)"), default=default_warranty_days)

    class Meta:
        ordering = ["slug"]

    @property
    def phone_support_period(self) -> timedelta:
        return timedelta(days=self.phone_support_days)

    @property
    def warranty_period(self) -> timedelta:
        return timedelta(days=self.warranty_days)


class Product(TranslatedNameMixin):
    """A model people buy: names are marketing names per language, `internal_name` the model code."""

    line = models.ForeignKey(ProductLine, on_delete=models.PROTECT, related_name="products")
    slug = models.SlugField(unique=True)
    internal_name = models.CharField(_("model code"), max_length=40, blank=True)
    released_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["line", "-released_on", "slug"]


class CoveragePlan(TranslatedNameMixin):
    """A paid extended plan: phone support and hardware coverage, in days from the purchase date."""

    line = models.ForeignKey(ProductLine, on_delete=models.PROTECT, related_name="plans")
    slug = models.SlugField(unique=True)
    phone_support_days = models.PositiveIntegerField(_("phone support (days from purchase)"))
    warranty_days = models.PositiveIntegerField(_("hardware coverage (days from purchase)"))

    class Meta:
        ordering = ["line", "slug"]


class Device(models.Model):
    class PurchaseDateSource(models.TextChoices):
        UNKNOWN = "unknown", _("Not validated")
        SALES_RECORD = "sales_record", _("Sales record")
        RECEIPT = "receipt", _("Verified proof of purchase")

    serial = models.CharField(_("serial number"), max_length=12, unique=True, validators=[serial_validate])
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="devices")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="devices"
    )
    partner = models.ForeignKey(
        PartnerOrganisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="devices_sold",
        verbose_name=_("sold through"),
        help_text=_("Empty when we sold it ourselves."),
    )
    purchase_date = models.DateField(_("purchase date"), null=True, blank=True)
    purchase_date_source = models.CharField(
        max_length=16, choices=PurchaseDateSource.choices, default=PurchaseDateSource.UNKNOWN
    )
    plan = models.ForeignKey(CoveragePlan, null=True, blank=True, on_delete=models.PROTECT, related_name="devices")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-purchase_date", "serial"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purchase_date_source="unknown") | models.Q(purchase_date__isnull=False),
                name="device_validated_purchase_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} ({self.serial})"

    def get_absolute_url(self) -> str:
        return reverse("console:device", args=[self.serial])

    @property
    def purchase_date_valid(self) -> bool:
        return self.purchase_date_source != self.PurchaseDateSource.UNKNOWN


def receipt_upload_to(instance: ProofOfPurchase, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"receipts/{instance.device.serial}/{date.today():%Y%m%d}-{instance.device.serial}.{extension}"


class ProofOfPurchase(models.Model):
    """A receipt the owner uploaded; an agent verifies it and the verified date becomes the
    device's purchase date. Rejected and superseded receipts stay, so the history keeps both."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="receipts")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=receipt_upload_to, max_length=200)
    content_type = models.CharField(max_length=40)
    claimed_purchase_date = models.DateField(_("purchase date on the receipt"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    verified_purchase_date = models.DateField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(max_length=300, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="verified") | models.Q(verified_purchase_date__isnull=False),
                name="receipt_verified_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"Receipt for {self.device.serial} ({self.status})"


class DeviceEvent(models.Model):
    """One entry of the device's service history. Other apps (repairs, diagnostics, coverage)
    write here through `device_history_add`; `source` + `reference` make their writes idempotent."""

    class Kind(models.TextChoices):
        PURCHASE = "purchase", _("Purchase")
        COVERAGE = "coverage", _("Coverage change")
        DIAGNOSTICS = "diagnostics", _("Diagnostics")
        REPAIR = "repair", _("Repair")
        SERVICE = "service", _("Service")
        OWNERSHIP = "ownership", _("Ownership")

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=32, default="devices")
    reference = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["device", "-occurred_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["device", "source", "reference"],
                condition=~models.Q(reference=""),
                name="device_event_reference_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class Component(models.TextChoices):
    BATTERY = "battery", _("Battery")
    DISPLAY = "display", _("Display")
    REAR_CAMERA = "rear_camera", _("Rear camera")
    FRONT_CAMERA = "front_camera", _("Front camera")
    SENSORS = "sensors", _("Sensors")
    STORAGE = "storage", _("Storage")
    CHARGING_PORT = "charging_port", _("Charging port")
    LIQUID_CONTACT = "liquid_contact", _("Liquid contact indicators")
    SPEAKER = "speaker", _("Speaker")
    MICROPHONE = "microphone", _("Microphone")
    WIRELESS = "wireless", _("Wi-Fi and Bluetooth")
    CELLULAR = "cellular", _("Cellular")
    BIOMETRICS = "biometrics", _("Face ID / Touch ID")


class DiagnosticRequest(models.Model):
    """An agent asks for a fresh report; nothing runs until the owner consents."""

    class Status(models.TextChoices):
        AWAITING_CONSENT = "awaiting_consent", _("Waiting for the customer's consent")
        CONSENTED = "consented", _("Consented: waiting for the report")
        DECLINED = "declined", _("Declined by the customer")
        COMPLETED = "completed", _("Report received")

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="diagnostic_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING_CONSENT, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Diagnostics request for {self.device.serial} ({self.status})"


class DiagnosticReport(models.Model):
    class Result(models.TextChoices):
        PASS = "pass", _("Pass")
        WARNING = "warning", _("Warning")
        FAIL = "fail", _("Fail")

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="diagnostic_reports")
    request = models.OneToOneField(
        DiagnosticRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="report"
    )
    tool = models.CharField(max_length=80, help_text="What produced the report (API token name, tool version)")
    ran_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ran_at", "-id"]
        indexes = [models.Index(fields=["device", "-ran_at"])]

    def __str__(self) -> str:
        return f"Diagnostics of {self.device.serial} at {self.ran_at:%Y-%m-%d %H:%M}"


class DiagnosticResult(models.Model):
    report = models.ForeignKey(DiagnosticReport, on_delete=models.CASCADE, related_name="results")
    component = models.CharField(max_length=20, choices=Component.choices)
    result = models.CharField(max_length=8, choices=DiagnosticReport.Result.choices)
    measurements = models.JSONField(default=dict, blank=True, help_text="Name to number or short text")

    class Meta:
        ordering = ["component"]
        constraints = [models.UniqueConstraint(fields=["report", "component"], name="diagnostic_result_component_once")]

    def __str__(self) -> str:
        return f"{self.component}: {self.result}"


class AccountService(models.TextChoices):
    MESSAGING = "messaging", _("Messaging")
    VIDEO_CALLING = "video_calling", _("Video calling")
    KEYCHAIN = "keychain", _("Keychain")


class AccountServiceState(models.Model):
    """A service switched off (or back on) for one account; no row means it is on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="service_states")
    service = models.CharField(max_length=16, choices=AccountService.choices)
    enabled = models.BooleanField(default=True)
    reason = models.CharField(max_length=300)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["service"]
        permissions = [("manage_account_services", "Can switch account services off and on")]
        constraints = [models.UniqueConstraint(fields=["user", "service"], name="account_service_once_per_user")]

    def __str__(self) -> str:
        return f"{self.service} {'on' if self.enabled else 'off'} for {self.user_id}"


class AccountContentCounts(models.Model):
    """How much an account holds, as numbers reported by the sync service. Never the content."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="content_counts")
    photos = models.PositiveIntegerField(default=0)
    contacts = models.PositiveIntegerField(default=0)
    notes = models.PositiveIntegerField(default=0)
    backup_bytes = models.PositiveBigIntegerField(default=0)
    reported_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Content counts of {self.user_id}"


class CommunicationNeed(models.TextChoices):
    HEARING = "hearing", _("Deaf or hard of hearing")
    VISION = "vision", _("Blind or low vision")
    SPEECH = "speech", _("Speech impairment")
    MOBILITY = "mobility", _("Limited mobility or dexterity")
    COGNITIVE = "cognitive", _("Cognitive or learning needs")


class ContactMode(models.TextChoices):
    EMAIL = "email", _("Email")
    TEXT_CHAT = "text_chat", _("Text chat")
    SIGN_LANGUAGE_VIDEO = "sign_video", _("Video call with sign language")
    TEXT_TELEPHONE = "tty", _("Text telephone (TTY / RTT)")
    PHONE = "phone", _("Phone")


class AccessibilityProfile(models.Model):
    """A customer's communication needs and preferred ways to be reached, kept out of User."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accessibility")
    needs = models.JSONField(default=list, blank=True)
    contact_modes = models.JSONField(default=list, blank=True)
    note = models.CharField(_("anything else we should know"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Accessibility profile of {self.user_id}"

    def needs_display(self) -> list[str]:
        labels = dict(CommunicationNeed.choices)
        return [str(labels[need]) for need in self.needs if need in labels]

    def contact_modes_display(self) -> list[str]:
        labels = dict(ContactMode.choices)
        return [str(labels[mode]) for mode in self.contact_modes if mode in labels]


class CustomerPhone(models.Model):
    """The account phone number normalised to E.164, indexed for the console look-up. Kept in
    step with User.phone by `customer_phone_sync` (accounts owns the typed number)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="phone_index")
    e164 = models.CharField(max_length=20, db_index=True)

    def __str__(self) -> str:
        return self.e164
