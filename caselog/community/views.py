from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from caselog.community import selectors, services
from caselog.community.forms import (
    DeleteForm,
    EditForm,
    MergeForm,
    MonthForm,
    MoveForm,
    RegionForm,
    ReplyForm,
    RepresentativeForm,
    SearchForm,
    SectionForm,
    SortForm,
    SuspendForm,
    ThreadForm,
    ToCaseForm,
    UserGroupForm,
)
from caselog.community.models import Follow, Thread
from caselog.community.tasks import unsubscribe_token_read
from caselog.core.decorators import permission_required_or_404
from caselog.core.requests import request_user
from caselog.search.doors import SuggestionsThrottled, suggestion_feedback, suggestion_rate_limit, suggestions_throttled
from caselog.search.models import DocumentKind, FeedbackSignal, SearchDocument
from caselog.search.queries import suggestion_query_from

THREADS_PER_PAGE = 20
UNPROCESSABLE = 422


def _locale() -> str:
    return (get_language() or "en")[:2]


def _form_errors(form: Any, error: ValidationError, default: str | None = None) -> None:
    """Show a service's ValidationError next to the field it names (or on the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else default, errors)
    else:
        form.add_error(default, error.messages)


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def index(request: HttpRequest) -> HttpResponse:
    """Sections grouped by language, the reader's own first; ?language= shows one language only."""
    here = _locale()
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = ""
    sections = list(selectors.section_list(locale=language or None))
    sections.sort(key=lambda s: (s.locale != here, s.locale, s.position, s.slug))
    context = {"sections": sections, "here": here, "language": language, "languages": settings.LANGUAGES}
    return render(request, "community/index.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """Full-text search of the threads, the chosen language (or the reader's) first."""
    form = SearchForm(request.GET)
    text, hits = "", []
    if form.is_valid():
        text = form.cleaned_data["q"].strip()
        hits = selectors.thread_search(text=text, locale=form.cleaned_data["language"] or _locale())
    return render(request, "community/search.html", {"form": form, "text": text, "hits": hits})


def section(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.section_get(slug=slug)
    form = SortForm(request.GET)
    sort = (form.cleaned_data.get("sort") if form.is_valid() else "") or selectors.ThreadSort.ACTIVITY
    page = selectors.TailPaginator(selectors.thread_list(section=current, sort=sort), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "community/section.html", {"section": current, "page": page, "sort": sort})


@login_required
def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.section_get(slug=slug)
    form = ThreadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(author=request_user(request), section=current, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            if thread.pending_review:
                messages.info(
                    request, _("Thank you! Your first question will appear once a moderator has looked at it.")
                )
            return redirect(thread)
    status = UNPROCESSABLE if request.method == "POST" else 200
    return render(request, "community/thread_new.html", {"section": current, "form": form}, status=status)


def suggest(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("title", "")[:200]
    group = request.GET.get("group", "")[:100] or None
    query = suggestion_query_from(
        request.GET, text_fields=("title",), max_chars=200, locale=_locale(), product_group=group, refine=False
    )
    try:
        suggestion_rate_limit(request)
    except SuggestionsThrottled as error:
        return suggestions_throttled(request, error)
    similar = selectors.similar_suggest(query=query)
    return render(request, "community/_suggestions.html", {"similar": similar, "text": text})


DEFLECTED_SESSION_KEY = "community_deflected"


@require_POST
def deflect(request: HttpRequest) -> HttpResponse:
    """Someone about to ask says a suggestion answered their question: count it once per
    session, then take them there. The button sits in the question form, so the typed title
    comes along as the query."""
    kind, _sep, key = request.POST.get("document", "").partition(":")
    key = key[:200]
    if kind not in DocumentKind.values:
        raise Http404
    document = SearchDocument.objects.filter(kind=kind, key=key, published=True).first()
    if document is None or not url_has_allowed_host_and_scheme(document.url, allowed_hosts={request.get_host()}):
        raise Http404
    counted: list[str] = list(request.session.get(DEFLECTED_SESSION_KEY, []))
    if f"{kind}:{key}" not in counted:
        try:
            suggestion_feedback(
                request,
                key=key,
                kind=kind,
                query=request.POST.get("title", "")[:200],
                locale=_locale(),
                signal=FeedbackSignal.DEFLECTED,
                user=request.user,
            )
        except SuggestionsThrottled as error:
            return suggestions_throttled(request, error)
        request.session[DEFLECTED_SESSION_KEY] = [*counted, f"{kind}:{key}"][-100:]
    return redirect(document.url)


def thread(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk, follow_merge=True, show_deleted=True)
    if current.deleted_at is not None:
        return render(request, "community/thread_deleted.html", {"thread": current})
    if current.merged_into_id is not None and not services.can_moderate(request.user):
        return redirect("community:thread", pk=current.merged_into_id)
    quote = request.GET.get("quote", "")
    initial = {}
    if quote.isdigit():
        quoted = selectors.reply_for_user(user=request.user, pk=int(quote))
        if quoted.thread_id != current.pk:
            raise Http404
        initial["body"] = selectors.quote_text(reply=quoted)
    return _thread_render(request, current, ReplyForm(initial=initial))


def _thread_render(request: HttpRequest, current: Thread, reply_form: ReplyForm, status: int = 200) -> HttpResponse:
    user = request.user
    page = selectors.thread_page(user=user, thread=current)
    context = {
        "page": page,
        "thread": current,
        "reply_form": reply_form,
        "is_rep": page.viewer_is_representative,
        "can_moderate": services.can_moderate(user),
        "can_edit_articles": user.has_perm("knowledge.edit_article"),
        "to_case_form": ToCaseForm(product_group_id=current.section.product_group_id),
        "move_form": MoveForm(initial={"section": current.section_id}) if services.can_moderate(user) else None,
        "merge_form": MergeForm(),
        "suspension": services.active_suspension(user=user) if user.is_authenticated else None,
    }
    return render(request, "community/thread.html", context, status=status)


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            posted = services.reply_create(author=request_user(request), thread=current, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error, default="body")
        else:
            if posted.pending_review:
                messages.info(request, _("Thank you! Your first answer will appear once a moderator has looked at it."))
            return redirect(current)
    return _thread_render(request, current, form, status=UNPROCESSABLE)


@login_required
@require_POST
def vote(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    user = request_user(request)
    if kind not in ("thread", "reply"):
        raise Http404
    thread_obj = selectors.thread_for_user(user=user, pk=pk) if kind == "thread" else None
    reply_obj = None if thread_obj is not None else selectors.reply_for_user(user=user, pk=pk)
    back = thread_obj if thread_obj is not None else reply_obj.thread  # type: ignore[union-attr]
    try:
        services.vote_cast(user=user, thread=thread_obj, reply=reply_obj)
    except ValidationError as error:
        _error(request, error)
    return redirect(back)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    reply_obj = selectors.reply_for_user(user=request.user, pk=pk)
    try:
        services.reply_accept(actor=request_user(request), reply=reply_obj)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as error:
        _error(request, error)
    return redirect(reply_obj.thread)


@login_required
@require_POST
def pin(request: HttpRequest, pk: int) -> HttpResponse:
    reply_obj = selectors.reply_for_user(user=request.user, pk=pk)
    try:
        services.reply_pin(actor=request_user(request), reply=reply_obj)
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect(reply_obj.thread)


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    action = request.POST.get("action", "")
    changes = {
        "hide": {"hidden": True},
        "show": {"hidden": False},
        "lock": {"locked": True},
        "unlock": {"locked": False},
    }
    if action not in changes:
        raise Http404
    reason = request.POST.get("reason", "")[:300]
    try:
        services.thread_moderate(actor=request_user(request), thread=current, reason=reason, **changes[action])
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect(current)


@login_required
@require_POST
def reply_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    reply_obj = selectors.reply_for_user(user=request.user, pk=pk)
    try:
        services.reply_hide(
            actor=request_user(request),
            reply=reply_obj,
            hidden=request.POST.get("action") == "hide",
            reason=request.POST.get("reason", "")[:300],
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect(reply_obj.thread)


@login_required
@require_POST
def to_case(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    if not services.is_representative(request.user):
        raise Http404
    form = ToCaseForm(request.POST, product_group_id=current.section.product_group_id)
    if not form.is_valid():
        _error(request, ValidationError(_("Choose a request type.")))
        return redirect(current)
    try:
        submission = services.thread_to_case(
            actor=request_user(request), thread=current, request_type=form.cleaned_data["request_type"]
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as error:
        _error(request, error)
        return redirect(current)
    if submission.created:
        messages.success(request, _("Case %(number)s opened for this thread.") % {"number": submission.case.number})
    else:
        messages.success(
            request,
            _("The thread was added to the author's open case %(number)s.") % {"number": submission.case.number},
        )
    return redirect(current)


@login_required
@require_POST
def to_article(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    try:
        translation = services.thread_to_article(actor=request_user(request), thread=current)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as error:
        _error(request, error)
        return redirect(current)
    messages.success(request, _("Draft article created: %(title)s") % {"title": translation.title})
    return redirect(current)


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    reply_id = request.POST.get("reply", "")
    reply_obj = selectors.reply_for_user(user=request.user, pk=int(reply_id)) if reply_id.isdigit() else None
    if reply_obj is not None and reply_obj.thread_id != current.pk:
        raise Http404
    services.report_create(
        reporter=request_user(request), thread=current, reply=reply_obj, reason=request.POST.get("reason", "")
    )
    messages.success(request, _("Thank you: a moderator will look at it."))
    return redirect(current)


@permission_required_or_404(services.MODERATE_PERMISSION)
def moderation_queue(request: HttpRequest) -> HttpResponse:
    held_threads, held_replies = selectors.review_queue()
    # Each list pages on its own (?page= the reports, ?threads=, ?replies=, ?suspended=).
    context = {
        "page": Paginator(selectors.report_queue(), THREADS_PER_PAGE).get_page(request.GET.get("page")),
        "held_threads": Paginator(held_threads, THREADS_PER_PAGE).get_page(request.GET.get("threads")),
        "held_replies": Paginator(held_replies, THREADS_PER_PAGE).get_page(request.GET.get("replies")),
        "suspensions": Paginator(selectors.suspension_list(), THREADS_PER_PAGE).get_page(request.GET.get("suspended")),
    }
    return render(request, "community/moderation.html", context)


@permission_required_or_404(services.MODERATE_PERMISSION)
@require_POST
def report_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.report_queue().filter(pk=pk).first()
    if item is None:
        raise Http404
    services.report_resolve(actor=request_user(request), report=item)
    return redirect("community:moderation")


moderator_required = permission_required_or_404(services.MODERATE_PERMISSION)


def image(request: HttpRequest, pk: int) -> FileResponse:
    """An image of a post, for whoever may see the post (404 otherwise)."""
    item = selectors.image_for_user(user=request.user, pk=pk)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = f'inline; filename="image-{item.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    following = request.POST.get("action") != "unfollow"
    services.follow_set(user=request_user(request), thread=current, following=following)
    if following:
        messages.success(request, _("You will get an email when someone answers."))
    else:
        messages.success(request, _("You no longer get emails about this thread."))
    return redirect(current)


@csrf_exempt  # the signed token is the credential; mail clients post here for one-click unsubscribe
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop email about one thread from the link in the email, without signing in. GET asks
    (mail scanners open links), POST does it."""
    pair = unsubscribe_token_read(token)
    if pair is None:
        raise Http404
    user_id, thread_id = pair
    current = Thread.objects.filter(pk=thread_id).first()
    if current is None:
        raise Http404
    done = request.method == "POST"
    if done:
        Follow.objects.filter(user_id=user_id, thread_id=thread_id).delete()
    return render(request, "community/unsubscribe.html", {"thread": current, "done": done, "token": token})


@moderator_required
@require_POST
def approve(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind == "thread":
        services.post_approve(actor=request_user(request), thread=selectors.pending_thread_get(pk=pk))
    elif kind == "reply":
        services.post_approve(actor=request_user(request), reply=selectors.pending_reply_get(pk=pk))
    else:
        raise Http404
    messages.success(request, _("The post is now visible to everyone."))
    return redirect("community:moderation")


@moderator_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        _error(request, ValidationError(_("Choose a section.")))
        return redirect(current)
    services.thread_move(actor=request_user(request), thread=current, section=form.cleaned_data["section"])
    messages.success(request, _("Thread moved."))
    return redirect(current)


@moderator_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    form = MergeForm(request.POST)
    target = None
    if form.is_valid():
        target = Thread.objects.filter(pk=form.cleaned_data["into"], deleted_at__isnull=True).first()
    if target is None:
        _error(request, ValidationError(_("There is no thread with this number.")))
        return redirect(current)
    try:
        into = services.thread_merge(actor=request_user(request), duplicate=current, into=target)
    except ValidationError as error:
        _error(request, error)
        return redirect(current)
    messages.success(request, _("The duplicate was merged into this thread."))
    return redirect(into)


def member(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.member_get(pk=pk)
    context = {
        "profile": selectors.member_profile(member=person),
        "suspend_form": SuspendForm(),
        "can_moderate": services.can_moderate(request.user),
    }
    return render(request, "community/member.html", context)


@moderator_required
@require_POST
def suspend(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.member_get(pk=pk)
    form = SuspendForm(request.POST)
    if form.is_valid():
        until = timezone.now() + timedelta(days=form.cleaned_data["days"])
        try:
            services.member_suspend(
                actor=request_user(request), user=person, until=until, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The member is suspended."))
            return redirect("community:member", pk=person.pk)
    context = {"profile": selectors.member_profile(member=person), "suspend_form": form, "can_moderate": True}
    return render(request, "community/member.html", context, status=UNPROCESSABLE)


@moderator_required
@require_POST
def suspension_lift(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.suspension_list().filter(pk=pk).first()
    if item is None:
        raise Http404
    services.suspension_lift(actor=request_user(request), suspension=item)
    messages.success(request, _("The suspension is lifted."))
    return redirect("community:moderation")


def top_helpers(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.section_get(slug=slug)
    form = MonthForm(request.GET)
    today = timezone.localdate()
    month = (form.cleaned_data.get("month") if form.is_valid() else None) or today.replace(day=1)
    month = month.replace(day=1)
    previous = (month - timedelta(days=1)).replace(day=1)
    following = (month + timedelta(days=32)).replace(day=1)
    context = {
        "section": current,
        "month": month,
        "previous": previous,
        "next": following if following <= today else None,
        "helpers": selectors.top_helpers(section=current, month=month),
    }
    return render(request, "community/top_helpers.html", context)


GROUPS_PER_PAGE = 20
SECTIONS_PER_PAGE = 50


def groups(request: HttpRequest) -> HttpResponse:
    form = RegionForm(request.GET)
    region = selectors.RegionFilter(**form.cleaned_data) if form.is_valid() else selectors.RegionFilter()
    page = Paginator(selectors.user_group_list(region=region), GROUPS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_moderate": services.can_moderate(request.user),
        "cities": selectors.user_group_cities(country=region.country),
    }
    return render(request, "community/groups.html", context)


@moderator_required
def group_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    group = selectors.user_group_get(pk=pk) if pk is not None else None
    form = UserGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        services.user_group_save(actor=request_user(request), group=group, **form.cleaned_data)
        messages.success(request, _("The user group is saved."))
        return redirect("community:groups")
    status = UNPROCESSABLE if request.method == "POST" else 200
    return render(request, "community/group_form.html", {"form": form, "group": group}, status=status)


@moderator_required
@require_POST
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.user_group_delete(actor=request_user(request), group=selectors.user_group_get(pk=pk))
    messages.success(request, _("The user group is deleted."))
    return redirect("community:groups")


@moderator_required
def sections_manage(request: HttpRequest) -> HttpResponse:
    sections = Paginator(selectors.section_list(), SECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "community/sections_manage.html", {"sections": sections})


@moderator_required
def section_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    current = selectors.section_get_by_pk(pk=pk) if pk is not None else None
    form = SectionForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(actor=request_user(request), section=current, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The section is saved."))
            return redirect("community:sections_manage")
    status = UNPROCESSABLE if request.method == "POST" else 200
    return render(request, "community/section_form.html", {"form": form, "section": current}, status=status)


@moderator_required
def representatives(request: HttpRequest) -> HttpResponse:
    form = RepresentativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.representative_save(
                actor=request_user(request), user=form.cleaned_data["email"], title=form.cleaned_data["title"]
            )
        except ValidationError as error:
            form.add_error("email", error.messages)
        else:
            messages.success(request, _("The representative is saved."))
            return redirect("community:representatives")
    status = UNPROCESSABLE if request.method == "POST" else 200
    representatives_page = Paginator(selectors.representative_list(), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "representatives": representatives_page}
    return render(request, "community/representatives.html", context, status=status)


@moderator_required
@require_POST
def representative_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.representative_delete(actor=request_user(request), representative=selectors.representative_get(pk=pk))
    messages.success(request, _("The representative is removed."))
    return redirect("community:representatives")


@moderator_required
def edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """A moderator edits a question or an answer, with a reason for its author."""
    if kind == "thread":
        post_thread, post_reply = selectors.thread_for_user(user=request.user, pk=pk), None
        initial = {"title": post_thread.title, "body": post_thread.body}
        back = post_thread
    elif kind == "reply":
        post_thread, post_reply = None, selectors.reply_for_user(user=request.user, pk=pk)
        initial = {"body": post_reply.body}
        back = post_reply.thread
    else:
        raise Http404
    form = EditForm(request.POST or None, initial=initial)
    if post_reply is not None:
        del form.fields["title"]
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(actor=request_user(request), thread=post_thread, reply=post_reply, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The post is changed; its author sees your reason."))
            return redirect(back)
    status = UNPROCESSABLE if request.method == "POST" else 200
    return render(request, "community/edit.html", {"form": form, "thread": back, "kind": kind}, status=status)


@moderator_required
@require_POST
def delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """A moderator deletes a question or an answer, with a reason its author is shown and mailed."""
    if kind == "thread":
        post_thread, post_reply = selectors.thread_for_user(user=request.user, pk=pk), None
        back = post_thread
    elif kind == "reply":
        post_thread, post_reply = None, selectors.reply_for_user(user=request.user, pk=pk)
        back = post_reply.thread
    else:
        raise Http404
    form = DeleteForm(request.POST)
    if form.is_valid():
        try:
            if post_reply is not None:
                services.reply_delete(actor=request_user(request), reply=post_reply, reason=form.cleaned_data["reason"])
            elif post_thread is not None:
                services.thread_delete(
                    actor=request_user(request), thread=post_thread, reason=form.cleaned_data["reason"]
                )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The post is deleted; its author is told why."))
            return redirect(back.section if post_thread is not None else back)
    context = {"form": form, "thread": back, "kind": kind, "pk": pk}
    return render(request, "community/delete.html", context, status=UNPROCESSABLE)
