from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .analysis import SUPPORTED_LOCALES
from .models import DocumentKind, FeedbackSignal

MAX_QUERY_INPUT_CHARS = 500
MAX_LIMIT = 20


class SuggestForm(forms.Form):
    q = forms.CharField(
        label=_("Query"),
        max_length=MAX_QUERY_INPUT_CHARS,
        strip=True,
        error_messages={"required": _("Type a few words to search for.")},
    )
    locale = forms.ChoiceField(
        label=_("Language"),
        choices=[(code, code) for code in SUPPORTED_LOCALES],
        error_messages={"invalid_choice": _("Unknown language %(value)s; use one of en, de, ru.")},
    )
    product_group = forms.SlugField(label=_("Product group"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, required=False)
    limit = forms.IntegerField(label=_("Number of results"), min_value=1, max_value=MAX_LIMIT, required=False)
    refine = forms.BooleanField(label=_("Refine"), required=False)


class FeedbackForm(forms.Form):
    key = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=DocumentKind.choices)
    q = forms.CharField(max_length=MAX_QUERY_INPUT_CHARS, required=False)
    locale = forms.ChoiceField(choices=[(code, code) for code in SUPPORTED_LOCALES])
    signal = forms.ChoiceField(choices=FeedbackSignal.choices)
