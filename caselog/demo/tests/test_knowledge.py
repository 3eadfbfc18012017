from caselog.demo.knowledge import DEMO_ARTICLES, DEMO_GROUPS, demo_articles_seed
from caselog.knowledge.models import Article, ArticleTranslation, Topic
from caselog.knowledge.rendering import markdown_problems

EXPECTED_TOPICS = {
    "iphone": {"battery-charging", "wont-turn-on", "water-damage", "screen-display", "camera"},
    "ipad": {"battery-charging", "apps", "screen-display"},
    "mac": {"startup", "wifi-network", "performance"},
    "watch": {"pairing", "battery-charging", "fitness"},
    "account-store": {"purchases-billing", "account-security", "subscriptions", "refunds"},
}


def test_demo_uses_the_agreed_group_and_topic_slugs():
    assert {group: {slug for slug, _ in topics} for group, (_, topics) in DEMO_GROUPS.items()} == EXPECTED_TOPICS


def test_every_demo_article_is_complete_in_three_languages():
    assert len(DEMO_ARTICLES) >= 30
    for entry in DEMO_ARTICLES:
        for locale in ("en", "de", "ru"):
            title, body = entry[locale]
            assert title and len(body) > 600, (entry["id"], locale)
            assert body.count("\n## ") >= 2, (entry["id"], locale)
            assert markdown_problems(body) == [], (entry["id"], locale)


def test_seeding_publishes_at_least_30_articles_per_language_once(db):
    created = demo_articles_seed()
    assert created == 3 * len(DEMO_ARTICLES)
    for locale in ("en", "de", "ru"):
        assert ArticleTranslation.objects.filter(locale=locale, status="published").count() >= 30
    assert Article.objects.filter(source_locale="en").count() == len(DEMO_ARTICLES)
    assert Topic.objects.count() == sum(len(t) for t in EXPECTED_TOPICS.values())
    assert set(Article.objects.values_list("product_group__slug", flat=True)) == set(EXPECTED_TOPICS)
    assert demo_articles_seed() == 0
    assert Article.objects.count() == len(DEMO_ARTICLES)
