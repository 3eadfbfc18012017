"""Demo SLA data: each demo department works on a calendar in its region's time zone with its
country's public holidays, request types follow policies, and the demo cases get due times
from them. Idempotent; run after the cases demo seed (caselog/demo/cases.py)."""

from __future__ import annotations

from datetime import time, timedelta

from django.db import transaction

from caselog.accounts.models import Role, User
from caselog.cases.clocks import sla_recompute
from caselog.cases.models import Case, Department, Queue, RequestType
from caselog.sla.models import Calendar, Metric, OpeningHours, Priority, SLAPolicy, SLATarget, SupportLine

WEEKDAYS = range(5)
# department name -> (calendar name, time zone, holiday country, subdivision, weekly hours)
CALENDARS: dict[str, tuple[str, str, str, str, dict[int, list[tuple[time, time]]]]] = {
    "Russian support · Moscow": (
        "Moscow support line",
        "Europe/Moscow",
        "RU",
        "",
        {**{d: [(time(9), time(21))] for d in WEEKDAYS}, 5: [(time(10), time(18))]},
    ),
    "Russian support · Almaty": (
        "Almaty support line",
        "Asia/Almaty",
        "KZ",
        "",
        {d: [(time(9), time(13)), (time(14), time(18))] for d in WEEKDAYS},
    ),
    "Russian support · Minsk": (
        "Minsk support line",
        "Europe/Minsk",
        "BY",
        "",
        {d: [(time(9), time(18))] for d in WEEKDAYS},
    ),
    "Russian support · Yerevan": (
        "Yerevan support line",
        "Asia/Yerevan",
        "AM",
        "",
        {d: [(time(10), time(19))] for d in WEEKDAYS},
    ),
    "German support · Berlin": (
        "Berlin store line",
        "Europe/Berlin",
        "DE",
        "BE",
        {d: [(time(9), time(21))] for d in WEEKDAYS},
    ),
    "English support · Cork": (
        "Cork support line",
        "Europe/Dublin",
        "IE",
        "",
        {d: [(time(8), time(20))] for d in WEEKDAYS},
    ),
}
ACCESSIBILITY_CALENDAR = (
    "Accessibility line",
    "Europe/Dublin",
    "IE",
    "",
    {d: [(time(8), time(22))] for d in range(7)},
)

H = timedelta(hours=1)
# policy -> (is default, warn before, raise priority, {(metric, priority): (target, business time)})
POLICIES: dict[str, tuple[bool, timedelta, bool, dict[tuple[str, str], tuple[timedelta, bool]]]] = {
    "Standard": (
        True,
        2 * H,
        True,
        {
            (Metric.FIRST_RESPONSE, Priority.LOW): (72 * H, True),
            (Metric.FIRST_RESPONSE, Priority.NORMAL): (48 * H, True),
            (Metric.FIRST_RESPONSE, Priority.HIGH): (24 * H, True),
            (Metric.FIRST_RESPONSE, Priority.URGENT): (8 * H, True),
            (Metric.NEXT_RESPONSE, Priority.NORMAL): (24 * H, True),
            (Metric.RESOLUTION, Priority.NORMAL): (120 * H, True),
            (Metric.RESOLUTION, Priority.URGENT): (40 * H, True),
        },
    ),
    # Store disputes: the customer is promised an answer within 24 hours, weekends included.
    "Store disputes": (
        False,
        3 * H,
        True,
        {
            (Metric.FIRST_RESPONSE, Priority.NORMAL): (24 * H, False),
            (Metric.FIRST_RESPONSE, Priority.URGENT): (4 * H, False),
            (Metric.NEXT_RESPONSE, Priority.NORMAL): (12 * H, True),
            (Metric.RESOLUTION, Priority.NORMAL): (60 * H, True),
        },
    ),
    "Account security": (
        False,
        1 * H,
        True,
        {
            (Metric.FIRST_RESPONSE, Priority.NORMAL): (12 * H, False),
            (Metric.NEXT_RESPONSE, Priority.NORMAL): (8 * H, True),
            (Metric.RESOLUTION, Priority.NORMAL): (36 * H, True),
        },
    ),
}
POLICY_OF_TOPIC = {
    "purchases-billing": "Store disputes",
    "refunds": "Store disputes",
    "account-security": "Account security",
}


