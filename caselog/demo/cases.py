"""Demo data for the support loop: departments, agents, customers, request types, cases.
Idempotent: running it again changes nothing that is already there."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from caselog.accounts.models import Role, User
from caselog.accounts.roles import roles_sync
from caselog.cases import services
from caselog.cases.models import AgentProfile, CallLog, Case, Department, Message, Queue, RequestType
from caselog.demo import people
from caselog.demo.clock import member_since, rows_shift, weeks_behind
from caselog.demo.knowledge import demo_catalogue_seed
from caselog.knowledge.models import ProductGroup

DEMO_PASSWORD = "Demo-Pass-2024"

# (group, topic, slug, names, first response hours, needs order number)
REQUEST_TYPES: list[tuple[str, str, str, dict[str, str], int, bool]] = [
    (
        "iphone",
        "battery-charging",
        "wont-charge",
        {"en": "My device won't charge", "de": "Mein Gerät lädt nicht", "ru": "Устройство не заряжается"},
        48,
        False,
    ),
    (
        "iphone",
        "battery-charging",
        "battery-drains",
        {
            "en": "The battery drains quickly",
            "de": "Der Akku entlädt sich schnell",
            "ru": "Аккумулятор быстро разряжается",
        },
        48,
        False,
    ),
    (
        "iphone",
        "wont-turn-on",
        "no-power",
        {
            "en": "My iPhone won't turn on",
            "de": "Mein iPhone lässt sich nicht einschalten",
            "ru": "iPhone не включается",
        },
        24,
        False,
    ),
    (
        "iphone",
        "water-damage",
        "liquid",
        {"en": "My iPhone got wet", "de": "Mein iPhone ist nass geworden", "ru": "В iPhone попала вода"},
        24,
        False,
    ),
    (
        "iphone",
        "screen-display",
        "cracked-screen",
        {"en": "The screen is cracked", "de": "Das Display ist gesprungen", "ru": "Разбит экран"},
        48,
        False,
    ),
    (
        "iphone",
        "camera",
        "blurry-photos",
        {"en": "Photos are blurry", "de": "Fotos sind unscharf", "ru": "Фотографии размытые"},
        72,
        False,
    ),
    (
        "ipad",
        "battery-charging",
        "wont-charge",
        {"en": "My iPad won't charge", "de": "Mein iPad lädt nicht", "ru": "iPad не заряжается"},
        48,
        False,
    ),
    (
        "ipad",
        "apps",
        "app-crashes",
        {"en": "An app keeps crashing", "de": "Eine App stürzt ständig ab", "ru": "Приложение постоянно вылетает"},
        72,
        False,
    ),
    (
        "ipad",
        "screen-display",
        "touch-not-working",
        {
            "en": "The touchscreen doesn't respond",
            "de": "Der Touchscreen reagiert nicht",
            "ru": "Сенсорный экран не реагирует",
        },
        48,
        False,
    ),
    (
        "mac",
        "startup",
        "wont-start",
        {"en": "My Mac won't start up", "de": "Mein Mac startet nicht", "ru": "Mac не запускается"},
        24,
        False,
    ),
    (
        "mac",
        "wifi-network",
        "wifi-drops",
        {"en": "Wi-Fi keeps disconnecting", "de": "WLAN bricht ständig ab", "ru": "Wi-Fi постоянно отключается"},
        72,
        False,
    ),
    (
        "mac",
        "performance",
        "slow",
        {"en": "My Mac is slow", "de": "Mein Mac ist langsam", "ru": "Mac работает медленно"},
        72,
        False,
    ),
    (
        "watch",
        "pairing",
        "cant-pair",
        {"en": "My watch won't pair", "de": "Meine Watch lässt sich nicht koppeln", "ru": "Часы не создают пару"},
        48,
        False,
    ),
    (
        "watch",
        "battery-charging",
        "wont-charge",
        {"en": "My watch won't charge", "de": "Meine Watch lädt nicht", "ru": "Часы не заряжаются"},
        48,
        False,
    ),
    (
        "watch",
        "fitness",
        "workout-missing",
        {
            "en": "Workouts are not recorded",
            "de": "Trainings werden nicht aufgezeichnet",
            "ru": "Тренировки не записываются",
        },
        72,
        False,
    ),
    (
        "account-store",
        "purchases-billing",
        "unauthorized-purchases",
        {
            "en": "I have unauthorized purchases on my account",
            "de": "Auf meinem Account gibt es nicht autorisierte Käufe",
            "ru": "В моём аккаунте есть несанкционированные покупки",
        },
        24,
        True,
    ),
    (
        "account-store",
        "purchases-billing",
        "charged-twice",
        {"en": "I was charged twice", "de": "Mir wurde doppelt abgebucht", "ru": "С меня списали деньги дважды"},
        24,
        True,
    ),
    (
        "account-store",
        "account-security",
        "account-disabled",
        {"en": "My account is disabled", "de": "Mein Account ist deaktiviert", "ru": "Мой аккаунт заблокирован"},
        24,
        False,
    ),
    (
        "account-store",
        "account-security",
        "account-takeover",
        {
            "en": "Someone else is using my account",
            "de": "Jemand anderes nutzt meinen Account",
            "ru": "Кто-то другой пользуется моим аккаунтом",
        },
        12,
        False,
    ),
    (
        "account-store",
        "subscriptions",
        "cancel-subscription",
        {
            "en": "I can't cancel a subscription",
            "de": "Ich kann ein Abo nicht kündigen",
            "ru": "Не получается отменить подписку",
        },
        48,
        False,
    ),
    (
        "account-store",
        "refunds",
        "refund-status",
        {"en": "Where is my refund?", "de": "Wo bleibt meine Rückerstattung?", "ru": "Где мой возврат средств?"},
        24,
        True,
    ),
]

DEPARTMENTS: list[tuple[str, str, str]] = [
    ("Russian support · Moscow", "ru", "RU"),
    ("Russian support · Almaty", "ru", "KZ"),
    ("Russian support · Minsk", "ru", "BY"),
    ("Russian support · Yerevan", "ru", "AM"),
    ("German support · Berlin", "de", "DE"),
    ("English support · Cork", "en", "IE"),
]

# email, first name, last name, roles, department names, languages, locale
STAFF: list[tuple[str, str, str, list[Role], list[str], list[str], str]] = [
    ("manager@example.com", "Maria", "Weber", [Role.MANAGER], [d[0] for d in DEPARTMENTS], ["en", "de", "ru"], "en"),
    ("agent-ru@example.com", "Boris", "Orlov", [Role.AGENT], ["Russian support · Moscow"], ["ru", "en"], "ru"),
    ("agent-de@example.com", "Dora", "Schmidt", [Role.AGENT], ["German support · Berlin"], ["de", "en"], "de"),
    ("agent-en@example.com", "Ethan", "Walsh", [Role.AGENT], ["English support · Cork"], ["en"], "en"),
    ("editor@example.com", "Erik", "Lang", [Role.KB_EDITOR], [], ["en", "de"], "en"),
    ("tech@example.com", "Tom", "Keller", [Role.TECHNICIAN], [], ["en", "de"], "en"),
    ("moderator@example.com", "Mila", "Sokolova", [Role.MODERATOR], [], ["ru", "en"], "en"),
]
RU_NAMES = [
    "Алексей",
    "Ольга",
    "Дмитрий",
    "Светлана",
    "Никита",
    "Ирина",
    "Павел",
    "Юлия",
    "Артём",
    "Наталья",
    "Глеб",
    "Вера",
]
DE_NAMES = ["Jonas", "Lea", "Felix", "Hannah"]
EN_NAMES = ["Liam", "Olivia", "Noah", "Grace"]

# The customers with cases (helen, who has none yet, comes with the devices seed).
CUSTOMERS: list[tuple[str, str, str, str]] = [
    (email, first, last, locale)
    for email, first, last, locale, _phone in people.CUSTOMERS
    if email != "helen@example.com"
]


def _user(email: str, first: str, last: str, locale: str, roles: list[Role]) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"username": email.split("@")[0], "first_name": first, "last_name": last, "locale": locale},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.date_joined = member_since(email)
        user.save(update_fields=["password", "date_joined"])
    user.groups.add(*Group.objects.filter(name__in=[role.value for role in roles]))
    return user


def _catalogue() -> dict[str, RequestType]:
    """The contact form's request types, on the help center's product groups and topics."""
    topics = demo_catalogue_seed()
    request_types: dict[str, RequestType] = {}
    for position, (group_slug, topic_slug, slug, names, hours, needs_order) in enumerate(REQUEST_TYPES):
        topic = topics[(group_slug, topic_slug)]
        request_type, _ = RequestType.objects.get_or_create(
            topic=topic,
            slug=slug,
            defaults={
                "names": names,
                "first_response_hours": hours,
                "needs_order_number": needs_order,
                "position": position,
            },
        )
        request_types[f"{group_slug}/{slug}"] = request_type
    return request_types


def _organisation() -> dict[str, Department]:
    groups = list(ProductGroup.objects.all())
    departments: dict[str, Department] = {}
    for name, language, country in DEPARTMENTS:
        department, _ = Department.objects.get_or_create(name=name, defaults={"language": language, "country": country})
        departments[name] = department
        devices, _ = Queue.objects.get_or_create(department=department, name="Devices")
        devices.product_groups.add(*[g for g in groups if g.slug != "account-store"])
        store, _ = Queue.objects.get_or_create(department=department, name="Account & Store")
        store.product_groups.add(*[g for g in groups if g.slug == "account-store"])
    accessibility, _ = Queue.objects.get_or_create(
        department=departments["English support · Cork"], name="Accessibility"
    )
    accessibility.product_groups.add(*groups)
    return departments


def _staff(departments: dict[str, Department]) -> list[User]:
    agents: list[User] = []
    rows = list(STAFF)
    russian = [d for d in DEPARTMENTS if d[1] == "ru"]
    for index, first in enumerate(RU_NAMES):
        department = russian[index % len(russian)][0]
        rows.append((f"agent-ru{index + 1}@example.com", first, "Агент", [Role.AGENT], [department], ["ru"], "ru"))
    for index, first in enumerate(DE_NAMES):
        rows.append(
            (
                f"agent-de{index + 1}@example.com",
                first,
                "Agent",
                [Role.AGENT],
                ["German support · Berlin"],
                ["de", "en"],
                "de",
            )
        )
    for index, first in enumerate(EN_NAMES):
        rows.append(
            (f"agent-en{index + 1}@example.com", first, "Agent", [Role.AGENT], ["English support · Cork"], ["en"], "en")
        )
    for email, first, last, roles, department_names, languages, locale in rows:
        user = _user(email, first, last, locale, roles)
        user.is_staff = Role.MANAGER in roles
        user.save(update_fields=["is_staff"])
        if department_names:
            profile, _ = AgentProfile.objects.get_or_create(user=user, defaults={"languages": languages})
            profile.departments.add(*[departments[name] for name in department_names])
            agents.append(user)
    return agents


def _cases_keep_current(customers: list[User]) -> int:
    """On a run weeks after the first, move the demo cases (with their messages and calls) forward
    by whole weeks so the newest is less than a week old; the SLA seed then recomputes their
    clocks. Cases made since (newer than the newest demo case) stay where they are."""
    latest = Case.objects.filter(customer__in=customers).aggregate(latest=Max("created_at"))["latest"]
    if latest is None:
        return 0
    delta = weeks_behind(latest)
    cases = Case.objects.filter(created_at__lte=latest)
    rows_shift(Message.objects.filter(case__in=cases), delta)
    rows_shift(CallLog.objects.filter(case__in=cases), delta)
    return rows_shift(cases, delta)


def _cases(request_types: dict[str, RequestType], customers: list[User]) -> int:
    if Case.objects.exists():
        return 0
    rng = random.Random(20261125)
    statuses = [Case.Status.NEW, Case.Status.OPEN, Case.Status.WAITING, Case.Status.SOLVED, Case.Status.CLOSED]
    kinds = list(request_types.values())
    created = 0
    for index in range(48):
        customer = customers[index % len(customers)]
        request_type = kinds[index % len(kinds)]
        locale = customer.locale
        submission = services.case_submit(
            submitter=customer,
            locale=locale,
            request_type=request_type,
            subject=request_type.names[locale],
            description=request_type.names[locale] + ". " + _DETAILS[locale],
            contact_email=customer.email,
            contact_name=customer.get_full_name(),
            order_number="MK7QX2LP9R" if request_type.needs_order_number else "",
        )
        case = submission.case
        if not submission.created:
            continue
        created += 1
        agents = [
            a
            for a in User.objects.filter(agent_profile__departments=case.queue.department)
            if locale in a.agent_profile.languages
        ]
        status = statuses[index % len(statuses)]
        age = timedelta(hours=rng.randint(1, 24 * 20))
        Case.objects.filter(pk=case.pk).update(
            created_at=timezone.now() - age, first_response_due=timezone.now() - age + request_type.first_response_time
        )
        if status != Case.Status.NEW and agents:
            agent = rng.choice(agents)
            case.refresh_from_db()
            services.case_reply(case=case, author=agent, body=_reply_text(locale))
            if index % 3 == 0:
                services.case_add_note(case=case, author=agent, body="Checked the order history; nothing unusual.")
            if index % 4 == 0:
                call = services.call_start(case=case, agent=agent)
                call_minutes = rng.randint(3, 25)
                CallLog.objects.filter(pk=call.pk).update(started_at=timezone.now() - timedelta(minutes=call_minutes))
                call.refresh_from_db()
                services.call_end(call=call, agent=agent, outcome=CallLog.Outcome.FOLLOW_UP)
            if status != Case.Status.WAITING:
                services.case_change_status(case=case, actor=agent, status=status)
    return created


def _reply_text(locale: str) -> str:
    return {
        "ru": "Здравствуйте! Попробуйте, пожалуйста, другой кабель и адаптер и напишите, помогло ли это.",
        "de": "Hallo! Bitte probieren Sie ein anderes Kabel und Netzteil und sagen Sie uns, ob es geholfen hat.",
        "en": "Hello! Please try another cable and power adapter and tell us whether that helped.",
    }[locale]


def demo_seed() -> dict[str, Any]:
    """Create (or complete) the demo organisation; returns what it created."""
    with transaction.atomic():
        roles_sync()
        request_types = _catalogue()
        departments = _organisation()
        agents = _staff(departments)
        customers = [_user(email, first, last, locale, [Role.CUSTOMER]) for email, first, last, locale in CUSTOMERS]
        for customer in customers:
            people.customer_details_complete(customer)
        cases = _cases(request_types, customers)
        moved = _cases_keep_current(customers)
    return {"agents": len(agents), "customers": len(customers), "new_cases": cases, "cases_moved_forward": moved}


_DETAILS = {
    "ru": "Началось на этой неделе, перезагрузка не помогла.",
    "de": "Es begann diese Woche, ein Neustart hat nicht geholfen.",
    "en": "It started this week and restarting did not help.",
}
