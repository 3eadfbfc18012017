"""Community reads. A hidden thread is a 404 for everyone but moderators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from caselog.community.models import Reply, Report, Representative, Section, Thread, Vote
from caselog.community.services import can_moderate
from caselog.search.models import DocumentKind
from caselog.search.selectors import Suggestion, articles_suggest


class ThreadSort:
    ACTIVITY = "activity"
    VOTES = "votes"
    UNANSWERED = "unanswered"
    ALL = (ACTIVITY, VOTES, UNANSWERED)


SUGGESTIONS_PER_KIND = 5


def section_list() -> QuerySet[Section]:
    return (
        Section.objects.select_related("product_group", "topic")
        .annotate(thread_total=Count("threads", filter=Q(threads__hidden=False)))
        .order_by("locale", "position", "slug")
    )


def section_get(*, slug: str) -> Section:
    section = Section.objects.select_related("product_group", "topic").filter(slug=slug).first()
    if section is None:
        raise Http404
    return section


def thread_list(*, section: Section, sort: str) -> QuerySet[Thread]:
    threads = Thread.objects.filter(section=section, hidden=False).select_related("author")
    if sort == ThreadSort.VOTES:
        return threads.order_by("-score", "-last_activity_at")
    if sort == ThreadSort.UNANSWERED:
        return threads.filter(reply_count=0).order_by("-created_at")
    return threads.order_by("-last_activity_at")


def thread_for_user(*, user: Any, pk: int) -> Thread:
    thread = (
        Thread.objects.select_related("section__product_group", "section__topic", "author", "case")
        .filter(pk=pk)
        .first()
    )
    if thread is None or (thread.hidden and not can_moderate(user)):
        raise Http404
    return thread


def reply_for_user(*, user: Any, pk: int) -> Reply:
    reply = Reply.objects.select_related("thread__section__product_group", "thread__author").filter(pk=pk).first()
    if reply is None:
        raise Http404
    thread_for_user(user=user, pk=reply.thread_id)
    if reply.hidden and not can_moderate(user):
        raise Http404
    return reply


@dataclass
class ThreadPage:
    thread: Thread
    replies: list[Reply]
    representative_ids: set[int]
    voted_thread: bool
    voted_reply_ids: set[int]


def thread_page(*, user: Any, thread: Thread) -> ThreadPage:
    """The thread with its replies: the accepted solution first, then pinned answers, then the rest in order."""
    replies_qs = thread.replies.select_related("author")
    if not can_moderate(user):
        replies_qs = replies_qs.filter(hidden=False)
    replies = sorted(replies_qs, key=lambda r: (r.pk != thread.accepted_reply_id, not r.pinned, r.created_at, r.pk))
    authors = {thread.author_id, *(r.author_id for r in replies)}
    reps = set(Representative.objects.filter(user_id__in=authors).values_list("user_id", flat=True))
    voted_thread = False
    voted_replies: set[int] = set()
    if getattr(user, "is_authenticated", False):
        votes = Vote.objects.filter(user=user).filter(Q(thread=thread) | Q(reply__thread=thread))
        for thread_id, reply_id in votes.values_list("thread_id", "reply_id"):
            if thread_id is not None:
                voted_thread = True
            if reply_id is not None:
                voted_replies.add(reply_id)
    return ThreadPage(
        thread=thread,
        replies=replies,
        representative_ids=reps,
        voted_thread=voted_thread,
        voted_reply_ids=voted_replies,
    )


@dataclass
class Similar:
    threads: list[Suggestion]
    articles: list[Suggestion]


def similar_suggest(*, text: str, locale: str, product_group: str | None = None) -> Similar:
    """Threads and help articles that may already answer what someone is about to ask."""
    if len(text.strip()) < 3:
        return Similar(threads=[], articles=[])
    return Similar(
        threads=articles_suggest(
            text, locale=locale, kind=DocumentKind.THREAD, limit=SUGGESTIONS_PER_KIND, refine=False
        ),
        articles=articles_suggest(
            text,
            locale=locale,
            kind=DocumentKind.ARTICLE,
            product_group=product_group,
            limit=SUGGESTIONS_PER_KIND,
            refine=False,
        ),
    )


def report_queue() -> QuerySet[Report]:
    """Open reports for the moderators, oldest first."""
    return Report.objects.filter(resolved_at__isnull=True).select_related("thread", "reply", "reporter")
