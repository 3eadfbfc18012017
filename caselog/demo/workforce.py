"""Demo data for workforce planning: a year of hourly contact history for the demo
departments (Monday peaks, Friday troughs, spikes after major releases), the release
calendar, staffing policies, enough agents per department to roster, and their wishes.
Idempotent: a second run adds nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from caselog.accounts.models import Role, User
from caselog.cases.models import AgentProfile, Case, Department
from caselog.workforce.models import AgentDay, HourlyVolume, Release, ShiftKind, StaffingPolicy, Wish
from caselog.workforce.synthetic import expected_counts, sample_counts

HISTORY_DAYS = 364
AGENTS_PER_DEPARTMENT = 40
# Contacts a day per department (all channels) at the start of the year; grows ~8 %/year.
DAILY_VOLUME = {"RU": 720, "KZ": 420, "BY": 330, "AM": 250, "DE": 480, "IE": 560}
WEEKLY_GROWTH = 0.0015
CHANNEL_SHARE = {
    Case.Channel.PHONE: 0.52,
    Case.Channel.WEB: 0.27,
    Case.Channel.EMAIL: 0.16,
    Case.Channel.COMMUNITY: 0.05,
}
SECOND_LANGUAGE_SHARE = 0.08  # e.g. English speakers calling the Berlin line
RELEASES = [
    # (name, days before today, hour UTC, major)
    ("OS 26.4", 250, 17, False),
    ("OS 26.5", 190, 17, True),
    ("OS 27", 70, 17, True),
    ("OS 27.1", 30, 17, False),
    ("OS 27.2", -12, 17, True),
]
SPIKE_LIFT = 0.9
SPIKE_DECAY_HOURS = 40.0
AGENT_FIRST_NAMES = {
    "ru": ["Анна", "Борис", "Вера", "Глеб", "Дарья", "Егор", "Жанна", "Захар", "Инна", "Кирилл", "Лада", "Марк"],
    "de": ["Anna", "Ben", "Clara", "David", "Emma", "Finn", "Greta", "Hugo", "Ida", "Jan", "Kira", "Lukas"],
    "en": ["Aoife", "Brian", "Ciara", "Declan", "Eimear", "Fionn", "Grainne", "Hugh", "Isla", "Jack", "Kate", "Liam"],
}


def demo_workforce_seed(*, today: date | None = None, days: int = HISTORY_DAYS) -> int:
    """Seed workforce demo data for the demo departments; returns the rows it created."""
    today = today or timezone.localdate()
    departments = list(Department.objects.all())
    if not departments:
        return 0
    created = 0
    with transaction.atomic():
        created += _releases(today)
        for department in departments:
            _policy, made = StaffingPolicy.objects.get_or_create(department=department)
            created += int(made)
            created += _agents(department)
        created += _history(departments, today, days)
    return created


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _releases(today: date) -> int:
    created = 0
    for name, days_ago, hour, major in RELEASES:
        _release, made = Release.objects.get_or_create(
            name=name, defaults={"released_at": _at(today - timedelta(days=days_ago), hour), "major": major}
        )
        created += int(made)
    return created


def _agents(department: Department) -> int:
    """Top the department up to a rosterable team, with a few wishes each."""
    existing = AgentProfile.objects.filter(departments=department).count()
    created = 0
    names = AGENT_FIRST_NAMES.get(department.language, AGENT_FIRST_NAMES["en"])
    slug = f"{department.country.lower()}{department.pk}"
    for index in range(existing, AGENTS_PER_DEPARTMENT):
        email = f"planner-{slug}-{index + 1:02d}@example.com"
        user, made = User.objects.get_or_create(
            email=email,
            defaults={
                "username": email,
                "first_name": names[index % len(names)],
                "last_name": f"#{index + 1}",
                "locale": department.language,
            },
        )
        if not made:
            continue
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(*_agent_group())
        # Every third agent of a non-English department also answers in English: the English
        # calls to that line can only go to them.
        languages = [department.language] if index % 3 or department.language == "en" else [department.language, "en"]
        profile = AgentProfile.objects.create(user=user, languages=languages)
        profile.departments.add(department)
        _wishes(user, index)
        created += 1
    return created


def _agent_group() -> list[Group]:
    return list(Group.objects.filter(name=Role.AGENT.value))


def _wishes(user: User, index: int) -> None:
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    kinds = [ShiftKind.EARLY, ShiftKind.DAY, ShiftKind.LATE]
    if index % 3 == 0:
        Wish.objects.create(agent=user, kind=Wish.Kind.PREFERRED_SHIFT, shift=kinds[index % len(kinds)])
    if index % 4 == 1:
        Wish.objects.create(agent=user, kind=Wish.Kind.DAY_OFF, day=monday + timedelta(days=index % 12))
        Wish.objects.create(agent=user, kind=Wish.Kind.DAY_OFF, day=monday + timedelta(days=(index * 5) % 26))
    if index % 8 == 5:
        Wish.objects.create(agent=user, kind=Wish.Kind.WEEKLY_HOURS, weekly_hours=24)


def _history(departments: list[Department], today: date, days: int) -> int:
    """The hourly history up to the current hour, as if rolled up hourly until now: a year on
    the first run; on a later run the hours since the last one (at most `days`), so the demo's
    history and forecasts reach today whenever `make run` runs."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    end = now if timezone.localdate(now) == today else _at(today, 0)
    origin = end - timedelta(days=days)
    last = HourlyVolume.objects.aggregate(last=Max("hour_start"))["last"]
    start = origin if last is None else max(origin, last + timedelta(hours=1))
    if start >= end:
        return 0
    start_day = timezone.localdate(start)
    hours = int((end - start) / timedelta(hours=1))
    # The trend continues from where the first run's year began.
    growth = (1 + WEEKLY_GROWTH) ** ((start - origin) / timedelta(weeks=1))
    # A year of rows goes in through executemany: model instances would triple the seed time.
    stamps = [connection.ops.adapt_datetimefield_value(start + timedelta(hours=h)) for h in range(hours)]
    releases = [r.released_at for r in Release.objects.filter(major=True, released_at__lt=end)]
    rows: list[tuple[Any, ...]] = []
    agent_days: list[AgentDay] = []
    for number, department in enumerate(departments):
        seed = 1000 + number
        rng = np.random.default_rng(seed)
        daily = DAILY_VOLUME.get(department.country, 400)
        mean = expected_counts(
            start=start,
            hours=hours,
            daily_volume=daily * growth,
            weekly_growth=WEEKLY_GROWTH,
            releases=releases,
            spike_lift=SPIKE_LIFT,
            spike_decay_hours=SPIKE_DECAY_HOURS,
        )
        languages = {department.language: 1.0}
        if department.language != "en":
            languages = {department.language: 1 - SECOND_LANGUAGE_SHARE, "en": SECOND_LANGUAGE_SHARE}
        handle_mean = 330 + 40 * number
        patience = 95 + 10 * number
        for language, language_share in languages.items():
            for channel, channel_share in CHANNEL_SHARE.items():
                counts = sample_counts(
                    mean * language_share * channel_share, seed=seed * 31 + len(rows), dispersion=1.3
                )
                index = np.flatnonzero(counts)
                contacts = counts[index].astype(int)
                zeros = np.zeros(len(index), dtype=int)
                answered, in_target, abandoned, handle, wait = zeros, zeros, zeros, zeros, zeros
                if channel == Case.Channel.PHONE:
                    # Busier hours wait longer: more hang-ups, fewer answered in time.
                    load = np.minimum(1.0, mean[index] / (daily * 0.12))
                    abandon_share = np.clip(rng.normal(0.03 + 0.07 * load, 0.01), 0, 0.3)
                    abandoned = np.round(contacts * abandon_share).astype(int)
                    answered = contacts - abandoned
                    in_time = np.clip(rng.normal(0.93 - 0.2 * load, 0.03), 0, 1)
                    in_target = np.round(answered * in_time).astype(int)
                    handle = (answered * rng.normal(handle_mean, 25, len(index))).astype(int)
                    wait = (abandoned * patience * rng.uniform(0.9, 1.1, len(index))).astype(int)
                for i, h in enumerate(index):
                    rows.append(
                        (
                            department.pk,
                            str(channel),
                            language,
                            stamps[h],
                            int(contacts[i]),
                            int(answered[i]),
                            int(in_target[i]),
                            int(abandoned[i]),
                            int(handle[i]),
                            int(wait[i]),
                        )
                    )
        first_hour = timezone.localtime(start).hour
        whole_days = max(0, (hours - (24 - first_hour) % 24) // 24)
        skip = (24 - first_hour) % 24
        daily_totals = mean[skip : skip + whole_days * 24].reshape(-1, 24).sum(axis=1)
        for offset, total in enumerate(daily_totals, start=1 if skip else 0):
            agent_days.append(
                AgentDay(
                    department=department,
                    day=start_day + timedelta(days=offset),
                    agents=max(1, round(float(total) * CHANNEL_SHARE[Case.Channel.PHONE] / 11)),
                )
            )
    table = HourlyVolume._meta.db_table
    columns = "department_id, channel, language, hour_start, contacts, answered, answered_in_target, abandoned, handle_seconds, wait_seconds"
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 10)})", rows)  # noqa: S608
    AgentDay.objects.bulk_create(agent_days, batch_size=5000, ignore_conflicts=True)
    return len(rows) + len(agent_days)
