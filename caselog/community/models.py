"""Community forum: sections per product group (and topic) and language, threads, replies, votes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caselog.knowledge.models import ProductGroup, Topic

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000


class Section(models.Model):
    """Where threads about one product group (optionally one topic) in one language live."""

    product_group = models.ForeignKey(ProductGroup, on_delete=models.PROTECT, related_name="community_sections")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    locale = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["locale", "position", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["product_group", "topic", "locale"], name="community_section_group_topic_locale_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:section", args=[self.slug])

    @property
    def name(self) -> str:
        return self.topic.name if self.topic is not None else self.product_group.name


# What anyone may see in a thread list (the selectors filter on exactly this).
VISIBLE = models.Q(hidden=False, pending_review=False)


class Thread(models.Model):
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="threads")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_threads")
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("question"), max_length=BODY_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    reply_count = models.PositiveIntegerField(default=0)
    score = models.IntegerField(default=0)
    accepted_reply = models.OneToOneField(
        "Reply", null=True, blank=True, on_delete=models.SET_NULL, related_name="accepted_for"
    )
    locked = models.BooleanField(_("locked"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="community_threads"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    # A first post of a new member waits for a moderator before others see it.
    pending_review = models.BooleanField(_("waiting for review"), default=False)
    # A duplicate merged into another thread: its answers moved there and its address leads there.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_duplicates"
    )
    moderation_note = models.CharField(_("note from the moderators"), max_length=300, blank=True)
    # A moderator deleted the thread: kept (hidden) for the audit trail and the reports, shown
    # to nobody; its author sees only the reason.
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    delete_reason = models.CharField(_("reason for deleting"), max_length=300, blank=True)

    class Meta:
        ordering = ["-last_activity_at"]
        permissions = [("moderate", "Can hide, lock and review reported community posts")]
        # One partial index per sort of the thread list: visible threads of a section in the
        # list's order (read backwards for the newest first), so a page and its count read the
        # index only, also at the far end of a big section.
        constraints = [
            # A deleted thread stays hidden: every list that leaves out hidden threads leaves it out.
            models.CheckConstraint(
                condition=models.Q(deleted_at__isnull=True) | models.Q(hidden=True),
                name="community_thread_deleted_hidden",
            )
        ]
        indexes = [
            models.Index(
                fields=["section", "last_activity_at", "id"], condition=VISIBLE, name="community_thread_activity"
            ),
            models.Index(
                fields=["section", "score", "last_activity_at", "id"], condition=VISIBLE, name="community_thread_votes"
            ),
            models.Index(
                fields=["section", "created_at", "id"],
                condition=VISIBLE & models.Q(reply_count=0),
                name="community_thread_unanswered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:thread", args=[self.pk])


class Reply(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_replies")
    body = models.TextField(_("answer"), max_length=BODY_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    score = models.IntegerField(default=0)
    pinned = models.BooleanField(_("pinned"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    pending_review = models.BooleanField(_("waiting for review"), default=False)
    moderation_note = models.CharField(_("note from the moderators"), max_length=300, blank=True)
    # A moderator deleted the answer: kept (hidden) for the audit trail and the reports, its text
    # shown to nobody; its author sees only the reason in its place.
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    delete_reason = models.CharField(_("reason for deleting"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # A deleted answer stays hidden: counts, votes and reputation leave it out with the hidden ones.
            models.CheckConstraint(
                condition=models.Q(deleted_at__isnull=True) | models.Q(hidden=True),
                name="community_reply_deleted_hidden",
            )
        ]

    def __str__(self) -> str:
        return f"reply {self.pk} on {self.thread_id}"


class Vote(models.Model):
    """One up-vote by one person on one thread or one reply."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="votes")
    reply = models.ForeignKey(Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(thread__isnull=True) & models.Q(reply__isnull=False))
                | (models.Q(thread__isnull=False) & models.Q(reply__isnull=True)),
                name="community_vote_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"], condition=models.Q(thread__isnull=False), name="community_vote_thread_once"
            ),
            models.UniqueConstraint(
                fields=["user", "reply"], condition=models.Q(reply__isnull=False), name="community_vote_reply_once"
            ),
        ]

    def __str__(self) -> str:
        return f"vote {self.user_id}"


class Representative(models.Model):
    """A company representative: their posts carry a badge and they may pin answers."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_rep")
    title = models.CharField(_("title"), max_length=100, blank=True)

    def __str__(self) -> str:
        return str(self.user_id)


class Report(models.Model):
    """Someone flags a thread or a reply for the moderators."""

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reports")
    reply = models.ForeignKey(Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"report {self.pk}"


class Follow(models.Model):
    """Someone gets an email when a thread gets a new answer (the asker and everyone who answered
    follow it automatically; anyone may follow or stop following it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="community_follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"


class Country(models.TextChoices):
    """Countries with user groups (ISO 3166-1 alpha-2): those of the ru, de and en communities."""

    RUSSIA = "RU", _("Russia")
    KAZAKHSTAN = "KZ", _("Kazakhstan")
    BELARUS = "BY", _("Belarus")
    GERMANY = "DE", _("Germany")
    AUSTRIA = "AT", _("Austria")
    SWITZERLAND = "CH", _("Switzerland")
    UNITED_KINGDOM = "GB", _("United Kingdom")
    IRELAND = "IE", _("Ireland")
    UNITED_STATES = "US", _("United States")
    CANADA = "CA", _("Canada")
    AUSTRALIA = "AU", _("Australia")


class UserGroup(models.Model):
    """A local user group: people who meet in one city; listed in the directory, kept by moderators."""

    name = models.CharField(_("name"), max_length=120)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    city = models.CharField(_("city"), max_length=100)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=200, help_text=_("An email address or a web link."))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country", "city", "name"]
        indexes = [models.Index(fields=["country", "city"], name="community_group_region")]

    def __str__(self) -> str:
        return self.name


class Suspension(models.Model):
    """A moderator suspends a member from posting until a given time, with a reason shown to them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_suspensions")
    until = models.DateTimeField(_("suspended until"))
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"suspension of {self.user_id} until {self.until:%Y-%m-%d}"


def image_upload_to(instance: PostImage, filename: str) -> str:
    """A random name under a month folder: nothing of what the uploader called the file."""
    extension = filename.rpartition(".")[2][:5] or "bin"
    return f"community/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class PostImage(models.Model):
    """An image attached to a question (reply is empty) or to an answer; it is shown to whoever
    may see that post, and served only through the community's own view."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="images")
    reply = models.ForeignKey(Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="images")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=image_upload_to, max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"image {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("community:image", args=[self.pk])


class ReplyMail(models.Model):
    """An answer was mailed to one follower: a retried task skips those already mailed."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reply", "user"], name="community_reply_mail_once")]

    def __str__(self) -> str:
        return f"reply {self.reply_id} mailed to {self.user_id}"
