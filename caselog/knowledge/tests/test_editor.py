import pytest
from django.test import Client
from django.urls import reverse

from caselog.knowledge.models import BODY_MAX_LENGTH, Article, ArticleTranslation
from conftest import client_for

Status = ArticleTranslation.Status


def _new_article_data(battery_topic, **overrides):
    data = {
        "product_group": battery_topic.product_group.pk,
        "topic": battery_topic.pk,
        "source_locale": "de",
        "title": "Akku lädt nicht",
        "slug": "",
        "body": "## Schritte\n\n1. Kabel prüfen.",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("knowledge:editor", []),
        ("knowledge:article_new", []),
        ("knowledge:editor_article", ["ID"]),
        ("knowledge:translation_edit", ["ID", "en"]),
        ("knowledge:versions", ["ID", "en"]),
        ("knowledge:stats", []),
        ("knowledge:stats_article", ["ID"]),
    ],
)
def test_customers_and_agents_get_404_on_editor_pages(alice, bob, battery_en, name, args):
    url = reverse(name, args=[battery_en.article.pk if a == "ID" else a for a in args])
    assert client_for(alice).get(url).status_code == 404
    assert client_for(bob).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # anonymous: sign in first


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("knowledge:preview", []),
        ("knowledge:article_move", ["ID"]),
        ("knowledge:transition", ["ID", "en"]),
        ("knowledge:version_restore", ["ID", "en", 1]),
    ],
)
def test_customers_get_404_on_editor_actions_and_nothing_changes(alice, battery_en, name, args):
    url = reverse(name, args=[battery_en.article.pk if a == "ID" else a for a in args])
    response = client_for(alice).post(url, {"to_status": "archived", "body": "x"})
    assert response.status_code == 404
    battery_en.refresh_from_db()
    assert battery_en.status == Status.PUBLISHED


def test_editor_writes_a_draft(erik, battery_topic):
    response = client_for(erik).post(reverse("knowledge:article_new"), _new_article_data(battery_topic))
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "knowledge:editor_article", args=[article.pk]
    )
    assert article.slug == "akku-ladt-nicht"
    assert article.translations.get().status == Status.DRAFT


def test_empty_title_shows_the_error_next_to_the_field_and_keeps_the_text(erik, battery_topic):
    response = client_for(erik).post(reverse("knowledge:article_new"), _new_article_data(battery_topic, title=""))
    body = response.content.decode()
    assert response.status_code == 422
    assert response.context["form"].errors["title"]
    assert "1. Kabel prüfen." in body
    assert not Article.objects.exists()


def test_a_huge_body_is_refused_with_its_size(erik, battery_topic):
    huge = "x" * (BODY_MAX_LENGTH + 1)
    response = client_for(erik).post(reverse("knowledge:article_new"), _new_article_data(battery_topic, body=huge))
    assert response.status_code == 422
    assert "100,001" in str(response.context["form"].errors["body"])
    assert not Article.objects.exists()


def test_broken_markdown_is_refused_with_the_line(erik, battery_topic):
    body = "Intro\n\n```\nsettings code never closed"
    response = client_for(erik).post(reverse("knowledge:article_new"), _new_article_data(battery_topic, body=body))
    assert response.status_code == 422
    assert "Zeile 3" in str(response.context["form"].errors["body"])  # erik reads German
    assert "settings code never closed" in response.content.decode()


def test_topic_from_another_group_is_an_error_on_the_topic_field(erik, battery_topic, store_group):
    data = _new_article_data(battery_topic, product_group=store_group.pk)
    response = client_for(erik).post(reverse("knowledge:article_new"), data)
    assert response.status_code == 422 and response.context["form"].errors["topic"]


