"""Bulk import and export of articles as JSON Lines: one {"id", "title", "body"} object per line,
plus optional "topic", "product_group" and "locale". Import is idempotent by id and validates the
whole file before writing anything, so a bad line loses nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from caselog.knowledge.models import (
    BODY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Article,
    ArticleStatusChange,
    ArticleTranslation,
    ArticleVersion,
    ProductGroup,
    Topic,
)
from caselog.knowledge.rendering import markdown_problems
from caselog.knowledge.services import article_slug_make, slug_base
from caselog.knowledge.tasks import article_translations_index

Status = ArticleTranslation.Status
IMPORT_CHUNK = 1000
ID_MAX_LENGTH = 100
MAX_REPORTED_ERRORS = 50


@dataclass(frozen=True)
class ImportRow:
    line: int
    id: str
    title: str
    body: str
    locale: str
    product_group: ProductGroup
    topic: Topic | None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


class ImportContext:
    """Product groups and topics, looked up once."""

    def __init__(self, *, locale: str, product_group: str) -> None:
        self.locale = locale
        self.groups = {g.slug: g for g in ProductGroup.objects.all()}
        self.group_by_name = {name.lower(): g for g in self.groups.values() for name in g.names.values()}
        self.topics = {(t.product_group_id, t.slug): t for t in Topic.objects.all()}
        self.default_group = self.group(product_group) if product_group else None

    def group(self, value: str) -> ProductGroup | None:
        return self.groups.get(value) or self.group_by_name.get(value.lower())


def import_context_check(*, locale: str, product_group: str) -> list[str]:
    """Errors in the command's own options (before the file is read)."""
    errors = []
    if locale not in dict(settings.LANGUAGES):
        errors.append(f"unknown locale {locale!r}; use one of {', '.join(dict(settings.LANGUAGES))}")
    if product_group and ImportContext(locale="en", product_group="").group(product_group) is None:
        errors.append(f"unknown product group {product_group!r}")
    return errors


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def import_row_parse(line_number: int, line: str, context: ImportContext) -> ImportRow | str | None:
    """One line of the file as a row, or an error message (None for a blank line)."""
    if not line.strip():
        return None
    where = f"line {line_number}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return f"{where}: not valid JSON ({error.msg} at column {error.colno})"
    if not isinstance(data, dict):
        return f"{where}: expected a JSON object"
    raw_id = data.get("id")
    article_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
    title, body = _text(data.get("title")).strip(), _text(data.get("body"))
    locale = _text(data.get("locale")) or context.locale
    problems = []
    if not article_id:
        problems.append("missing id")
    elif len(article_id) > ID_MAX_LENGTH:
        problems.append(f"id longer than {ID_MAX_LENGTH} characters")
    if not title:
        problems.append("empty title")
    elif len(title) > TITLE_MAX_LENGTH:
        problems.append(f"title longer than {TITLE_MAX_LENGTH} characters")
    if not body.strip():
        problems.append("empty body")
    elif len(body) > BODY_MAX_LENGTH:
        problems.append(f"body of {len(body):,} characters is over the limit of {BODY_MAX_LENGTH:,}")
    else:
        problems.extend(f"Markdown {p}" for p in markdown_problems(body))
    if locale not in dict(settings.LANGUAGES):
        problems.append(f"unknown locale {locale!r}")
    group_value = _text(data.get("product_group"))
    group = context.group(group_value) if group_value else context.default_group
    if group is None:
        problems.append(
            f"unknown product group {group_value!r}" if group_value else "no product group (use --product-group)"
        )
    topic = None
    topic_value = _text(data.get("topic"))
    if topic_value and group is not None:
        topic = context.topics.get((group.pk, topic_value))
        if topic is None:
            problems.append(f"unknown topic {topic_value!r} in product group {group.slug!r}")
    if problems:
        return f"{where}{f' (id {article_id})' if article_id else ''}: {'; '.join(problems)}"
    assert group is not None
    return ImportRow(line_number, article_id, title, body, locale, group, topic)


