"""The SLA clocks on cases: which calendar and policy a case follows, its three clocks (first
response, next response, resolution), pausing while it waits on the customer, recomputing
after a calendar or policy change, escalation, the console's panel and the attainment report.

The calendars, policies and the business-time engine are the sla app's; this module applies
them to cases. The cases services call `sla_on_change()` inside their transaction; everything
else here is called by tasks (`caselog.cases.tasks`), commands and views."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from caselog.accounts.models import User
from caselog.audit.services import audit_record
from caselog.cases.models import Case, Queue, RequestType
from caselog.core.outbox import mail_send, text_render
from caselog.sla.calendars import calendar_clock_fresh
from caselog.sla.engine import CALENDAR_TIME, BusinessClock, CalendarNeverOpensError, Clock, due_with_pauses
from caselog.sla.models import Calendar, Escalation, Metric, Priority, SLAPolicy, SLATarget

logger = logging.getLogger(__name__)

PAUSED_STATUSES = (Case.Status.WAITING, Case.Status.SOLVED)
"""The clocks stop while the case waits on the customer or is solved (until they answer)."""
ESCALATION_LOOKAHEAD = timedelta(days=14)
"""The worker looks at cases whose earliest due time is at most this far ahead."""
SLA_FIELDS = ["first_response_due", "next_response_due", "resolution_due", "sla_breach_at"]
RECOMPUTE_FIELDS = [
    *SLA_FIELDS,
    "queue_id",
    "request_type_id",
    "status",
    "priority",
    "created_at",
    "first_responded_at",
    "resolved_at",
    "next_response_started_at",
    "sla_pauses",
]


@dataclass(frozen=True)
class Target:
    target: timedelta
    business_time: bool


class SLAContext:
    """Policies, targets, calendars (compiled once) and which queue and request type use
    which, loaded once for a batch of cases, so that computing a case needs no query and no
    related objects."""

    def __init__(self) -> None:
        self.policies: dict[int, SLAPolicy] = {}
        self.targets: dict[tuple[int, str, str], Target] = {}
        for target in SLATarget.objects.select_related("policy"):
            self.policies[target.policy_id] = target.policy
            self.targets[(target.policy_id, target.priority, target.metric)] = Target(
                target.target, target.business_time
            )
        default = SLAPolicy.objects.filter(is_default=True).first()
        self.default_policy_id = default.pk if default else None
        if default:
            self.policies.setdefault(default.pk, default)
        self._calendars: dict[int, Calendar] = {c.pk: c for c in Calendar.objects.all()}
        default_calendar = next((c for c in self._calendars.values() if c.is_default), None)
        self.default_calendar_id = default_calendar.pk if default_calendar else None
        self._clocks: dict[int, BusinessClock] = {}
        self._queue_calendars: dict[int, int | None] | None = None
        self._request_types: dict[int, tuple[int | None, timedelta]] | None = None

    def _request_type(self, request_type_id: int) -> tuple[int | None, timedelta]:
        if self._request_types is None or request_type_id not in self._request_types:
            self._request_types = {
                pk: (policy_id, timedelta(hours=hours))
                for pk, policy_id, hours in RequestType.objects.values_list(
                    "pk", "sla_policy_id", "first_response_hours"
                )
            }
        return self._request_types[request_type_id]

    def policy_id(self, case: Case) -> int | None:
        return self._request_type(case.request_type_id)[0] or self.default_policy_id

    def promised_first_response(self, case: Case) -> timedelta:
        """The request type's own promise, used when no policy covers the case."""
        return self._request_type(case.request_type_id)[1]

    def policy(self, case: Case) -> SLAPolicy | None:
        policy_id = self.policy_id(case)
        return self.policies.get(policy_id) if policy_id else None

    def target(self, case: Case, metric: str) -> Target | None:
        policy_id = self.policy_id(case)
        if policy_id is None:
            return None
        return self.targets.get((policy_id, case.priority, metric)) or self.targets.get(
            (policy_id, Priority.NORMAL, metric)
        )

    def calendar_id(self, queue_id: int) -> int | None:
        if self._queue_calendars is None or queue_id not in self._queue_calendars:
            self._queue_calendars = {
                pk: own or department or self.default_calendar_id
                for pk, own, department in Queue.objects.values_list("pk", "calendar_id", "department__calendar_id")
            }
        return self._queue_calendars.get(queue_id, self.default_calendar_id)

    def calendar(self, queue_id: int) -> Calendar | None:
        calendar_id = self.calendar_id(queue_id)
        return self._calendars.get(calendar_id) if calendar_id else None

    def business_clock(self, queue_id: int) -> Clock:
        calendar_id = self.calendar_id(queue_id)
        if calendar_id is None or calendar_id not in self._calendars:
            return CALENDAR_TIME
        if calendar_id not in self._clocks:
            self._clocks[calendar_id] = calendar_clock_fresh(self._calendars[calendar_id])
        return self._clocks[calendar_id]

    def clock(self, case: Case, target: Target) -> Clock:
        return self.business_clock(case.queue_id) if target.business_time else CALENDAR_TIME


