from typing import Any

from django.test import Client
from django.urls import reverse

from caselog.knowledge.models import ArticleDailyStat, ArticleFeedback, ArticleTranslation
from caselog.knowledge.tests.factories import ArticleFactory, ArticleTranslationFactory
from conftest import client_for


def _client(locale: str) -> Client:
    client = Client()
    client.cookies["django_language"] = locale
    return client


def test_home_lists_product_groups_and_topics(battery_en):
    response = _client("en").get(reverse("home"))
    assert response.status_code == 200
    assert b"iPhone" in response.content and b"Battery and charging" in response.content
    assert b"If your iPhone won&#x27;t charge" in response.content  # popular articles


def test_home_without_any_content_shows_an_empty_state(db):
    response = _client("en").get(reverse("knowledge:index"))
    assert "The help center has no product groups yet." in response.content.decode()


def test_group_page_counts_published_articles_per_topic(battery_en, battery_ru):
    ArticleTranslationFactory(article__topic=battery_en.article.topic, status=ArticleTranslation.Status.DRAFT)
    response = _client("en").get(reverse("knowledge:group", args=["iphone"]))
    assert response.status_code == 200
    assert "1 article" in response.content.decode()


def test_unknown_group_or_topic_is_404(iphone):
    assert _client("en").get(reverse("knowledge:group", args=["nope"])).status_code == 404
    assert _client("en").get(reverse("knowledge:topic", args=["iphone", "nope"])).status_code == 404


def test_russian_reader_sees_the_russian_article_in_the_topic(battery_ru):
    response = _client("ru").get(reverse("knowledge:topic", args=["iphone", "battery"]))
    body = response.content.decode()
    assert "Если iPhone не заряжается" in body
    assert "If your iPhone" not in body


def test_german_reader_gets_the_english_article_marked_as_fallback(battery_en, battery_ru):
    response = _client("de").get(reverse("knowledge:topic", args=["iphone", "battery"]))
    body = response.content.decode()
    assert "If your iPhone won&#x27;t charge" in body
    assert "verfügbar auf Englisch" in body


