"""Demo content for the help center: product groups, topics and 33 articles in en, de and ru."""

from __future__ import annotations

from django.db import transaction

from caselog.demo.articles import account, devices, iphone
from caselog.knowledge.importing import ImportRow, articles_import
from caselog.knowledge.models import ProductGroup, Topic

DEMO_LOCALES = ("en", "de", "ru")

# slug: (names, topics as (slug, names))
DEMO_GROUPS: dict[str, tuple[dict[str, str], list[tuple[str, dict[str, str]]]]] = {
    "iphone": (
        {"en": "iPhone", "de": "iPhone", "ru": "iPhone"},
        [
            ("battery-charging", {"en": "Battery and charging", "de": "Akku und Laden", "ru": "Аккумулятор и зарядка"}),
            ("wont-turn-on", {"en": "Won't turn on", "de": "Startet nicht", "ru": "Не включается"}),
            ("water-damage", {"en": "Water damage", "de": "Wasserschaden", "ru": "Попадание жидкости"}),
            ("screen-display", {"en": "Screen and display", "de": "Bildschirm und Display", "ru": "Экран и дисплей"}),
            ("camera", {"en": "Camera", "de": "Kamera", "ru": "Камера"}),
        ],
    ),
    "ipad": (
        {"en": "iPad", "de": "iPad", "ru": "iPad"},
        [
            ("battery-charging", {"en": "Battery and charging", "de": "Akku und Laden", "ru": "Аккумулятор и зарядка"}),
            ("apps", {"en": "Apps", "de": "Apps", "ru": "Приложения"}),
            ("screen-display", {"en": "Screen and display", "de": "Bildschirm und Display", "ru": "Экран и дисплей"}),
        ],
    ),
    "mac": (
        {"en": "Mac", "de": "Mac", "ru": "Mac"},
        [
            ("startup", {"en": "Startup", "de": "Starten", "ru": "Запуск"}),
            ("wifi-network", {"en": "Wi-Fi and network", "de": "WLAN und Netzwerk", "ru": "Wi-Fi и сеть"}),
            (
                "performance",
                {"en": "Performance and storage", "de": "Leistung und Speicher", "ru": "Скорость и хранилище"},
            ),
        ],
    ),
    "watch": (
        {"en": "Watch", "de": "Watch", "ru": "Watch"},
        [
            ("pairing", {"en": "Pairing", "de": "Koppeln", "ru": "Создание пары"}),
            ("battery-charging", {"en": "Battery and charging", "de": "Akku und Laden", "ru": "Аккумулятор и зарядка"}),
            ("fitness", {"en": "Activity and fitness", "de": "Aktivität und Fitness", "ru": "Активность и фитнес"}),
        ],
    ),
    "account-store": (
        {"en": "Account & Store", "de": "Account & Store", "ru": "Аккаунт и магазин"},
        [
            (
                "purchases-billing",
                {"en": "Purchases and billing", "de": "Käufe und Abrechnung", "ru": "Покупки и оплата"},
            ),
            ("account-security", {"en": "Account security", "de": "Accountsicherheit", "ru": "Безопасность аккаунта"}),
            ("subscriptions", {"en": "Subscriptions", "de": "Abonnements", "ru": "Подписки"}),
            ("refunds", {"en": "Refunds", "de": "Erstattungen", "ru": "Возвраты"}),
        ],
    ),
}

DEMO_ARTICLES = [*iphone.ARTICLES, *devices.ARTICLES, *account.ARTICLES]


def demo_catalogue_seed() -> dict[tuple[str, str], Topic]:
    """Product groups and topics the demo (and the contact form's request types) use, by slug; idempotent."""
    topics: dict[tuple[str, str], Topic] = {}
    for position, (group_slug, (names, group_topics)) in enumerate(DEMO_GROUPS.items()):
        group, _ = ProductGroup.objects.get_or_create(slug=group_slug, defaults={"names": names, "position": position})
        for topic_position, (topic_slug, topic_names) in enumerate(group_topics):
            topic, _ = Topic.objects.get_or_create(
                product_group=group, slug=topic_slug, defaults={"names": topic_names, "position": topic_position}
            )
            topics[(group_slug, topic_slug)] = topic
    return topics


def demo_articles_seed() -> int:
    """Create the demo product groups, topics and published articles in en, de and ru.

    Idempotent (articles are keyed by their demo id): returns how many translations were created or updated
    by this call, so a second run returns 0."""
    with transaction.atomic():
        topics = demo_catalogue_seed()
        rows: list[ImportRow] = []
        for entry in DEMO_ARTICLES:
            topic = topics[(entry["group"], entry["topic"])]
            texts = {"en": entry["en"], "de": entry["de"], "ru": entry["ru"]}
            for locale in DEMO_LOCALES:
                title, body = texts[locale]
                rows.append(
                    ImportRow(
                        line=len(rows) + 1,
                        id=entry["id"],
                        title=title,
                        body=body,
                        locale=locale,
                        product_group=topic.product_group,
                        topic=topic,
                    )
                )
        result = articles_import(rows)
    return result.created + result.updated