# --- pauses ---------------------------------------------------------------------------


def _pauses(case: Case) -> list[tuple[datetime, datetime | None]]:
    return [
        (datetime.fromisoformat(start), datetime.fromisoformat(end) if end else None)
        for start, end in case.sla_pauses or []
    ]


def _is_paused(case: Case) -> bool:
    return bool(case.sla_pauses) and case.sla_pauses[-1][1] is None


def _pause(case: Case, now: datetime) -> None:
    if not _is_paused(case):
        case.sla_pauses = [*case.sla_pauses, [now.isoformat(), None]]


def _resume(case: Case, now: datetime) -> None:
    if _is_paused(case):
        case.sla_pauses = [*case.sla_pauses[:-1], [case.sla_pauses[-1][0], now.isoformat()]]


# --- clocks ---------------------------------------------------------------------------


def _due(
    context: SLAContext,
    case: Case,
    metric: str,
    start: datetime,
    pauses: list[tuple[datetime, datetime | None]],
    *,
    pauses_end_at: datetime | None = None,
) -> datetime | None:
    target = context.target(case, metric)
    if target is None:
        if metric != Metric.FIRST_RESPONSE:
            return None
        # No policy: the request type's own promise, in calendar time (what the customer was told).
        target = Target(context.promised_first_response(case), business_time=False)
    if pauses_end_at is not None:
        # A resolved case's clock stopped for good: a pause still open then ends there.
        pauses = [(begin, end if end is not None else max(begin, pauses_end_at)) for begin, end in pauses]
    try:
        return due_with_pauses(context.clock(case, target), start=start, target=target.target, pauses=pauses)
    except CalendarNeverOpensError:
        logger.warning("Calendar of queue %s never opens; %s of %s runs in calendar time", case.queue_id, metric, case)
        return due_with_pauses(CALENDAR_TIME, start=start, target=target.target, pauses=pauses)


def sla_compute(case: Case, *, context: SLAContext | None = None) -> list[str]:
    """Set the case's due times from its policy, calendar and pauses; returns changed fields."""
    context = context or SLAContext()
    before = {name: getattr(case, name) for name in SLA_FIELDS}
    start = case.created_at or timezone.now()
    pauses = _pauses(case)
    first_due = _due(context, case, Metric.FIRST_RESPONSE, start, pauses)
    if first_due is not None:
        case.first_response_due = first_due
    # A resolved case keeps the due time it was measured against (for the report).
    case.resolution_due = _due(context, case, Metric.RESOLUTION, start, pauses, pauses_end_at=case.resolved_at)
    case.next_response_due = (
        _due(context, case, Metric.NEXT_RESPONSE, case.next_response_started_at, pauses)
        if case.next_response_started_at
        else None
    )
    running = [case.next_response_due, None if case.resolved_at else case.resolution_due]
    if case.first_responded_at is None and first_due is not None:
        running.append(case.first_response_due)
    dues = [due for due in running if due is not None]
    # While the case waits on the customer nothing can be done about it: it sorts last and
    # is not escalated, even when a clock had run out before the pause.
    running_now = case.status in Case.OPEN_STATUSES and not _is_paused(case)
    case.sla_breach_at = min(dues) if dues and running_now else None
    return [name for name in SLA_FIELDS if getattr(case, name) != before[name]]


