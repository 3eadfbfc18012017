from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caselog.cases.models import Case, Department


class HourlyVolume(models.Model):
    """Contacts of one hour, for one department, channel and language: the history that
    analytics and the forecast read instead of millions of case rows. Live cases after the
    last rolled-up hour are read from the cases app directly."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16, choices=Case.Channel.choices)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    hour_start = models.DateTimeField()
    contacts = models.PositiveIntegerField(default=0)
    # Phone only: answered calls, those answered within the service-level target, hang-ups
    # while waiting, the summed handle time of the answered calls and the summed waiting time
    # of all callers (what estimates the callers' patience for Erlang A).
    answered = models.PositiveIntegerField(default=0)
    answered_in_target = models.PositiveIntegerField(default=0)
    abandoned = models.PositiveIntegerField(default=0)
    handle_seconds = models.PositiveBigIntegerField(default=0)
    wait_seconds = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["hour_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "channel", "language", "hour_start"], name="hourly_volume_unique_cell"
            ),
            models.CheckConstraint(
                condition=models.Q(answered_in_target__lte=models.F("answered")), name="hourly_volume_in_target_le"
            ),
        ]
        indexes = [models.Index(fields=["hour_start", "department"])]

    def __str__(self) -> str:
        return f"{self.department_id} {self.channel} {self.language} {self.hour_start:%Y-%m-%d %H}:00"


class AgentDay(models.Model):
    """How many agents of a department worked on a day (for calls per agent per day)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    agents = models.PositiveIntegerField()

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["department", "day"], name="agent_day_unique")]

    def __str__(self) -> str:
        return f"{self.department_id} {self.day}: {self.agents}"


class Release(models.Model):
    """A software release on the calendar. Past major releases teach the forecast how big
    the contact spike is and how fast it decays; future ones add that spike to the forecast."""

    name = models.CharField(_("name"), max_length=120)
    released_at = models.DateTimeField(_("release time"))
    major = models.BooleanField(_("major release"), default=True)

    class Meta:
        ordering = ["-released_at"]

    def __str__(self) -> str:
        return self.name


class StaffingPolicy(models.Model):
    """The service-level target and planning assumptions of one department."""

    department = models.OneToOneField(Department, on_delete=models.CASCADE, related_name="staffing_policy")
    service_level = models.FloatField(_("service level target"), default=0.8, help_text=_("Share of calls, 0–1"))
    answer_within_seconds = models.PositiveIntegerField(_("answered within (seconds)"), default=20)
    shrinkage = models.FloatField(
        _("shrinkage"), default=0.3, help_text=_("Share of paid time off the phone: breaks, training, absence")
    )
    written_handle_seconds = models.PositiveIntegerField(_("handle time of a written contact (seconds)"), default=420)

    class Meta:
        verbose_name_plural = "staffing policies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service_level__gt=0, service_level__lt=1), name="policy_service_level_share"
            ),
            models.CheckConstraint(
                condition=models.Q(shrinkage__gte=0, shrinkage__lt=1), name="policy_shrinkage_share"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department}: {self.service_level:.0%} in {self.answer_within_seconds}s"


class ShiftKind(models.TextChoices):
    """The shift patterns the planner uses; (start hour, length in hours) in SHIFT_HOURS."""

    EARLY = "early", _("Early 07–15")
    DAY = "day", _("Day 09–17")
    LATE = "late", _("Late 13–21")
    MORNING = "morning", _("Morning 08–12")
    EVENING = "evening", _("Evening 17–21")


SHIFT_HOURS: dict[str, tuple[int, int]] = {
    ShiftKind.EARLY: (7, 8),
    ShiftKind.DAY: (9, 8),
    ShiftKind.LATE: (13, 8),
    ShiftKind.MORNING: (8, 4),
    ShiftKind.EVENING: (17, 4),
}


class Wish(models.Model):
    """What an agent asks of the coming schedules. Honoured where the requirement allows."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        PREFERRED_SHIFT = "preferred_shift", _("Preferred shift")
        WEEKLY_HOURS = "weekly_hours", _("Part-time: at most these hours a week")

    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workforce_wishes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    day = models.DateField(_("date"), null=True, blank=True)
    shift = models.CharField(_("shift"), max_length=16, choices=ShiftKind.choices, blank=True)
    weekly_hours = models.PositiveSmallIntegerField(_("hours a week"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "day", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="day_off") | models.Q(day__isnull=False), name="wish_day_off_has_date"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="preferred_shift") | ~models.Q(shift=""), name="wish_preferred_has_shift"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="weekly_hours") | models.Q(weekly_hours__isnull=False),
                name="wish_weekly_has_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.agent_id})"


class Schedule(models.Model):
    """A proposed or published roster of one department for whole weeks from a Monday."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="schedules")
    starts_on = models.DateField(_("first Monday"))
    weeks = models.PositiveSmallIntegerField(_("weeks"), default=4)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    # {language: {ISO date: [agents for each local hour 0-23]}}: days and hours are the
    # department's local wall clock (see selectors.department_zone).
    requirement = models.JSONField(
        default=dict, help_text="Agents to schedule per language, local day (ISO date) and local hour"
    )
    solver_status = models.CharField(max_length=32, blank=True)
    solve_seconds = models.FloatField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weeks__gte=1, weeks__lte=8), name="schedule_weeks_range"),
        ]

    def __str__(self) -> str:
        return f"{self.department} from {self.starts_on}"

    def get_absolute_url(self) -> str:
        return reverse("workforce:schedule", args=[self.pk])

    @property
    def solver_status_label(self) -> str:
        """The solver's outcome in words (the stored status is OR-Tools' own name)."""
        labels = {
            "OPTIMAL": _("optimal"),
            "OPTIMAL_EACH_WEEK": _("optimal week by week"),
            "FEASIBLE": _("best found in the time allowed"),
            "UNKNOWN": _("no answer in time: quick start plan kept"),
        }
        return str(labels.get(self.solver_status, self.solver_status))

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=7 * self.weeks - 1)

    @property
    def days(self) -> list[date]:
        return [self.starts_on + timedelta(days=i) for i in range(7 * self.weeks)]


class Shift(models.Model):
    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="shifts")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workforce_shifts")
    day = models.DateField()
    kind = models.CharField(max_length=16, choices=ShiftKind.choices)
    # The language the agent answers in during this shift: always one they speak.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        ordering = ["day", "kind", "agent_id"]
        constraints = [models.UniqueConstraint(fields=["schedule", "agent", "day"], name="one_shift_a_day")]

    def __str__(self) -> str:
        return f"{self.agent_id} {self.day} {self.kind}"

    @property
    def start_hour(self) -> int:
        return SHIFT_HOURS[self.kind][0]

    @property
    def hours(self) -> int:
        return SHIFT_HOURS[self.kind][1]

    def starts_at(self, zone: tzinfo | None = None) -> datetime:
        """When the shift starts, its hours being the department's local wall clock."""
        return timezone.make_aware(datetime.combine(self.day, time(self.start_hour)), zone)
