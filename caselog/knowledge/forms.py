from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from caselog.knowledge.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, ArticleTranslation, ProductGroup, Topic
from caselog.knowledge.rendering import markdown_problems

BODY_HELP = _("Markdown: ## headings, **bold**, lists with 1. or -, [links](https://…). Raw HTML is shown as text.")


class TopicChoiceField(forms.ModelChoiceField[Topic]):
    def label_from_instance(self, obj: Topic) -> str:
        return f"{obj.product_group.name} / {obj.name}"


class ArticleTextForm(forms.Form):
    """Title and Markdown body of one translation, with the checks that keep a bad save from losing work."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    body = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
        help_text=BODY_HELP,
        strip=False,
    )

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("The article needs a body."))
        if len(body) > BODY_MAX_LENGTH:
            raise forms.ValidationError(
                _("The body is %(length)s characters long; the limit is %(limit)s. Split it into several articles.")
                % {"length": f"{len(body):,}", "limit": f"{BODY_MAX_LENGTH:,}"}
            )
        problems = markdown_problems(body)
        if problems:
            raise forms.ValidationError([_("Markdown problem: %(problem)s.") % {"problem": p} for p in problems])
        return body


class TranslationForm(ArticleTextForm):
    note = forms.CharField(
        label=_("What changed"), max_length=200, required=False, help_text=_("Shown in the version history.")
    )


class ArticleCreateForm(ArticleTextForm):
    product_group = forms.ModelChoiceField(label=_("Product group"), queryset=ProductGroup.objects.all())
    topic = TopicChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.select_related("product_group").order_by("product_group", "position"),
        required=False,
    )
    source_locale = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    slug = forms.SlugField(
        label=_("Address (slug)"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to make one from the title."),
    )

    field_order = ["product_group", "topic", "source_locale", "title", "slug", "body"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        group, topic = cleaned.get("product_group"), cleaned.get("topic")
        if group is not None and topic is not None and topic.product_group_id != group.pk:
            self.add_error("topic", _("This topic belongs to another product group."))
        return cleaned


class ArticleMoveForm(forms.Form):
    product_group = forms.ModelChoiceField(label=_("Product group"), queryset=ProductGroup.objects.all())
    topic = TopicChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.select_related("product_group").order_by("product_group", "position"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        group, topic = cleaned.get("product_group"), cleaned.get("topic")
        if group is not None and topic is not None and topic.product_group_id != group.pk:
            self.add_error("topic", _("This topic belongs to another product group."))
        return cleaned


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=ArticleTranslation.Status.choices)


class EditorFilterForm(forms.Form):
    q = forms.CharField(label=_("Title contains"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ArticleTranslation.Status.choices]
    )
    locale = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *settings.LANGUAGES]
    )
    product_group = forms.ChoiceField(label=_("Product group"), required=False)
    outdated = forms.BooleanField(label=_("Outdated translations only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = [(g.slug, g.name) for g in ProductGroup.objects.all()]
        self.fields["product_group"].choices = [("", _("All product groups")), *groups]  # type: ignore[attr-defined]


class StatsFilterForm(forms.Form):
    ORDER_CHOICES = [
        ("-views", _("Most viewed")),
        ("-helpful", _("Most helpful votes")),
        ("-not_helpful", _("Most unhelpful votes")),
        ("-solved", _("Most cases solved")),
        ("slug", _("Address")),
    ]
    order = forms.ChoiceField(label=_("Sort by"), required=False, choices=ORDER_CHOICES)
    product_group = forms.ChoiceField(label=_("Product group"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = [(g.slug, g.name) for g in ProductGroup.objects.all()]
        self.fields["product_group"].choices = [("", _("All product groups")), *groups]  # type: ignore[attr-defined]


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda v: v == "yes")
    q = forms.CharField(required=False, max_length=200)


class HelpSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the help center"), max_length=200, required=False)
    product_group = forms.SlugField(required=False)
