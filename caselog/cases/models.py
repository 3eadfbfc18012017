from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from caselog.core.i18n import TranslatedNameMixin
from caselog.knowledge.models import ProductGroup, Topic
from caselog.sla.models import Calendar, Priority, SLAPolicy


class Department(models.Model):
    """A team of agents with one language in one country (e.g. Russian-language, Kazakhstan)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    country = models.CharField(_("country"), max_length=2, help_text="ISO 3166 code")
    # SLA: when the department works (caselog/sla) and who hears about breaches.
    calendar = models.ForeignKey(
        Calendar,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="departments",
        verbose_name=_("calendar"),
    )
    team_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("team lead"),
    )

    class Meta:
        ordering = ["language", "name"]

    def __str__(self) -> str:
        return self.name


class Queue(models.Model):
    """Where cases wait for agents: a department's queue for some product groups."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="queues")
    name = models.CharField(_("name"), max_length=120)
    product_groups = models.ManyToManyField(ProductGroup, related_name="queues", blank=True)
    # SLA: a queue may keep other hours than its department; breached cases may move on.
    calendar = models.ForeignKey(
        Calendar, null=True, blank=True, on_delete=models.SET_NULL, related_name="queues", verbose_name=_("calendar")
    )
    escalation_queue = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("escalation queue")
    )

    class Meta:
        ordering = ["department", "name"]
        constraints = [models.UniqueConstraint(fields=["department", "name"], name="queue_name_unique_in_department")]

    def __str__(self) -> str:
        return f"{self.department} / {self.name}"


class AgentProfile(models.Model):
    """What an agent may work: their departments and the languages they speak."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_profile")
    departments = models.ManyToManyField(Department, related_name="agents", blank=True)
    languages = models.JSONField(default=list, help_text="Language codes the agent answers in")

    def __str__(self) -> str:
        return str(self.user)


class RequestType(TranslatedNameMixin):
    """A specific request from the contact form's list; it decides extra fields and the promise."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="request_types")
    slug = models.SlugField()
    needs_order_number = models.BooleanField(default=False)
    first_response_hours = models.PositiveIntegerField(default=48)
    sla_policy = models.ForeignKey(
        SLAPolicy,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="request_types",
        verbose_name=_("SLA policy"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["topic", "position", "slug"]
        constraints = [models.UniqueConstraint(fields=["topic", "slug"], name="request_type_slug_unique_in_topic")]

    @property
    def first_response_time(self) -> timedelta:
        return timedelta(hours=self.first_response_hours)


class Case(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("Open")
        WAITING = "waiting", _("Waiting on customer")
        SOLVED = "solved", _("Solved")
        CLOSED = "closed", _("Closed")

    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        COMMUNITY = "community", _("Community")

    OPEN_STATUSES = (Status.NEW, Status.OPEN, Status.WAITING)

    number = models.CharField(max_length=20, unique=True, null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.WEB)
    locale = models.CharField(max_length=8, choices=settings.LANGUAGES)
    product_group = models.ForeignKey(ProductGroup, on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    request_type = models.ForeignKey(RequestType, on_delete=models.PROTECT, related_name="cases")
    order_number = models.CharField(_("order number"), max_length=40, blank=True)
    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="cases")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_cases"
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("email"), db_index=True)
    contact_method = models.CharField(max_length=8, choices=ContactMethod.choices, default=ContactMethod.EMAIL)
    contact_phone = models.CharField(_("phone number"), max_length=32, blank=True)
    solved_by = models.ForeignKey(
        "knowledge.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="solved_cases"
    )
    first_response_due = models.DateTimeField()
    first_responded_at = models.DateTimeField(null=True, blank=True)
    # SLA clocks (caselog/cases/clocks.py keeps them): a null due time is a clock that is not
    # running (answered, resolved, or paused while waiting on the customer).
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    next_response_started_at = models.DateTimeField(null=True, blank=True)
    next_response_due = models.DateTimeField(null=True, blank=True)
    resolution_due = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    sla_pauses = models.JSONField(
        default=list, blank=True, help_text="[[paused at, resumed at or null], ...] ISO times"
    )
    sla_breach_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="The earliest running due time"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["first_response_due", "id"]
        permissions = [
            ("work_case", "Can work cases in the agent console"),
            ("manage_queues", "Can manage queues, departments and see every case"),
        ]
        indexes = [models.Index(fields=["queue", "status", "first_response_due"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(contact_method="phone") | ~models.Q(contact_phone=""),
                name="case_phone_contact_has_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number or '—'} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("console:case", args=[self.number])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Message(models.Model):
    class Kind(models.TextChoices):
        CUSTOMER = "customer", _("Customer message")
        REPLY = "reply", _("Reply to the customer")
        NOTE = "note", _("Internal note")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    # The Message-ID of the mail this message came in as or went out as, so that replies
    # to it thread back to its case (caselog/mail).
    mail_message_id = models.CharField(max_length=255, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.case_id}"

    @property
    def is_public(self) -> bool:
        return self.kind != self.Kind.NOTE


class CallLog(models.Model):
    class Outcome(models.TextChoices):
        SOLVED = "solved", _("Solved on the call")
        FOLLOW_UP = "follow_up", _("Follow-up needed")
        ESCALATED = "escalated", _("Escalated")
        DROPPED = "dropped", _("Call dropped")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="calls")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calls")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="call_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["agent"], condition=models.Q(ended_at__isnull=True), name="one_open_call_per_agent"
            ),
        ]

    def __str__(self) -> str:
        return f"Call on {self.case_id} by {self.agent_id}"

    @property
    def duration(self) -> timedelta | None:
        return self.ended_at - self.started_at if self.ended_at else None

    @property
    def duration_display(self) -> str:
        """ "12:05" (minutes:seconds), hours in front when a call runs that long."""
        if self.duration is None:
            return ""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class PhoneCall(models.Model):
    """One call as the phone system reports it, by the phone system's own call id. Its events may
    arrive twice or out of order: each moment is kept once (the first report wins), and the call
    is logged on the case once both the answer and the end are known."""

    # The token's owner: two phone systems may well use the same call ids.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    external_id = models.CharField(max_length=100)
    line = models.CharField(max_length=40, blank=True)
    caller = models.CharField(max_length=40, blank=True)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    call_log = models.OneToOneField(
        CallLog, null=True, blank=True, on_delete=models.SET_NULL, related_name="phone_call"
    )
    rang_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, blank=True)
    # Screen pop: the agent a ringing event named sees the caller in the console until the call
    # is answered by someone else or ends, or the agent dismisses it (then pop_closed_at is set).
    pop_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pop_closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Moved here from the api app (phone calls are the cases' business): same table.
        db_table = "api_phonecall"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["owner", "external_id"], name="api_phone_call_once")]
        indexes = [
            # The console polls this every few seconds: only open pops are in the index.
            models.Index(
                fields=["pop_agent", "rang_at"],
                name="api_phone_call_pop_open",
                condition=models.Q(pop_closed_at__isnull=True, pop_agent__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.external_id