def test_article_page_renders_markdown_and_counts_a_view(battery_ru):
    response = _client("ru").get(reverse("knowledge:article", args=["iphone-wont-charge"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Проверьте кабель</h2>" in body
    assert ArticleDailyStat.objects.get().views == 1


def test_article_missing_in_the_readers_language_says_so(battery_en):
    response = _client("de").get(reverse("knowledge:article", args=["iphone-wont-charge"]))
    assert response.status_code == 200
    assert response.context["is_fallback"] is True
    assert response.context["translation"] == battery_en


def test_explicit_language_in_the_address_wins_over_the_browser(battery_ru):
    response = _client("en").get(reverse("knowledge:article_locale", args=["iphone-wont-charge", "ru"]))
    assert response.context["translation"] == battery_ru and response.context["is_fallback"] is False


def test_unknown_language_in_the_address_is_404(battery_en):
    assert _client("en").get("/help/a/iphone-wont-charge/xx/").status_code == 404


def test_unpublished_articles_are_404_for_visitors(battery_topic):
    draft = ArticleTranslationFactory(article__topic=battery_topic, status=ArticleTranslation.Status.DRAFT)
    archived = ArticleTranslationFactory(article__topic=battery_topic, status=ArticleTranslation.Status.ARCHIVED)
    for translation in (draft, archived):
        assert _client("en").get(reverse("knowledge:article", args=[translation.article.slug])).status_code == 404


def test_article_leads_to_get_support_with_group_and_topic_preselected(battery_en):
    response = _client("en").get(reverse("knowledge:article", args=["iphone-wont-charge"]))
    assert response.context["contact_url"] == reverse("cases:contact") + "?product_group=iphone&topic=battery"
    assert response.context["contact_url"] in response.content.decode().replace("&amp;", "&")


def test_related_articles_come_from_the_same_topic_in_the_readers_language_first(battery_ru):
    topic = battery_ru.article.topic
    ru_other = ArticleTranslationFactory(article__topic=topic, article__source_locale="ru", locale="ru", title="Ещё")
    en_other = ArticleTranslationFactory(article__topic=topic, title="Other")
    ArticleTranslationFactory(title="Elsewhere")
    response = _client("ru").get(reverse("knowledge:article", args=["iphone-wont-charge"]))
    related = [entry.translation for entry in response.context["related"]]
    assert related == [ru_other, en_other]
    assert "доступно на языке «Английский»" in response.content.decode()


def test_feedback_no_offers_get_support(battery_en):
    client = _client("en")
    url = reverse("knowledge:feedback", args=["iphone-wont-charge", "en"])
    response = client.post(url, {"helpful": "no"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Get support" in response.content.decode()
    assert ArticleFeedback.objects.get().helpful is False


def test_feedback_without_javascript_redirects_back_to_the_article(battery_en):
    response = _client("en").post(reverse("knowledge:feedback", args=["iphone-wont-charge", "en"]), {"helpful": "yes"})
    assert response.status_code == 302
    assert response["Location"].endswith("/help/a/iphone-wont-charge/en/#feedback")


def test_signed_in_customer_votes_once_per_article(alice, battery_en):
    client = client_for(alice)
    url = reverse("knowledge:feedback", args=["iphone-wont-charge", "en"])
    client.post(url, {"helpful": "yes"})
    client.post(url, {"helpful": "no"})
    assert list(ArticleFeedback.objects.values_list("visitor", "helpful")) == [(f"user:{alice.pk}", False)]


def test_feedback_with_a_bad_answer_is_422(battery_en):
    url = reverse("knowledge:feedback", args=["iphone-wont-charge", "en"])
    assert _client("en").post(url, {"helpful": "maybe"}).status_code == 422
    assert not ArticleFeedback.objects.exists()


def test_feedback_on_an_unpublished_article_is_404(battery_topic):
    draft = ArticleTranslationFactory(article__topic=battery_topic, status=ArticleTranslation.Status.DRAFT)
    url = reverse("knowledge:feedback", args=[draft.article.slug, "en"])
    assert _client("en").post(url, {"helpful": "yes"}).status_code == 404


def test_topic_page_paginates(battery_topic):
    for n in range(25):
        ArticleTranslationFactory(article=ArticleFactory(topic=battery_topic, slug=f"a-{n:02d}"), title=f"T{n:02d}")
    first = _client("en").get(reverse("knowledge:topic", args=["iphone", "battery"]))
    second = _client("en").get(reverse("knowledge:topic", args=["iphone", "battery"]) + "?page=2")
    assert len(first.context["entries"]) == 20 and len(second.context["entries"]) == 5
    assert _client("en").get(reverse("knowledge:topic", args=["iphone", "battery"]) + "?page=abc").status_code == 200


def test_hot_pages_use_a_fixed_number_of_queries(battery_topic, django_assert_max_num_queries):
    for n in range(15):
        article = ArticleFactory(topic=battery_topic, slug=f"a-{n:02d}")
        ArticleTranslationFactory(article=article, locale="en")
        ArticleTranslationFactory(article=article, locale="ru", title=f"Статья {n}")
    client = _client("ru")
    client.get(reverse("home"))  # session and language set-up
    with django_assert_max_num_queries(8):
        client.get(reverse("home"))
    with django_assert_max_num_queries(8):
        client.get(reverse("knowledge:topic", args=["iphone", "battery"]))
    with django_assert_max_num_queries(10):
        client.get(reverse("knowledge:article", args=["a-03"]))


def test_search_box_uses_the_search_app(battery_en, monkeypatch):
    from caselog.search import doors
    from caselog.search.queries import SuggestionQuery
    from caselog.search.selectors import SuggestionList

    calls: list[Any] = []
    gaps: list[Any] = []

    def fake_suggest(*, query: SuggestionQuery) -> SuggestionList:
        calls.append(query)
        return SuggestionList()

    monkeypatch.setattr(doors, "suggestion_list", fake_suggest)
    monkeypatch.setattr(doors, "suggestion_gap_record", lambda **kwargs: gaps.append(kwargs["query"]))
    response = _client("de").get(reverse("knowledge:search"), {"q": "lädt nicht", "product_group": "iphone"})
    assert response.status_code == 200
    assert calls == [SuggestionQuery(text="lädt nicht", locale="de", product_group="iphone", limit=20, refine=True)]
    assert gaps == calls  # log_gaps: the refined answer's misses are logged


def test_editors_find_the_knowledge_base_from_the_help_center_and_customers_do_not(erik, alice):
    editor_url = reverse("knowledge:editor")
    assert editor_url in client_for(erik).get(reverse("knowledge:index")).content.decode()
    assert editor_url not in client_for(alice).get(reverse("knowledge:index")).content.decode()