def import_file_check(lines: Iterable[str], context: ImportContext) -> tuple[int, list[str]]:
    """First pass: count the rows and collect every error (duplicate ids too) without writing."""
    errors: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    rows = 0
    for number, line in enumerate(lines, start=1):
        parsed = import_row_parse(number, line, context)
        if isinstance(parsed, str):
            errors.append(parsed)
        elif parsed is not None:
            rows += 1
            key = (parsed.id, parsed.locale)
            if key in seen:
                errors.append(f"line {number}: id {parsed.id} in {parsed.locale} repeats line {seen[key]}")
            seen[key] = number
    return rows, errors


def import_rows(lines: Iterable[str], context: ImportContext) -> Iterator[ImportRow]:
    for number, line in enumerate(lines, start=1):
        parsed = import_row_parse(number, line, context)
        if isinstance(parsed, ImportRow):
            yield parsed


def articles_import(
    rows: Iterable[ImportRow], *, index: bool = True, progress: Callable[[int], Any] | None = None
) -> ImportResult:
    """Create or update published articles by id, a chunk per transaction with bulk queries."""
    result = ImportResult()
    chunk: list[ImportRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == IMPORT_CHUNK:
            _import_chunk(chunk, result=result, index=index)
            if progress:
                progress(len(chunk))
            chunk = []
    if chunk:
        _import_chunk(chunk, result=result, index=index)
        if progress:
            progress(len(chunk))
    return result


def _unique_slugs(rows: list[ImportRow]) -> dict[str, str]:
    """A slug per new article id: from the title, made unique against the database and this chunk."""
    wanted = {row.id: (slug_base(row.title) or "article")[:80] for row in rows}
    taken = set(
        Article.objects.filter(
            Q(slug__in=set(wanted.values())) | Q(slug__in={f"{w}-{slug_base(i) or 'x'}" for i, w in wanted.items()})
        ).values_list("slug", flat=True)
    )
    slugs: dict[str, str] = {}
    for article_id, base in wanted.items():
        slug = base
        if slug in taken:
            slug = f"{base}-{slug_base(article_id) or 'x'}"[:120]
        if slug in taken:
            slug = article_slug_make(title="", wanted=slug)
        taken.add(slug)
        slugs[article_id] = slug
    return slugs


def _import_chunk(chunk: list[ImportRow], *, result: ImportResult, index: bool) -> None:
    now = timezone.now()
    with transaction.atomic():
        articles = {a.external_id: a for a in Article.objects.filter(external_id__in={r.id for r in chunk})}
        first_rows: dict[str, ImportRow] = {}
        for row in chunk:
            if row.id not in articles:
                first_rows.setdefault(row.id, row)  # the first language seen is the article's source
        new_rows = list(first_rows.values())
        slugs = _unique_slugs(new_rows)
        fresh = [
            Article(
                product_group=r.product_group,
                topic=r.topic,
                source_locale=r.locale,
                slug=slugs[r.id],
                external_id=r.id,
            )
            for r in new_rows
        ]
        Article.objects.bulk_create(fresh, batch_size=IMPORT_CHUNK)
        articles.update({a.external_id: a for a in fresh})

        moved = []
        for row in chunk:
            article = articles[row.id]
            topic_id = (
                row.topic.pk
                if row.topic
                else article.topic_id
                if row.product_group.pk == article.product_group_id
                else None
            )
            if article.product_group_id != row.product_group.pk or article.topic_id != topic_id:
                article.product_group_id, article.topic_id = row.product_group.pk, topic_id
                moved.append(article)
        if moved:
            Article.objects.bulk_update(moved, ["product_group", "topic"], batch_size=IMPORT_CHUNK)

        article_ids = [a.pk for a in articles.values()]
        translations = {
            (t.article_id, t.locale): t
            for t in ArticleTranslation.objects.filter(article_id__in=article_ids, locale__in={r.locale for r in chunk})
        }
        created: list[ArticleTranslation] = []
        changed: list[ArticleTranslation] = []
        republished: list[tuple[ArticleTranslation, str]] = []
        for row in chunk:
            article = articles[row.id]
            translation = translations.get((article.pk, row.locale))
            if translation is None:
                translation = ArticleTranslation(
                    article=article,
                    locale=row.locale,
                    title=row.title,
                    body=row.body,
                    status=Status.PUBLISHED,
                    status_changed_at=now,
                    published_at=now,
                    content_updated_at=now,
                )
                translations[(article.pk, row.locale)] = translation
                created.append(translation)
                continue
            if translation.title == row.title and translation.body == row.body and translation.is_published:
                result.unchanged += 1
                continue
            if translation.title != row.title or translation.body != row.body:
                translation.title, translation.body, translation.content_updated_at = row.title, row.body, now
            if not translation.is_published:
                republished.append((translation, translation.status))
                translation.status, translation.status_changed_at, translation.published_at = Status.PUBLISHED, now, now
            changed.append(translation)
        ArticleTranslation.objects.bulk_create(created, batch_size=IMPORT_CHUNK)
        ArticleTranslation.objects.bulk_update(
            changed,
            ["title", "body", "content_updated_at", "status", "status_changed_at", "published_at"],
            batch_size=IMPORT_CHUNK,
        )
        last_numbers = dict(
            ArticleVersion.objects.filter(translation__in=changed)
            .values("translation")
            .annotate(n=Max("number"))
            .values_list("translation", "n")
        )
        ArticleVersion.objects.bulk_create(
            [
                ArticleVersion(
                    translation=t, number=last_numbers.get(t.pk, 0) + 1, title=t.title, body=t.body, note="Imported"
                )
                for t in [*created, *changed]
            ],
            batch_size=IMPORT_CHUNK,
        )
        ArticleStatusChange.objects.bulk_create(
            [ArticleStatusChange(translation=t, to_status=Status.PUBLISHED, created_at=now) for t in created]
            + [
                ArticleStatusChange(translation=t, from_status=old, to_status=Status.PUBLISHED, created_at=now)
                for t, old in republished
            ],
            batch_size=IMPORT_CHUNK,
        )
        result.created += len(created)
        result.updated += len(changed)
        if index:
            ids = [t.pk for t in [*created, *changed]]
            if ids:
                transaction.on_commit(lambda: article_translations_index.enqueue(translation_ids=ids))


class TextSink(Protocol):
    def write(self, text: str, /) -> Any: ...


def articles_export(
    out: TextSink, *, locale: str = "", product_group: str = "", include_unpublished: bool = False
) -> Iterator[int]:
    """Write translations as JSON Lines in the import format; yields after each written line (for progress)."""
    translations = ArticleTranslation.objects.select_related("article__product_group", "article__topic").order_by("pk")
    if locale:
        translations = translations.filter(locale=locale)
    if product_group:
        translations = translations.filter(article__product_group__slug=product_group)
    if not include_unpublished:
        translations = translations.filter(status=Status.PUBLISHED)
    for translation in translations.iterator(chunk_size=2000):
        article = translation.article
        row = {
            "id": article.external_id,
            "title": translation.title,
            "body": translation.body,
            "topic": article.topic.slug if article.topic else "",
            "product_group": article.product_group.slug,
            "locale": translation.locale,
        }
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        yield 1


def articles_export_count(*, locale: str = "", product_group: str = "", include_unpublished: bool = False) -> int:
    translations = ArticleTranslation.objects.all()
    if locale:
        translations = translations.filter(locale=locale)
    if product_group:
        translations = translations.filter(article__product_group__slug=product_group)
    if not include_unpublished:
        translations = translations.filter(status=Status.PUBLISHED)
    return translations.count()
