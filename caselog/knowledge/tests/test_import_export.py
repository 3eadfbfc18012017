import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from caselog.knowledge.models import Article, ArticleTranslation
from caselog.knowledge.tests.factories import ArticleTranslationFactory

Status = ArticleTranslation.Status


def _write(tmp_path: Path, rows: list[Any], name: str = "articles.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    return path


def _import(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_articles", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_creates_published_articles_in_the_given_language(tmp_path, battery_topic):
    path = _write(
        tmp_path,
        [
            {"id": "kb-1", "title": "Akku lädt nicht", "body": "## Schritte\n\n1. Kabel", "topic": "battery"},
            {"id": 2, "title": "Bildschirm dunkel", "body": "Text"},
        ],
    )
    output = _import(path, "--locale", "de", "--product-group", "iphone")
    assert "2 created, 0 updated" in output
    first = ArticleTranslation.objects.get(article__external_id="kb-1")
    assert (first.locale, first.status, first.article.topic, first.article.slug) == (
        "de",
        Status.PUBLISHED,
        battery_topic,
        "akku-ladt-nicht",
    )
    assert first.versions.count() == 1 and first.status_changes.get().to_status == Status.PUBLISHED
    assert ArticleTranslation.objects.get(article__external_id="2").article.topic is None


def test_importing_the_same_file_twice_changes_nothing(tmp_path, iphone):
    path = _write(tmp_path, [{"id": "a", "title": "One", "body": "x"}, {"id": "b", "title": "Two", "body": "y"}])
    _import(path, "--locale", "en", "--product-group", "iphone")
    assert "0 created, 0 updated, 2 unchanged" in _import(path, "--locale", "en", "--product-group", "iphone")
    assert Article.objects.count() == 2 and ArticleTranslation.objects.count() == 2


def test_reimport_updates_text_by_id_and_keeps_a_version(tmp_path, iphone):
    _import(
        _write(tmp_path, [{"id": "a", "title": "One", "body": "old"}]), "--locale", "en", "--product-group", "iphone"
    )
    path = _write(tmp_path, [{"id": "a", "title": "One", "body": "new"}], "v2.jsonl")
    assert "0 created, 1 updated" in _import(path, "--locale", "en", "--product-group", "iphone")
    translation = ArticleTranslation.objects.get()
    assert translation.body == "new"
    assert list(translation.versions.order_by("number").values_list("body", flat=True)) == ["old", "new"]


def test_same_id_in_another_language_becomes_a_translation_of_the_same_article(tmp_path, iphone):
    _import(_write(tmp_path, [{"id": "a", "title": "One", "body": "x"}]), "--locale", "en", "--product-group", "iphone")
    _import(
        _write(tmp_path, [{"id": "a", "title": "Eins", "body": "x"}], "de.jsonl"),
        "--locale",
        "de",
        "--product-group",
        "iphone",
    )
    article = Article.objects.get()
    assert sorted(article.translations.values_list("locale", flat=True)) == ["de", "en"]
    assert article.source_locale == "en"


def test_unknown_locale_option_is_refused_before_reading(tmp_path, iphone):
    path = _write(tmp_path, [{"id": "a", "title": "One", "body": "x"}])
    with pytest.raises(CommandError, match="unknown locale 'fr'"):
        _import(path, "--locale", "fr", "--product-group", "iphone")


def test_a_bad_line_anywhere_means_nothing_is_imported_and_every_error_is_listed(tmp_path, iphone):
    path = _write(
        tmp_path,
        [
            {"id": "ok", "title": "Fine", "body": "x"},
            {"id": "l2", "title": "", "body": "x"},
            "{not json",
            {"id": "l4", "title": "T", "body": "x", "locale": "xx"},
            {"id": "l5", "title": "T", "body": "```\nunclosed"},
            {"id": "l6", "title": "T", "body": "x" * 100_001},
            {"id": "l7", "title": "T", "body": "x", "topic": "nope"},
            {"id": "ok", "title": "Again", "body": "x"},
        ],
    )
    with pytest.raises(CommandError) as error:
        _import(path, "--locale", "en", "--product-group", "iphone")
    message = str(error.value)
    assert "7 error(s)" in message and "nothing was imported" in message
    for expected in (
        "line 2 (id l2): empty title",
        "line 3: not valid JSON",
        "line 4 (id l4): unknown locale 'xx'",
        "line 5 (id l5): Markdown line 1: the code block opened with ``` is never closed",
        "line 6 (id l6): body of 100,001 characters is over the limit of 100,000",
        "line 7 (id l7): unknown topic 'nope' in product group 'iphone'",
        "line 8: id ok in en repeats line 1",
    ):
        assert expected in message
    assert not Article.objects.exists()


def test_lines_without_a_product_group_need_the_option(tmp_path, iphone):
    path = _write(tmp_path, [{"id": "a", "title": "One", "body": "x"}])
    with pytest.raises(CommandError, match="no product group"):
        _import(path, "--locale", "en")


def test_export_writes_the_import_format_and_round_trips(tmp_path, battery_en, battery_ru):
    ArticleTranslationFactory(status=Status.DRAFT)
    path = tmp_path / "out.jsonl"
    call_command("export_articles", str(path), stdout=StringIO(), stderr=StringIO())
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert {(r["id"], r["locale"]) for r in rows} == {("iphone-wont-charge", "en"), ("iphone-wont-charge", "ru")}
    assert rows[0]["topic"] == "battery" and rows[0]["product_group"] == "iphone"
    output = _import(path, "--locale", "en")
    assert "0 created, 0 updated, 2 unchanged" in output


def test_export_of_one_language(tmp_path, battery_en, battery_ru):
    out = StringIO()
    call_command("export_articles", "-", "--locale", "ru", stdout=out, stderr=StringIO())
    rows = [json.loads(line) for line in out.getvalue().splitlines() if line.startswith("{")]
    assert [r["title"] for r in rows] == ["Если iPhone не заряжается"]


def test_import_queues_search_indexing_per_chunk(tmp_path, iphone, monkeypatch, django_capture_on_commit_callbacks):
    from caselog.search import services as search

    batches = []
    monkeypatch.setattr(search, "documents_upsert_many", lambda docs, **kw: batches.append(list(docs)))
    path = _write(tmp_path, [{"id": str(n), "title": f"T{n}", "body": "x"} for n in range(3)])
    with django_capture_on_commit_callbacks(execute=True):
        _import(path, "--locale", "en", "--product-group", "iphone")
    assert [len(batch) for batch in batches] == [3]
    assert {doc.locale for doc in batches[0]} == {"en"}
