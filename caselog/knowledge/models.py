from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caselog.core.i18n import TranslatedNameMixin

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 100_000


class ProductGroup(TranslatedNameMixin):
    """iPhone, iPad, Mac, Watch, Account & Store, ...: the top of the help center."""

    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        permissions = [("edit_article", "Can write, review and publish knowledge-base articles")]


class Topic(TranslatedNameMixin):
    """A topic inside a product group (battery and charging, purchases and billing, ...)."""

    product_group = models.ForeignKey(ProductGroup, on_delete=models.PROTECT, related_name="topics")
    slug = models.SlugField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["product_group", "position", "slug"]
        constraints = [models.UniqueConstraint(fields=["product_group", "slug"], name="topic_slug_unique_in_group")]


class Article(models.Model):
    """One article family: the same help text in several languages, written first in `source_locale`."""

    product_group = models.ForeignKey(ProductGroup, on_delete=models.PROTECT, related_name="articles")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="articles")
    source_locale = models.CharField(_("source language"), max_length=8, choices=settings.LANGUAGES)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, help_text="The id used by import_articles / export_articles"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["product_group", "topic", "slug"]
        permissions = [("view_article_stats", "Can see views, votes and solved cases per article")]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("knowledge:article", args=[self.slug])


class ArticleTranslation(models.Model):
    """The article in one language, with its own workflow status."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    locale = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("body (Markdown)"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(default=timezone.now)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # When title or body last changed: a translation older than its source is outdated.
    content_updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["article", "locale"]
        indexes = [models.Index(fields=["locale", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["article", "locale"], name="article_translation_one_per_locale"),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "in_review", "published", "archived"]),
                name="article_translation_status_valid",
            ),
            models.CheckConstraint(condition=~models.Q(title=""), name="article_translation_title_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.locale}]"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:article_locale", args=[self.article.slug, self.locale])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ArticleVersion(models.Model):
    """Every saved text of a translation, so that editors can compare and restore."""

    translation = models.ForeignKey(ArticleTranslation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    body = models.TextField()
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["translation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["translation", "number"], name="article_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"v{self.number} of {self.translation_id}"


class ArticleStatusChange(models.Model):
    """Who moved a translation through the workflow, and when."""

    translation = models.ForeignKey(ArticleTranslation, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=ArticleTranslation.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ArticleTranslation.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ArticleDailyStat(models.Model):
    """Page views of an article per language and day (one row, incremented in place)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="daily_stats")
    locale = models.CharField(max_length=8, choices=settings.LANGUAGES)
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["article", "day"]
        constraints = [
            models.UniqueConstraint(fields=["article", "locale", "day"], name="article_daily_stat_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {self.locale} {self.day}: {self.views}"


class ArticleFeedback(models.Model):
    """An answer to "Did this solve your problem?"; one per visitor and article (a new answer replaces it)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    locale = models.CharField(max_length=8, choices=settings.LANGUAGES)
    helpful = models.BooleanField()
    visitor = models.CharField(max_length=64, help_text="User id or session key: one vote per visitor")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    query = models.CharField(max_length=200, blank=True, help_text="The search that led here, if any")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="article_feedback_one_per_visitor"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {'+' if self.helpful else '-'}"