def sla_on_change(
    case: Case,
    *,
    previous_status: str | None,
    customer_wrote: bool = False,
    agent_replied: bool = False,
    now: datetime | None = None,
    context: SLAContext | None = None,
) -> list[str]:
    """Move the clocks after a change to the case (called by the cases services inside their
    transaction, after they set status and first_responded_at; the case is not saved here).
    Returns the fields to add to the caller's update_fields."""
    now = now or timezone.now()
    pauses_before = list(case.sla_pauses or [])
    fields: list[str] = []
    was_paused = previous_status in PAUSED_STATUSES
    if case.status in PAUSED_STATUSES and not was_paused:
        _pause(case, now)
    elif case.status not in PAUSED_STATUSES and _is_paused(case):
        _resume(case, now)
    resolved = case.status in (Case.Status.SOLVED, Case.Status.CLOSED)
    if resolved and case.resolved_at is None:
        case.resolved_at = now
        fields.append("resolved_at")
    elif not resolved and case.resolved_at is not None:
        case.resolved_at = None
        fields.append("resolved_at")
    if agent_replied and case.next_response_started_at is not None:
        case.next_response_started_at = None
        fields.append("next_response_started_at")
    if customer_wrote and case.first_responded_at is not None and case.next_response_started_at is None:
        case.next_response_started_at = now
        fields.append("next_response_started_at")
    if case.sla_pauses != pauses_before:
        fields.append("sla_pauses")
    return fields + sla_compute(case, context=context)


