"""Community reads. A hidden thread is a 404 for everyone but moderators."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from caselog.accounts.models import User
from caselog.community.models import (
    VISIBLE,
    Follow,
    PostImage,
    Reply,
    Report,
    Representative,
    Section,
    Suspension,
    Thread,
    UserGroup,
    Vote,
)
from caselog.community.services import (
    POINTS_PER_ACCEPTED_ANSWER,
    POINTS_PER_VOTE,
    TrustLevel,
    accepted_answer_count,
    active_suspension,
    can_moderate,
    trust_level,
)
from caselog.search.models import DocumentKind
from caselog.search.queries import SuggestionQuery
from caselog.search.selectors import Suggestion, suggestion_list


class ThreadSort:
    ACTIVITY = "activity"
    VOTES = "votes"
    UNANSWERED = "unanswered"
    ALL = (ACTIVITY, VOTES, UNANSWERED)


SUGGESTIONS_PER_KIND = 5


def section_list(*, locale: str | None = None) -> QuerySet[Section]:
    sections = Section.objects.select_related("product_group", "topic")
    if locale:
        sections = sections.filter(locale=locale)
    return sections.annotate(
        thread_total=Count("threads", filter=Q(threads__hidden=False, threads__pending_review=False))
    ).order_by("locale", "position", "slug")


QUOTE_CHARS = 600


def quote_text(*, reply: Reply) -> str:
    """The start of an answer as a Markdown quote, to answer it in the reply box."""
    name = reply.author.get_short_name() or reply.author.username
    text = reply.body.strip()
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
    return f"> **{name}:**\n{quoted}\n\n"


def section_get(*, slug: str) -> Section:
    section = Section.objects.select_related("product_group", "topic").filter(slug=slug).first()
    if section is None:
        raise Http404
    return section


def thread_list(*, section: Section, sort: str) -> QuerySet[Thread]:
    threads = Thread.objects.filter(section=section, hidden=False, pending_review=False).select_related("author")
    if sort == ThreadSort.VOTES:
        return threads.order_by("-score", "-last_activity_at", "-pk")
    if sort == ThreadSort.UNANSWERED:
        return threads.filter(reply_count=0).order_by("-created_at", "-pk")
    return threads.order_by("-last_activity_at", "-pk")


class TailPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator whose last pages cost as little as its first: past the middle it reads the
    list in reverse order with a small offset instead of skipping over everything before.
    The ordering must be total (end on the primary key) for the two directions to agree."""

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        items = self.object_list
        if isinstance(items, QuerySet) and bottom > self.count // 2:
            tail = list(items.reverse()[self.count - top : self.count - bottom])
            tail.reverse()
            return Page(tail, number, self)
        return Page(items[bottom:top], number, self)


def thread_for_user(*, user: Any, pk: int, follow_merge: bool = False, show_deleted: bool = False) -> Thread:
    """The thread if this user may see it; 404 otherwise. A duplicate merged into another
    thread is only found by its own page (follow_merge), which leads on to the original.
    A deleted thread is a 404 for everything but its own page (show_deleted), where its
    author and the moderators see why it was deleted."""
    thread = (
        Thread.objects.select_related("section__product_group", "section__topic", "author", "case")
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        raise Http404
    if thread.deleted_at is not None:
        if show_deleted and (getattr(user, "pk", None) == thread.author_id or can_moderate(user)):
            return thread
        raise Http404
    if thread.merged_into_id is not None and not can_moderate(user):
        if follow_merge:
            return thread
        raise Http404
    own = getattr(user, "pk", None) == thread.author_id
    if (thread.hidden or thread.pending_review) and not (own or can_moderate(user)):
        raise Http404
    return thread


def reply_for_user(*, user: Any, pk: int) -> Reply:
    reply = Reply.objects.select_related("thread__section__product_group", "thread__author").filter(pk=pk).first()
    if reply is None or reply.deleted_at is not None:
        raise Http404
    thread_for_user(user=user, pk=reply.thread_id)
    own = getattr(user, "pk", None) == reply.author_id
    if (reply.hidden or reply.pending_review) and not (own or can_moderate(user)):
        raise Http404
    return reply


@dataclass
class ThreadPage:
    thread: Thread
    replies: list[Reply]
    representative_ids: set[int]
    voted_thread: bool
    voted_reply_ids: set[int]
    following: bool
    thread_images: list[PostImage]
    viewer_is_representative: bool
    # The title a representative's posts carry (e.g. "Customer support"), by user id.
    representative_titles: dict[int, str] = field(default_factory=dict)


def thread_page(*, user: Any, thread: Thread) -> ThreadPage:
    """The thread with its replies: the accepted solution first, then pinned answers, then the rest in order."""
    replies_qs = thread.replies.select_related("author")
    if not can_moderate(user):
        mine = Q(author_id=user.pk) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
        replies_qs = replies_qs.filter(Q(hidden=False, pending_review=False) | mine)
    replies = sorted(replies_qs, key=lambda r: (r.pk != thread.accepted_reply_id, not r.pinned, r.created_at, r.pk))
    shown = {r.pk for r in replies}
    deleted = {r.pk for r in replies if r.deleted_at is not None}
    for reply in replies:
        if reply.pk in deleted:
            reply.body = ""  # a deleted answer's text is shown to nobody, its author included
    thread_images: list[PostImage] = []
    by_reply: dict[int, list[PostImage]] = {}
    for item in PostImage.objects.filter(thread=thread).only("pk", "reply_id", "thread_id"):
        if item.reply_id is None:
            thread_images.append(item)
        elif item.reply_id in shown and item.reply_id not in deleted:
            by_reply.setdefault(item.reply_id, []).append(item)
    for reply in replies:
        reply.image_list = by_reply.get(reply.pk, [])  # type: ignore[attr-defined]
    viewer = user.pk if getattr(user, "is_authenticated", False) else None
    # The viewer is asked along with the authors: one query says who wears the badge and
    # whether the viewer may use the representative's tools.
    authors = {thread.author_id, *(r.author_id for r in replies), *([viewer] if viewer else [])}
    titles = dict(Representative.objects.filter(user_id__in=authors).values_list("user_id", "title"))
    reps = set(titles)
    voted_thread = False
    voted_replies: set[int] = set()
    following = False
    if getattr(user, "is_authenticated", False):
        following = Follow.objects.filter(user=user, thread=thread).exists()
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
        representative_titles=titles,
        voted_thread=voted_thread,
        voted_reply_ids=voted_replies,
        following=following,
        thread_images=thread_images,
        viewer_is_representative=viewer is not None and viewer in reps,
    )


