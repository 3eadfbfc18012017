from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from caselog.api.models import ApiScope


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("What uses it, e.g. “Diagnostics tool, Berlin store”.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple, required=True
    )