class _CaseRow:
    """The fields of a case that its due times depend on, as plain attributes."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def sla_recompute(cases: QuerySet[Case], *, batch_size: int = 2000) -> int:
    """Recompute the due times of these cases (after a calendar or policy change); returns how
    many changed. One policy/calendar load for the whole batch, one UPDATE per changed chunk."""
    context = SLAContext()
    changed: list[Case] = []
    count = 0
    names = ["pk", *RECOMPUTE_FIELDS]
    rows = cases.filter(status__in=Case.OPEN_STATUSES).values_list(*names)
    for values in rows.iterator(chunk_size=batch_size):
        # A plain row instead of a model instance: building 100,000 Case objects costs more
        # than computing their due times. sla_compute only reads and sets these attributes.
        case = cast(Case, _CaseRow(dict(zip(names, values, strict=True))))
        if sla_compute(case, context=context):
            changed.append(case)
        if len(changed) >= batch_size:
            count += _flush(changed, batch_size)
    count += _flush(changed, batch_size)
    return count


def _flush(changed: list[Case], batch_size: int) -> int:
    """Write the due times of these cases. One prepared UPDATE run for many rows: Django's
    bulk_update builds a CASE expression per field and row, which is slow at this size."""
    if not changed:
        return 0
    meta = Case._meta
    quote = connection.ops.quote_name
    columns = [str(meta.get_field(name).column) for name in SLA_FIELDS]  # type: ignore[union-attr]
    assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(str(meta.pk.column))} = %s"  # noqa: S608
    adapt = connection.ops.adapt_datetimefield_value
    rows = [[adapt(getattr(case, name)) for name in SLA_FIELDS] + [case.pk] for case in changed]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            chunk = rows[start : start + batch_size]
            if connection.vendor == "postgresql":
                # One statement per chunk: UPDATE ... FROM (VALUES ...), not one round trip a row.
                row_sql = "(" + ", ".join(["%s::timestamptz"] * len(columns)) + ", %s)"
                names = ", ".join(quote(column) for column in columns)
                sets = ", ".join(f"{quote(column)} = v.{quote(column)}" for column in columns)
                cursor.execute(
                    f"UPDATE {quote(meta.db_table)} AS c SET {sets} "  # noqa: S608
                    f"FROM (VALUES {', '.join([row_sql] * len(chunk))}) AS v({names}, id) "
                    f"WHERE c.{quote(str(meta.pk.column))} = v.id",
                    [value for row in chunk for value in row],
                )
            else:
                cursor.executemany(sql, chunk)
    count = len(changed)
    changed.clear()
    return count


def cases_using_calendar(calendar: Calendar) -> QuerySet[Case]:
    """The open cases whose clocks run on this calendar (directly, or as the default)."""
    uses = Q(queue__calendar=calendar) | Q(queue__calendar__isnull=True, queue__department__calendar=calendar)
    if calendar.is_default:
        uses |= Q(queue__calendar__isnull=True, queue__department__calendar__isnull=True)
    return Case.objects.filter(uses, status__in=Case.OPEN_STATUSES)


def cases_using_policy(policy: SLAPolicy) -> QuerySet[Case]:
    uses = Q(request_type__sla_policy=policy)
    if policy.is_default:
        uses |= Q(request_type__sla_policy__isnull=True)
    return Case.objects.filter(uses, status__in=Case.OPEN_STATUSES)


# --- escalation -----------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    metric: str
    due: datetime
    cycle_start: datetime


def running_clocks(case: Case) -> list[Due]:
    """The clocks that are running now, with the moment each cycle started."""
    if case.status not in Case.OPEN_STATUSES or _is_paused(case):
        return []
    clocks = []
    if case.first_responded_at is None:
        clocks.append(Due(Metric.FIRST_RESPONSE, case.first_response_due, case.created_at))
    if case.next_response_due and case.next_response_started_at:
        clocks.append(Due(Metric.NEXT_RESPONSE, case.next_response_due, case.next_response_started_at))
    if case.resolution_due and case.resolved_at is None:
        clocks.append(Due(Metric.RESOLUTION, case.resolution_due, case.created_at))
    return clocks


def _recipients(case: Case, kind: str) -> list[User]:
    lead = case.queue.department.team_lead
    people = [case.assignee, lead] if kind == Escalation.Kind.BREACH or case.assignee is None else [case.assignee]
    if kind == Escalation.Kind.WARNING and case.assignee is None:
        people = [lead]
    unique: dict[int, User] = {p.pk: p for p in people if p is not None and p.is_active}
    return list(unique.values())


def sla_escalate(*, now: datetime | None = None) -> list[Escalation]:
    """Send the warnings and breach actions that are due now, each once. A warning or breach
    that falls outside the team's calendar waits for its next opening: nobody gets an
    escalation at 3 a.m. on a Sunday, and it is not lost either."""
    now = now or timezone.now()
    context = SLAContext()
    candidates = (
        Case.objects.filter(status__in=Case.OPEN_STATUSES, sla_breach_at__lte=now + ESCALATION_LOOKAHEAD)
        .select_related("queue__department__team_lead", "queue__escalation_queue", "request_type", "assignee")
        .order_by("sla_breach_at")
    )
    sent: list[Escalation] = []
    for case in candidates.iterator(chunk_size=500):
        team_clock = context.business_clock(case.queue_id)
        if not team_clock.is_open(now):
            continue
        policy = context.policy(case)
        warn_before = policy.warn_before if policy else timedelta(0)
        for clock in running_clocks(case):
            if clock.due <= now:
                kind = Escalation.Kind.BREACH
            elif warn_before and _left(context, case, clock, now) <= warn_before:
                kind = Escalation.Kind.WARNING
            else:
                continue
            escalation = _escalate(case=case, clock=clock, kind=kind, policy=policy, now=now, context=context)
            if escalation is not None:
                sent.append(escalation)
    return sent


def _left(context: SLAContext, case: Case, clock: Due, now: datetime) -> timedelta:
    """Time left on the clock, counted the way its target is (business or calendar time)."""
    target = context.target(case, clock.metric)
    measure = context.clock(case, target) if target else CALENDAR_TIME
    return measure.between(now, clock.due)


def _escalate(
    *, case: Case, clock: Due, kind: str, policy: SLAPolicy | None, now: datetime, context: SLAContext
) -> Escalation | None:
    recipients = _recipients(case, kind)
    try:
        with transaction.atomic():
            locked = Case.objects.select_for_update().select_related("queue__department").get(pk=case.pk)
            actions: list[str] = []
            update: list[str] = []
            if kind == Escalation.Kind.BREACH and policy is not None:
                if policy.breach_raises_priority and locked.priority != Priority.URGENT:
                    locked.priority = Priority.raised(locked.priority)
                    actions.append(f"priority:{locked.priority}")
                    update.append("priority")
                target_queue = case.queue.escalation_queue
                if policy.breach_moves_to_escalation_queue and target_queue and locked.queue_id != target_queue.pk:
                    locked.queue = target_queue
                    actions.append(f"queue:{target_queue.pk}")
                    update.append("queue")
            escalation = Escalation.objects.create(
                target_type=Case._meta.label_lower,
                target_id=str(case.pk),
                metric=clock.metric,
                kind=kind,
                cycle_start=clock.cycle_start,
                due_at=clock.due,
                recipients=[user.email for user in recipients],
                actions=actions,
            )
            if update:
                # Dues are kept as they were: a new queue's calendar applies from the next change.
                locked.save(update_fields=[*update, "updated_at"])
            audit_record(
                actor=None,
                action=f"sla.{kind}",
                target=locked,
                after={"metric": clock.metric, "due": clock.due.isoformat(), "actions": ",".join(actions)},
            )
            escalation_id = escalation.pk
            transaction.on_commit(lambda: _notify(escalation_id=escalation_id))
    except IntegrityError:
        return None  # already sent for this clock cycle
    return escalation


def _notify(*, escalation_id: int) -> None:
    from caselog.cases.tasks import send_escalation_email

    send_escalation_email.enqueue(escalation_id=escalation_id)


def escalation_email_send(*, escalation: Escalation) -> int:
    """Mail each recipient in their own language; returns how many were sent."""
    case = Case.objects.select_related("queue__department", "request_type").get(pk=int(escalation.target_id))
    sent = 0
    for user in User.objects.filter(email__in=escalation.recipients, is_active=True):
        with translation.override(user.locale or settings.LANGUAGE_CODE), timezone.override(_user_zone(case)):
            context = {"case": case, "escalation": escalation, "user": user, "site_url": settings.SITE_URL}
            subject = text_render("cases/email/sla_escalation_subject.txt", context).strip()
            body = text_render("cases/email/sla_escalation.txt", context)
        mail_send(
            to=user.email,
            subject=subject,
            body=body,
            language=user.locale or settings.LANGUAGE_CODE,
            key=f"sla.escalation:{escalation.pk}:{user.pk}",
        )
        sent += 1
    return sent


def _user_zone(case: Case) -> str:
    calendar = case.queue.calendar or case.queue.department.calendar
    return calendar.time_zone if calendar else settings.TIME_ZONE


def case_time_zone(case: Case) -> str:
    return _user_zone(case)


def breach_order(cases: QuerySet[Case]) -> QuerySet[Case]:
    """What breaches first comes first; cases with no running clock come last."""
    return cases.order_by(F("sla_breach_at").asc(nulls_last=True), "first_response_due", "id")


def metrics_of(clocks: Iterable[Due]) -> Sequence[str]:
    return [clock.metric for clock in clocks]


# --- display --------------------------------------------------------------------------


def viewer_time_zone(*, user: User | None, case: Case) -> str:
    """The zone to show times in: an agent's own department's calendar, else the case's team."""
    if user is not None and user.is_authenticated:
        calendar = (
            Calendar.objects.filter(departments__agents__user=user).order_by("departments__agents__id", "pk").first()
        )
        if calendar is not None:
            return calendar.time_zone
    return _user_zone(case)


