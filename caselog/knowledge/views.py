from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.core.decorators import permission_required_or_404
from caselog.knowledge import selectors, services
from caselog.knowledge.forms import (
    ArticleCreateForm,
    ArticleMoveForm,
    EditorFilterForm,
    FeedbackForm,
    HelpSearchForm,
    StatsFilterForm,
    TransitionForm,
    TranslationForm,
)
from caselog.knowledge.models import Article
from caselog.knowledge.rendering import markdown_problems, markdown_render
from caselog.search.doors import SuggestionsThrottled, suggestion_answer, suggestions_throttled
from caselog.search.queries import suggestion_query_from

ARTICLES_PER_PAGE = 20
EDITOR_ARTICLES_PER_PAGE = 30
SEARCH_RESULTS = 20

edit_required = permission_required_or_404("knowledge.edit_article")
stats_required = permission_required_or_404("knowledge.view_article_stats")


def _locale(request: HttpRequest) -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def _contact_url(*, product_group: str = "", topic: str = "") -> str:
    query = {key: value for key, value in (("product_group", product_group), ("topic", topic)) if value}
    return reverse("cases:contact") + (f"?{urlencode(query)}" if query else "")


def _visitor(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if request.session.session_key is None:
        request.session.save()
    return f"session:{request.session.session_key}"


# --- help center ---------------------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    locale = _locale(request)
    context = {
        "product_groups": selectors.product_group_list(),
        "popular": selectors.popular_articles(locale=locale),
        "search_form": HelpSearchForm(),
    }
    return render(request, "knowledge/home.html", context)


def group(request: HttpRequest, group_slug: str) -> HttpResponse:
    product_group = selectors.product_group_for_visitor(slug=group_slug)
    topics = selectors.topic_list_with_counts(product_group=product_group)
    search_form = HelpSearchForm(initial={"product_group": product_group.slug})
    return render(
        request, "knowledge/group.html", {"group": product_group, "topics": topics, "search_form": search_form}
    )


def topic(request: HttpRequest, group_slug: str, topic_slug: str) -> HttpResponse:
    topic = selectors.topic_for_visitor(group_slug=group_slug, topic_slug=topic_slug)
    page = Paginator(selectors.article_list_published(topic=topic), ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    entries = selectors.entries_for(list(page.object_list), locale=_locale(request))
    context = {
        "topic": topic,
        "group": topic.product_group,
        "page": page,
        "entries": entries,
        "contact_url": _contact_url(product_group=group_slug, topic=topic_slug),
    }
    return render(request, "knowledge/topic.html", context)


def article(request: HttpRequest, slug: str, locale: str | None = None) -> HttpResponse:
    if locale is not None and locale not in dict(settings.LANGUAGES):
        raise Http404
    wanted = locale or _locale(request)
    article = selectors.article_for_visitor(slug=slug)
    translation = selectors.article_translation_for_locale(article=article, locale=wanted)
    if translation is None:
        raise Http404
    services.article_view_record(article=article, locale=translation.locale)
    context = {
        "article": article,
        "translation": translation,
        "is_fallback": translation.locale != wanted,
        "wanted_locale": wanted,
        "body_html": markdown_render(translation.body),
        "related": selectors.related_articles(article=article, locale=wanted),
        "contact_url": _contact_url(
            product_group=article.product_group.slug, topic=article.topic.slug if article.topic else ""
        ),
        "query": request.GET.get("q", "")[:200],
    }
    return render(request, "knowledge/article.html", context)


@require_POST
def feedback(request: HttpRequest, slug: str, locale: str) -> HttpResponse:
    article = selectors.article_for_visitor(slug=slug)
    translation = selectors.article_translation_for_locale(article=article, locale=locale)
    form = FeedbackForm(request.POST)
    if translation is None or not form.is_valid():
        return HttpResponse(_("Please answer yes or no."), status=422)
    helpful: bool = form.cleaned_data["helpful"]
    services.article_feedback_record(
        translation=translation,
        helpful=helpful,
        visitor=_visitor(request),
        user=request.user,
        query=form.cleaned_data["q"],
    )
    contact_url = _contact_url(
        product_group=article.product_group.slug, topic=article.topic.slug if article.topic else ""
    )
    context = {"helpful": helpful, "contact_url": contact_url, "article": article, "translation": translation}
    if request.headers.get("HX-Request"):
        return render(request, "knowledge/_feedback_thanks.html", context)
    messages.success(request, _("Thank you for your answer."))
    return redirect(translation.get_absolute_url() + "#feedback")


def search(request: HttpRequest) -> HttpResponse:
    form = HelpSearchForm(request.GET)
    results: list[Any] = []
    text = ""
    if form.is_valid():
        text = form.cleaned_data["q"].strip()
        if text:
            group = form.cleaned_data["product_group"] or None
            query = suggestion_query_from(
                {"q": text}, locale=_locale(request), product_group=group, limit=SEARCH_RESULTS, refine=True
            )
            try:
                (results,) = suggestion_answer(request, query)
            except SuggestionsThrottled as error:
                return suggestions_throttled(request, error)
    context = {"search_form": form, "results": results, "text": text, "contact_url": _contact_url()}
    return render(request, "knowledge/search.html", context)


# --- editors -------------------------------------------------------------------------------------------------


@edit_required
def editor_list(request: HttpRequest) -> HttpResponse:
    form = EditorFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    articles = selectors.article_list_for_editor(
        status=filters.get("status", ""),
        locale=filters.get("locale", ""),
        product_group=filters.get("product_group", ""),
        text=filters.get("q", ""),
        outdated=filters.get("outdated", False),
    )
    page = Paginator(articles, EDITOR_ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "languages": settings.LANGUAGES}
    return render(request, "knowledge/editor_list.html", context)


@edit_required
def article_new(request: HttpRequest) -> HttpResponse:
    form = ArticleCreateForm(request.POST or None, initial={"source_locale": _locale(request)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            translation = services.article_create(
                actor=request.user,
                product_group=data["product_group"],
                topic=data["topic"],
                source_locale=data["source_locale"],
                title=data["title"],
                body=data["body"],
                slug=data["slug"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("knowledge:editor_article", pk=translation.article_id)
    status = 422 if form.is_bound else 200
    return render(request, "knowledge/article_new.html", {"form": form, "preview": _preview(form)}, status=status)


@edit_required
def editor_article(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_for_editor(pk=pk)
    form = ArticleMoveForm(initial={"product_group": article.product_group, "topic": article.topic})
    return _render_editor_article(request, article, form)


def _render_editor_article(
    request: HttpRequest, article: Article, move_form: ArticleMoveForm, status: int = 200
) -> HttpResponse:
    states = selectors.translation_states(article=article)
    context = {
        "article": article,
        "states": states,
        "move_form": move_form,
        "transitions": services.TRANSITIONS,
        "public_urls": {s.locale: selectors.article_url(article=article, locale=s.locale) for s in states},
    }
    return render(request, "knowledge/editor_article.html", context, status=status)


@require_POST
@edit_required
def article_move(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_for_editor(pk=pk)
    form = ArticleMoveForm(request.POST)
    if not form.is_valid():
        return _render_editor_article(request, article, form, status=422)
    services.article_update(
        actor=request.user,
        article=article,
        product_group=form.cleaned_data["product_group"],
        topic=form.cleaned_data["topic"],
    )
    messages.success(request, _("Article moved."))
    return redirect("knowledge:editor_article", pk=article.pk)


@edit_required
def translation_edit(request: HttpRequest, pk: int, locale: str) -> HttpResponse:
    article = selectors.article_for_editor(pk=pk)
    translation = selectors.translation_for_editor(article=article, locale=locale)
    source = (
        None
        if locale == article.source_locale
        else selectors.translation_for_editor(article=article, locale=article.source_locale)
    )
    initial = {"title": translation.title, "body": translation.body} if translation else {}
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.article_translation_save(
                actor=request.user,
                article=article,
                locale=locale,
                title=data["title"],
                body=data["body"],
                note=data["note"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("knowledge:editor_article", pk=article.pk)
    context = {
        "article": article,
        "translation": translation,
        "locale": locale,
        "source": source,
        "form": form,
        "preview": _preview(form) if form.is_bound else (markdown_render(translation.body) if translation else ""),
    }
    return render(request, "knowledge/translation_edit.html", context, status=422 if form.is_bound else 200)


@require_POST
@edit_required
def preview(request: HttpRequest) -> HttpResponse:
    body = request.POST.get("body", "")
    problems = markdown_problems(body)
    return render(request, "knowledge/_preview.html", {"preview": markdown_render(body), "problems": problems})


@require_POST
@edit_required
def transition(request: HttpRequest, pk: int, locale: str) -> HttpResponse:
    article = selectors.article_for_editor(pk=pk)
    translation = selectors.translation_for_editor(article=article, locale=locale)
    form = TransitionForm(request.POST)
    if translation is None:
        raise Http404
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
        return redirect("knowledge:editor_article", pk=article.pk)
    try:
        translation = services.article_translation_transition(
            actor=request.user, translation=translation, to_status=form.cleaned_data["to_status"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(title)s is now %(status)s.")
            % {"title": translation.title, "status": translation.get_status_display()},
        )
    return redirect("knowledge:editor_article", pk=article.pk)


@edit_required
def versions(request: HttpRequest, pk: int, locale: str) -> HttpResponse:
    article = selectors.article_for_editor(pk=pk)
    translation = selectors.translation_for_editor(article=article, locale=locale)
    if translation is None:
        raise Http404
    version_list = list(selectors.version_list(translation=translation))
    by_number = {v.number: v for v in version_list}
    latest = version_list[0].number if version_list else 0
    new = by_number.get(_int(request.GET.get("b")) or latest)
    old = by_number.get(_int(request.GET.get("a")) or (new.number - 1 if new else 0))
    diff = selectors.version_diff(old=old, new=new) if old and new else []
    context = {
        "article": article,
        "translation": translation,
        "versions": version_list,
        "old": old,
        "new": new,
        "diff": diff,
    }
    return render(request, "knowledge/versions.html", context)


@require_POST
@edit_required
def version_restore(request: HttpRequest, pk: int, locale: str, number: int) -> HttpResponse:
    article = selectors.article_for_editor(pk=pk)
    translation = selectors.translation_for_editor(article=article, locale=locale)
    if translation is None:
        raise Http404
    version = selectors.version_for_editor(translation=translation, number=number)
    services.article_version_restore(actor=request.user, version=version)
    messages.success(request, _("Version %(number)s restored as the current text.") % {"number": number})
    return redirect("knowledge:versions", pk=article.pk, locale=locale)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _preview(form: ArticleCreateForm | TranslationForm) -> str:
    return markdown_render(form.data.get("body", "")) if form.is_bound else ""


def _errors_to_form(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- managers ------------------------------------------------------------------------------------------------


@stats_required
def stats_list(request: HttpRequest) -> HttpResponse:
    form = StatsFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    articles = selectors.article_list_with_stats(
        order=filters.get("order") or "-views", product_group=filters.get("product_group", "")
    )
    page = Paginator(articles, EDITOR_ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "knowledge/stats_list.html", {"form": form, "page": page, "query": query.urlencode()})


@stats_required
def stats_article(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_for_editor(pk=pk)
    stats = selectors.article_feedback_stats(article=article)
    translation = selectors.article_translation_for_locale(article=article, locale=_locale(request))
    title = (
        translation.title
        if translation
        else article.translations.values_list("title", flat=True).first() or article.slug
    )
    chart = {"labels": stats["labels"], "series": stats["series"]}
    return render(
        request, "knowledge/stats_article.html", {"article": article, "title": title, "stats": stats, "chart": chart}
    )