@dataclass
class Similar:
    threads: list[Suggestion]
    articles: list[Suggestion]


def similar_suggest(*, query: SuggestionQuery) -> Similar:
    """Threads and help articles that may already answer what someone is about to ask
    (the product group narrows the articles only)."""
    if len(query.text.strip()) < 3:
        return Similar(threads=[], articles=[])
    return Similar(
        threads=suggestion_list(
            query=query.replace(kind=DocumentKind.THREAD, product_group=None, limit=SUGGESTIONS_PER_KIND)
        ),
        articles=suggestion_list(query=query.replace(kind=DocumentKind.ARTICLE, limit=SUGGESTIONS_PER_KIND)),
    )


SEARCH_RESULTS = 20
ACCEPTED_EXCERPT_CHARS = 300


@dataclass
class ThreadHit:
    """A thread found by the community search, with its accepted solution when it has one."""

    suggestion: Suggestion
    thread: Thread
    accepted_excerpt: str

    @property
    def solved(self) -> bool:
        return self.thread.accepted_reply_id is not None


def thread_search(*, text: str, locale: str, limit: int = SEARCH_RESULTS) -> list[ThreadHit]:
    """Full-text search of the threads through the one suggest path (threads are a kind of
    search document), best first, the reader's language first; solved threads carry the start
    of their accepted answer. Only threads anyone may see are returned."""
    if len(text.strip()) < 2:
        return []
    found = suggestion_list(
        query=SuggestionQuery(text=text, locale=locale, kind=DocumentKind.THREAD, limit=limit, refine=False)
    )
    keys = [int(s.key) for s in found if s.key.isdigit()]
    threads = Thread.objects.filter(VISIBLE, pk__in=keys, merged_into__isnull=True).select_related("accepted_reply")
    by_pk = {t.pk: t for t in threads}
    hits = []
    for suggestion in found:
        thread = by_pk.get(int(suggestion.key)) if suggestion.key.isdigit() else None
        if thread is None:
            continue
        accepted = thread.accepted_reply
        excerpt = ""
        if accepted is not None and not accepted.hidden:
            excerpt = " ".join(accepted.body.split())
            if len(excerpt) > ACCEPTED_EXCERPT_CHARS:
                excerpt = excerpt[:ACCEPTED_EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
        hits.append(ThreadHit(suggestion=suggestion, thread=thread, accepted_excerpt=excerpt))
    return hits


def report_queue() -> QuerySet[Report]:
    """Open reports for the moderators, oldest first."""
    return Report.objects.filter(resolved_at__isnull=True).select_related("thread", "reply", "reporter")


def review_queue() -> tuple[QuerySet[Thread], QuerySet[Reply]]:
    """First posts of new members held for a moderator, oldest first."""
    threads = Thread.objects.filter(pending_review=True, hidden=False).select_related(
        "author", "section__product_group"
    )
    replies = Reply.objects.filter(pending_review=True, hidden=False).select_related("author", "thread")
    return threads.order_by("created_at"), replies.order_by("created_at")


def pending_thread_get(*, pk: int) -> Thread:
    thread = Thread.objects.filter(pk=pk, pending_review=True, deleted_at__isnull=True).first()
    if thread is None:
        raise Http404
    return thread


def pending_reply_get(*, pk: int) -> Reply:
    reply = Reply.objects.filter(pk=pk, pending_review=True, deleted_at__isnull=True).first()
    if reply is None:
        raise Http404
    return reply


@dataclass
class RegionFilter:
    country: str = ""
    city: str = ""
    q: str = ""


def user_group_list(*, region: RegionFilter) -> QuerySet[UserGroup]:
    """The user groups directory, narrowed by country, city and free text."""
    groups = UserGroup.objects.all()
    if region.country:
        groups = groups.filter(country=region.country)
    if region.city:
        groups = groups.filter(city__icontains=region.city.strip())
    for word in region.q.split()[:5]:
        groups = groups.filter(
            Q(name__icontains=word)
            | Q(city__icontains=word)
            | Q(description__icontains=word)
            | Q(meeting_place__icontains=word)
        )
    return groups.order_by("country", "city", "name")


def user_group_get(*, pk: int) -> UserGroup:
    group = UserGroup.objects.filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


def user_group_cities(*, country: str = "") -> list[str]:
    groups = UserGroup.objects.all()
    if country:
        groups = groups.filter(country=country)
    return sorted(set(groups.values_list("city", flat=True)))


def representative_list() -> QuerySet[Representative]:
    return Representative.objects.select_related("user").order_by("user__email")


def representative_get(*, pk: int) -> Representative:
    rep = Representative.objects.select_related("user").filter(pk=pk).first()
    if rep is None:
        raise Http404
    return rep


def section_get_by_pk(*, pk: int) -> Section:
    section = Section.objects.filter(pk=pk).first()
    if section is None:
        raise Http404
    return section


def reputation(*, user: Any) -> int:
    """Points for answers others accepted and for up-votes on this member's posts."""
    votes = Vote.objects.filter(
        Q(reply__author=user, reply__hidden=False) | Q(thread__author=user, thread__hidden=False)
    ).count()
    return accepted_answer_count(user=user) * POINTS_PER_ACCEPTED_ANSWER + votes * POINTS_PER_VOTE


@dataclass
class MemberProfile:
    member: User
    reputation: int
    accepted_answers: int
    trust_level: TrustLevel
    threads: int
    replies: int
    suspension: Suspension | None


def member_get(*, pk: int) -> User:
    """A member with a public community profile: someone who posted in the community."""
    member = User.objects.filter(pk=pk, is_active=True).first()
    if member is None or not (
        Thread.objects.filter(author=member).exists() or Reply.objects.filter(author=member).exists()
    ):
        raise Http404
    return member


def member_profile(*, member: User) -> MemberProfile:
    return MemberProfile(
        member=member,
        reputation=reputation(user=member),
        accepted_answers=accepted_answer_count(user=member),
        trust_level=trust_level(user=member),
        threads=Thread.objects.filter(author=member, hidden=False, pending_review=False).count(),
        replies=Reply.objects.filter(author=member, hidden=False, pending_review=False).count(),
        suspension=active_suspension(user=member),
    )


@dataclass
class Helper:
    user: User
    points: int
    accepted: int
    votes: int


def month_bounds(month: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime(month.year, month.month, 1, tzinfo=tz)
    end = datetime(month.year + (month.month == 12), month.month % 12 + 1, 1, tzinfo=tz)
    return start, end


TOP_HELPERS = 10


def top_helpers(*, section: Section, month: date, limit: int = TOP_HELPERS) -> list[Helper]:
    """Who helped most in a section in a month: answers accepted that month and up-votes their
    answers got that month, ranked by reputation points."""
    start, end = month_bounds(month)
    accepted = dict(
        Thread.objects.filter(
            section=section, hidden=False, accepted_at__gte=start, accepted_at__lt=end, accepted_reply__isnull=False
        )
        .exclude(accepted_reply__author=None)
        .values_list("accepted_reply__author")
        .annotate(n=Count("pk"))
        .values_list("accepted_reply__author", "n")
    )
    votes = dict(
        Vote.objects.filter(
            reply__thread__section=section, reply__hidden=False, created_at__gte=start, created_at__lt=end
        )
        .values_list("reply__author")
        .annotate(n=Count("pk"))
        .values_list("reply__author", "n")
    )
    users = User.objects.in_bulk(set(accepted) | set(votes))
    helpers = [
        Helper(
            user=users[uid],
            accepted=accepted.get(uid, 0),
            votes=votes.get(uid, 0),
            points=accepted.get(uid, 0) * POINTS_PER_ACCEPTED_ANSWER + votes.get(uid, 0) * POINTS_PER_VOTE,
        )
        for uid in users
    ]
    helpers.sort(key=lambda h: (-h.points, -h.accepted, h.user.pk))
    return helpers[:limit]


def suspension_list() -> QuerySet[Suspension]:
    return Suspension.objects.filter(lifted_at__isnull=True, until__gt=timezone.now()).select_related(
        "user", "created_by"
    )


def image_for_user(*, user: Any, pk: int) -> PostImage:
    """An attached image if its post is visible to this user; 404 otherwise."""
    item = PostImage.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    thread_for_user(user=user, pk=item.thread_id)
    if item.reply_id is not None:
        reply_for_user(user=user, pk=item.reply_id)
    return item