@dataclass(frozen=True)
class ClockView:
    metric: str
    label: str
    due: datetime | None
    left: timedelta | None
    paused: bool
    met: bool | None


def clock_views(case: Case, *, now: datetime | None = None) -> list[ClockView]:
    """Each SLA clock of the case as the console shows it."""
    now = now or timezone.now()
    paused = _is_paused(case) and case.status in Case.OPEN_STATUSES
    labels = {value: str(label) for value, label in Metric.choices}
    views = []
    if case.first_responded_at is not None:
        met = case.first_responded_at <= case.first_response_due
        views.append(
            ClockView(Metric.FIRST_RESPONSE, labels[Metric.FIRST_RESPONSE], case.first_response_due, None, False, met)
        )
    else:
        left = case.first_response_due - now if case.is_open else None
        views.append(
            ClockView(Metric.FIRST_RESPONSE, labels[Metric.FIRST_RESPONSE], case.first_response_due, left, paused, None)
        )
    if case.next_response_due is not None:
        views.append(
            ClockView(
                Metric.NEXT_RESPONSE,
                labels[Metric.NEXT_RESPONSE],
                case.next_response_due,
                case.next_response_due - now,
                False,
                None,
            )
        )
    if case.resolved_at is not None and case.resolution_due is not None:
        met = case.resolved_at <= case.resolution_due
        views.append(ClockView(Metric.RESOLUTION, labels[Metric.RESOLUTION], case.resolution_due, None, False, met))
    elif case.resolution_due is not None or paused:
        left = case.resolution_due - now if case.resolution_due else None
        views.append(ClockView(Metric.RESOLUTION, labels[Metric.RESOLUTION], case.resolution_due, left, paused, None))
    return views


