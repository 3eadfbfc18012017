"""Calendars (when a team works) and SLA policies (what is promised). Nothing here knows about
cases: the cases app points at these models, and caselog/cases/clocks.py connects the two."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from caselog.core.i18n import TranslatedNameMixin


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")

    @classmethod
    def raised(cls, value: str) -> str:
        """The next priority up (urgent stays urgent)."""
        order = list(cls.values)
        return order[min(order.index(value) + 1, len(order) - 1)] if value in order else cls.HIGH.value


class Metric(models.TextChoices):
    FIRST_RESPONSE = "first_response", _("First response")
    NEXT_RESPONSE = "next_response", _("Next response")
    RESOLUTION = "resolution", _("Resolution")


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(available_timezones()) if "/" in name or name == "UTC"]


class Calendar(models.Model):
    """When a team works: a time zone, weekly hours, a country's public holidays, closures
    and one-off exceptions. Departments, queues and support lines point at one."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, choices=time_zone_choices, default="UTC")
    holiday_country = models.CharField(
        _("public holidays of"), max_length=2, blank=True, help_text=_("ISO 3166 country code, e.g. DE")
    )
    holiday_subdivision = models.CharField(_("region"), max_length=8, blank=True, help_text=_("e.g. BE for Berlin"))
    is_default = models.BooleanField(_("default calendar"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        permissions = [("manage_sla", "Can manage calendars and SLA policies and see the SLA report")]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_calendar"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    """One interval of a weekday; several per day are allowed (split hours). A closing time at
    or before the opening time runs past midnight; 00:00-00:00 is the whole day."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["calendar", "weekday", "opens"]
        verbose_name_plural = "opening hours"

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class CalendarException(models.Model):
    """A one-off change to a date's hours: shorter hours on Christmas Eve, a Saturday opened
    for a product launch. Rows for one date replace its weekly hours; a row without times
    closes the date; exceptions win over public holidays."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    name = models.CharField(_("reason"), max_length=120, blank=True)

    class Meta:
        ordering = ["calendar", "date", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens__isnull=True, closes__isnull=True)
                | models.Q(opens__isnull=False, closes__isnull=False),
                name="exception_has_both_times_or_none",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Closure(models.Model):
    """A stretch of time when the team does not work (office move, company event, an entry
    of an imported iCal file)."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        ICAL = "ical", _("Imported from iCal")

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="closures")
    name = models.CharField(_("reason"), max_length=200)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)
    uid = models.CharField(
        max_length=255, blank=True, help_text="iCal UID, so a re-import updates instead of duplicating"
    )

    class Meta:
        ordering = ["calendar", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="closure_ends_after_start"
            ),
            models.UniqueConstraint(fields=["calendar", "uid"], condition=~models.Q(uid=""), name="closure_uid_unique"),
        ]

    def __str__(self) -> str:
        return self.name


def phone_number_validate(value: str) -> None:
    """A support line's number: valid in international form (+49 30 ...)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter the number in international form with its country code, e.g. +49 30 1234567."), code="phone"
        )


class SupportLine(TranslatedNameMixin):
    """A phone line customers call, per region (the store line in Germany, the support line in
    Moscow, the accessibility line): its number and the calendar whose time zone, weekly hours
    and public holidays say when it answers. The contact page lists the lines for the visitor's
    language (and those for every language) with whether each is open now."""

    class Kind(models.TextChoices):
        SUPPORT = "support", _("Technical support")
        STORE = "store", _("Store and orders")
        ACCESSIBILITY = "accessibility", _("Accessibility")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SUPPORT)
    phone = models.CharField(_("phone number"), max_length=32, validators=[phone_number_validate])
    calendar = models.ForeignKey(
        Calendar, on_delete=models.PROTECT, related_name="support_lines", verbose_name=_("business hours")
    )
    language = models.CharField(
        _("listed for"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The contact page in this language lists the line; empty: every language."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def phone_display(self) -> str:
        import phonenumbers

        try:
            number = phonenumbers.parse(self.phone, None)
        except phonenumbers.NumberParseException:
            return self.phone
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def phone_uri(self) -> str:
        return "tel:" + "".join(char for char in self.phone if char.isdigit() or char == "+")


class SLAPolicy(models.Model):
    """What is promised for the request types that use this policy, per priority, and what
    happens when a promise is about to be or has been broken."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    is_default = models.BooleanField(_("default policy"), default=False)
    warn_before = models.DurationField(
        _("warn before breach"), default=timedelta(hours=1), help_text=_("Open time left when the warning goes out")
    )
    breach_raises_priority = models.BooleanField(_("raise the priority at breach"), default=True)
    breach_moves_to_escalation_queue = models.BooleanField(_("move to the escalation queue at breach"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "SLA policy"
        verbose_name_plural = "SLA policies"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_policy"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SLATarget(models.Model):
    policy = models.ForeignKey(SLAPolicy, on_delete=models.CASCADE, related_name="targets")
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices)
    metric = models.CharField(_("clock"), max_length=16, choices=Metric.choices)
    target = models.DurationField(_("target"))
    business_time = models.BooleanField(
        _("in business hours"), default=True, help_text=_("Count only the hours the team's calendar is open")
    )

    class Meta:
        ordering = ["policy", "metric", "priority"]
        verbose_name = "SLA target"
        constraints = [
            models.UniqueConstraint(fields=["policy", "priority", "metric"], name="one_target_per_clock"),
            models.CheckConstraint(condition=models.Q(target__gt=timedelta(0)), name="target_is_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.policy}: {self.get_metric_display()} {self.get_priority_display()} {self.target}"


class Escalation(models.Model):
    """One warning or breach action that went out. The unique constraint is what makes the
    worker send each of them once, however often it runs or retries."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning before breach")
        BREACH = "breach", _("Breach")

    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    metric = models.CharField(max_length=16, choices=Metric.choices)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    cycle_start = models.DateTimeField(help_text="When the clock that breached started")
    due_at = models.DateTimeField()
    recipients = models.JSONField(default=list)
    actions = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "metric", "kind", "cycle_start"], name="escalation_once_per_cycle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.metric} {self.target_type}:{self.target_id}"