def test_live_preview_renders_sanitised_html(erik):
    response = client_for(erik).post(
        reverse("knowledge:preview"), {"body": "**bold** <script>alert(1)</script>"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<strong>bold</strong>" in body and "<script>" not in body


def test_live_preview_warns_about_broken_markdown(erik):
    response = client_for(erik).post(reverse("knowledge:preview"), {"body": "```\nx"})
    assert "nie geschlossen" in response.content.decode()


def test_editor_publishes_through_review(erik, battery_topic):
    client = client_for(erik)
    client.post(reverse("knowledge:article_new"), _new_article_data(battery_topic))
    article = Article.objects.get()
    url = reverse("knowledge:transition", args=[article.pk, "de"])
    client.post(url, {"to_status": "in_review"})
    client.post(url, {"to_status": "published"})
    translation = article.translations.get()
    assert translation.status == Status.PUBLISHED and translation.status_changed_by == erik
    page = client.get(reverse("knowledge:editor_article", args=[article.pk])).content.decode()
    assert "Veröffentlicht" in page or "Published" in page


def test_a_forbidden_transition_shows_an_error_and_changes_nothing(erik, battery_en):
    client = client_for(erik)
    response = client.post(
        reverse("knowledge:transition", args=[battery_en.article.pk, "en"]), {"to_status": "in_review"}, follow=True
    )
    battery_en.refresh_from_db()
    assert battery_en.status == Status.PUBLISHED
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_editor_translates_an_article_into_russian(erik, battery_en):
    client = client_for(erik)
    url = reverse("knowledge:translation_edit", args=[battery_en.article.pk, "ru"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Не заряжается", "body": "Текст", "note": ""})
    assert response.status_code == 302
    assert battery_en.article.translations.get(locale="ru").status == Status.DRAFT


def test_translation_edit_with_an_unknown_language_is_404(erik, battery_en):
    assert (
        client_for(erik).get(reverse("knowledge:translation_edit", args=[battery_en.article.pk, "xx"])).status_code
        == 404
    )


def test_editing_keeps_versions_and_restore_brings_back_the_old_text(erik, battery_en):
    client = client_for(erik)
    article = battery_en.article
    edit = reverse("knowledge:translation_edit", args=[article.pk, "en"])
    client.post(edit, {"title": battery_en.title, "body": "first text", "note": "one"})
    client.post(edit, {"title": battery_en.title, "body": "second text", "note": "two"})
    page = client.get(reverse("knowledge:versions", args=[article.pk, "en"]), {"a": 1, "b": 2})
    assert page.status_code == 200
    assert [(line.kind, line.text) for line in page.context["diff"] if line.kind != "ctx" and line.kind != "hunk"] == [
        ("del", "-first text"),
        ("add", "+second text"),
    ]
    client.post(reverse("knowledge:version_restore", args=[article.pk, "en", 1]))
    battery_en.refresh_from_db()
    assert battery_en.body == "first text" and battery_en.versions.count() == 3


def test_versions_page_with_bad_numbers_still_works(erik, battery_en):
    client = client_for(erik)
    client.post(reverse("knowledge:translation_edit", args=[battery_en.article.pk, "en"]), {"title": "t", "body": "b"})
    response = client.get(reverse("knowledge:versions", args=[battery_en.article.pk, "en"]), {"a": "zz", "b": "99"})
    assert response.status_code == 200


def test_editor_list_filters_by_status_and_language(erik, battery_en, battery_ru):
    battery_ru.status = Status.IN_REVIEW
    battery_ru.save()
    client = client_for(erik)
    assert list(client.get(reverse("knowledge:editor"), {"status": "in_review", "locale": "ru"}).context["page"]) == [
        battery_en.article
    ]
    assert list(client.get(reverse("knowledge:editor"), {"status": "in_review", "locale": "en"}).context["page"]) == []
    assert client.get(reverse("knowledge:editor"), {"status": "bogus"}).status_code == 200


def test_manager_sees_stats_with_chart_data(maria, battery_en):
    client = client_for(maria)
    client.get(reverse("knowledge:article", args=[battery_en.article.slug]))
    listing = client.get(reverse("knowledge:stats"))
    assert listing.status_code == 200 and listing.context["page"][0].views == 1
    detail = client.get(reverse("knowledge:stats_article", args=[battery_en.article.pk]))
    assert detail.status_code == 200
    assert detail.context["chart"]["series"]["views"][-1] == 1
    assert 'id="chart-data"' in detail.content.decode()


def test_stats_list_ignores_a_bad_sort_order(maria, battery_en):
    assert client_for(maria).get(reverse("knowledge:stats"), {"order": "password"}).status_code == 200


def test_editor_moves_an_article_and_a_wrong_topic_is_422(erik, battery_en, store_group):
    client = client_for(erik)
    url = reverse("knowledge:article_move", args=[battery_en.article.pk])
    response = client.post(url, {"product_group": store_group.pk, "topic": battery_en.article.topic.pk})
    assert response.status_code == 422
    response = client.post(url, {"product_group": store_group.pk, "topic": ""})
    assert response.status_code == 302
    battery_en.article.refresh_from_db()
    assert battery_en.article.product_group == store_group and battery_en.article.topic is None


def test_versions_page_of_a_translation_without_saved_versions_is_empty_not_an_error(erik, battery_en):
    response = client_for(erik).get(reverse("knowledge:versions", args=[battery_en.article.pk, "en"]))
    assert response.status_code == 200 and response.context["diff"] == []


def test_an_address_already_in_use_is_an_error_on_the_slug_field(erik, battery_topic, battery_en):
    data = _new_article_data(battery_topic, slug="iphone-wont-charge")
    response = client_for(erik).post(reverse("knowledge:article_new"), data)
    assert response.status_code == 422 and response.context["form"].errors["slug"]
    assert Article.objects.count() == 1
