"""Community demo data: sections per product group and language, a dozen threads in ru/de/en
with answers, some solved. Idempotent: threads are found again by section and title."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from caselog.accounts.models import Role, User
from caselog.community.models import Reply, Section, Thread
from caselog.community.services import thread_index
from caselog.knowledge.demo import demo_catalogue_seed
from caselog.knowledge.models import ProductGroup

DEMO_PASSWORD = "Demo-Pass-2024"
CUSTOMERS = [
    ("anna@example.com", "Анна", "ru"),
    ("lukas@example.com", "Lukas", "de"),
    ("emma@example.com", "Emma", "en"),
    ("ivan@example.com", "Иван", "ru"),
]
SECTIONS = [(group, locale) for group in ("iphone", "mac", "account-store") for locale in ("ru", "de", "en")]

# (group, locale, asker, title, body, [(answerer, answer)], index of the accepted answer or None)
THREADS: list[tuple[str, str, str, str, str, list[tuple[str, str]], int | None]] = [
    ("iphone", "ru", "anna", "iPhone перестал заряжаться после обновления", "Кабель оригинальный, но заряд не идёт.",
     [("ivan", "Почистите разъём Lightning деревянной зубочисткой — у меня был забит пылью."),
      ("anna", "Спасибо, помогло!")], 0),
    ("iphone", "ru", "ivan", "Батарея быстро разряжается ночью", "За ночь уходит 30%.",
     [("anna", "Отключите фоновое обновление приложений в Настройках.")], 0),
    ("iphone", "ru", "anna", "Не работает Face ID после замены экрана", "Ремонт делали не в сервисе.", [], None),
    ("iphone", "de", "lukas", "iPhone lädt nicht mehr über Nacht", "Seit gestern lädt mein iPhone nicht mehr.",
     [("emma", "Probier ein anderes Kabel und reinige den Anschluss vorsichtig.")], 0),
    ("iphone", "de", "lukas", "Display flackert bei wenig Helligkeit", "Nur bei Helligkeit unter 20 %.",
     [("emma", "Schalte „Auto-Helligkeit“ kurz aus und wieder ein.")], None),
    ("iphone", "en", "emma", "iPhone battery drains overnight", "Loses about a third of its charge while idle.",
     [("lukas", "Turn off Background App Refresh for the apps you rarely use."),
      ("anna", "Also check Settings → Battery for the app that uses the most.")], 0),
    ("iphone", "en", "emma", "Camera shows a black screen", "Both front and back cameras are black.", [], None),
    ("mac", "en", "emma", "Mac won't wake from sleep", "The screen stays black after I open the lid.",
     [("lukas", "Reset the SMC: shut down, then hold Shift-Control-Option and the power button for 10 seconds.")], 0),
    ("mac", "de", "lukas", "Mac startet nach Update nicht", "Nur ein Apfel und ein Ladebalken.",
     [("emma", "Starte im Wiederherstellungsmodus und installiere macOS neu — deine Daten bleiben erhalten.")], None),
    ("account-store", "en", "emma", "Charged twice for the same app", "Two identical charges on my card.",
     [("lukas", "One of them is usually a pending authorisation that disappears after a few days.")], 0),
    ("account-store", "ru", "ivan", "Как отменить подписку", "Не могу найти, где отключить продление.",
     [("anna", "Настройки → ваше имя → Подписки → выберите подписку → Отменить.")], 0),
    ("account-store", "de", "lukas", "Passwort vergessen, keine Bestätigungs-E-Mail", "Die E-Mail kommt nicht an.", [], None),
]  # fmt: skip


def _customer(email: str, first: str, locale: str) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"username": email.split("@")[0], "first_name": first, "locale": locale}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(*Group.objects.filter(name=Role.CUSTOMER.value))
    return user


def demo_community_seed() -> int:
    """Create the demo community; returns how many threads were created (0 on a second run)."""
    created = 0
    with transaction.atomic():
        demo_catalogue_seed()
        people = {email.split("@")[0]: _customer(email, first, locale) for email, first, locale in CUSTOMERS}
        groups = {group.slug: group for group in ProductGroup.objects.filter(slug__in={g for g, _ in SECTIONS})}
        sections: dict[tuple[str, str], Section] = {}
        for position, (group_slug, locale) in enumerate(SECTIONS):
            sections[(group_slug, locale)], _new = Section.objects.get_or_create(
                product_group=groups[group_slug],
                topic=None,
                locale=locale,
                defaults={"slug": f"{group_slug}-{locale}", "position": position},
            )
        for group_slug, locale, asker, title, body, answers, accepted in THREADS:
            section = sections[(group_slug, locale)]
            if Thread.objects.filter(section=section, title=title).exists():
                continue
            thread = Thread.objects.create(section=section, author=people[asker], title=title, body=body)
            replies = [Reply.objects.create(thread=thread, author=people[who], body=text) for who, text in answers]
            thread.reply_count = len(replies)
            thread.score = len(replies)
            if replies:
                thread.last_activity_at = replies[-1].created_at
            if accepted is not None:
                thread.accepted_reply = replies[accepted]
            thread.save(update_fields=["reply_count", "score", "last_activity_at", "accepted_reply"])
            thread_index(thread=thread)
            created += 1
    return created