def _calendar(
    name: str, zone: str, country: str, subdivision: str, weekly: dict[int, list[tuple[time, time]]]
) -> Calendar:
    calendar, created = Calendar.objects.get_or_create(
        name=name, defaults={"time_zone": zone, "holiday_country": country, "holiday_subdivision": subdivision}
    )
    if created:
        OpeningHours.objects.bulk_create(
            OpeningHours(calendar=calendar, weekday=day, opens=opens, closes=closes)
            for day, intervals in weekly.items()
            for opens, closes in intervals
        )
    return calendar


# calendar name -> (names, kind, number, language it is listed for, position)
SUPPORT_LINES: dict[str, tuple[dict[str, str], str, str, str, int]] = {
    "Berlin store line": (
        {"en": "Store line Germany", "de": "Store-Hotline Deutschland", "ru": "Линия магазина, Германия"},
        SupportLine.Kind.STORE,
        "+49 30 9018 2000",
        "de",
        10,
    ),
    "Moscow support line": (
        {"en": "Support line Russia", "de": "Support-Hotline Russland", "ru": "Линия поддержки, Россия"},
        SupportLine.Kind.SUPPORT,
        "+7 495 123-45-67",
        "ru",
        10,
    ),
    "Minsk support line": (
        {"en": "Support line Belarus", "de": "Support-Hotline Belarus", "ru": "Линия поддержки, Беларусь"},
        SupportLine.Kind.SUPPORT,
        "+375 17 123-45-67",
        "ru",
        20,
    ),
    "Yerevan support line": (
        {"en": "Support line Armenia", "de": "Support-Hotline Armenien", "ru": "Линия поддержки, Армения"},
        SupportLine.Kind.SUPPORT,
        "+374 10 123456",
        "ru",
        30,
    ),
    "Cork support line": (
        {"en": "Support line Ireland", "de": "Support-Hotline Irland", "ru": "Линия поддержки, Ирландия"},
        SupportLine.Kind.SUPPORT,
        "+353 21 123 4567",
        "en",
        10,
    ),
}
ACCESSIBILITY_LINE = (
    {"en": "Accessibility line", "de": "Barrierefreie Hotline", "ru": "Линия доступности"},
    SupportLine.Kind.ACCESSIBILITY,
    "+353 1 234 5678",
    "",
    90,
)


def _support_lines(accessibility: Calendar) -> None:
    calendars = {calendar.name: calendar for calendar in Calendar.objects.filter(name__in=SUPPORT_LINES)}
    wanted = [(calendars[name], line) for name, line in SUPPORT_LINES.items() if name in calendars]
    for calendar, (names, kind, phone, language, position) in [*wanted, (accessibility, ACCESSIBILITY_LINE)]:
        SupportLine.objects.get_or_create(
            calendar=calendar,
            phone=phone,
            defaults={"names": names, "kind": kind, "language": language, "position": position},
        )


def _policies() -> dict[str, SLAPolicy]:
    policies = {}
    for name, (is_default, warn_before, raises, targets) in POLICIES.items():
        policy, created = SLAPolicy.objects.get_or_create(
            name=name, defaults={"is_default": is_default, "warn_before": warn_before, "breach_raises_priority": raises}
        )
        if created:
            SLATarget.objects.bulk_create(
                SLATarget(policy=policy, metric=metric, priority=priority, target=target, business_time=business)
                for (metric, priority), (target, business) in targets.items()
            )
        policies[name] = policy
    return policies


def demo_sla_seed() -> int:
    """Calendars, policies and team leads for the demo organisation; returns how many open
    demo cases got new due times."""
    with transaction.atomic():
        lead = User.objects.filter(groups__name=Role.MANAGER.value).order_by("pk").first()
        for department in Department.objects.filter(name__in=CALENDARS, calendar__isnull=True):
            department.calendar = _calendar(*CALENDARS[department.name])
            department.team_lead = department.team_lead or lead
            department.save(update_fields=["calendar", "team_lead"])
        accessibility = _calendar(*ACCESSIBILITY_CALENDAR)
        Queue.objects.filter(name__iexact="Accessibility", calendar__isnull=True).update(calendar=accessibility)
        _support_lines(accessibility)
        policies = _policies()
        for topic_slug, policy_name in POLICY_OF_TOPIC.items():
            RequestType.objects.filter(topic__slug=topic_slug, sla_policy__isnull=True).update(
                sla_policy=policies[policy_name]
            )
        return sla_recompute(Case.objects.all())