def sla_panel_context(agent: User, case: Case) -> dict[str, Any]:
    """The console's "Service level" panel beside a case."""
    context = SLAContext()
    calendar = context.calendar(case.queue_id)
    return {
        "case": case,
        "clocks": clock_views(case),
        "zone": viewer_time_zone(user=agent, case=case),
        "policy": context.policy(case),
        "calendar": calendar,
        "open_now": context.business_clock(case.queue_id).is_open(timezone.now()) if calendar else True,
    }


# --- report ---------------------------------------------------------------------------


class Dimension(models.TextChoices):
    DEPARTMENT = "department", _("Department")
    LANGUAGE = "language", _("Language")
    REQUEST_TYPE = "request_type", _("Request type")
    WEEK = "week", _("Week")


@dataclass(frozen=True)
class AttainmentRow:
    key: str
    label: str
    cases: int
    first_met: int
    first_missed: int
    resolution_met: int
    resolution_missed: int

    @staticmethod
    def _rate(met: int, missed: int) -> float | None:
        return round(100 * met / (met + missed), 1) if met + missed else None

    @property
    def first_rate(self) -> float | None:
        return self._rate(self.first_met, self.first_missed)

    @property
    def resolution_rate(self) -> float | None:
        return self._rate(self.resolution_met, self.resolution_missed)


def sla_attainment(
    *, since: datetime, until: datetime, dimension: str, now: datetime | None = None
) -> list[AttainmentRow]:
    """SLA attainment of the cases created in [since, until), grouped by one dimension. A clock
    still running past its due time counts as missed; one still running in time is left out."""
    now = now or timezone.now()
    first_met = Q(first_responded_at__isnull=False, first_responded_at__lte=F("first_response_due"))
    first_missed = Q(first_responded_at__gt=F("first_response_due")) | Q(
        first_responded_at__isnull=True, first_response_due__lt=now
    )
    resolution_met = Q(resolved_at__isnull=False, resolution_due__isnull=False, resolved_at__lte=F("resolution_due"))
    resolution_missed = Q(resolved_at__gt=F("resolution_due")) | Q(resolved_at__isnull=True, resolution_due__lt=now)
    group = {
        Dimension.DEPARTMENT: F("queue__department__name"),
        Dimension.LANGUAGE: F("locale"),
        Dimension.REQUEST_TYPE: F("request_type_id"),
        Dimension.WEEK: TruncWeek("created_at"),
    }[Dimension(dimension)]
    rows = (
        Case.objects.filter(created_at__gte=since, created_at__lt=until)
        .annotate(group=group)
        .values("group")
        .annotate(
            cases=Count("id"),
            first_met=Count("id", filter=first_met),
            first_missed=Count("id", filter=first_missed),
            resolution_met=Count("id", filter=resolution_met),
            resolution_missed=Count("id", filter=resolution_missed),
        )
        .order_by("group")
    )
    labels: dict[Any, str] = {}
    if dimension == Dimension.REQUEST_TYPE:
        labels = {rt.pk: rt.name for rt in RequestType.objects.all()}
    elif dimension == Dimension.LANGUAGE:
        labels = {code: str(name) for code, name in settings.LANGUAGES}
    result = []
    for row in rows:
        key = row["group"]
        label = key.date().isoformat() if isinstance(key, datetime) else labels.get(key, str(key))
        result.append(
            AttainmentRow(
                key=str(key),
                label=label,
                cases=row["cases"],
                first_met=row["first_met"],
                first_missed=row["first_missed"],
                resolution_met=row["resolution_met"],
                resolution_missed=row["resolution_missed"],
            )
        )
    return result
