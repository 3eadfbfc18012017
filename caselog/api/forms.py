from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from caselog.api.models import ApiScope, WebhookEvent


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("What uses it, e.g. “Diagnostics tool, Berlin store”.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args: Any, allowed_scopes: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed_scopes is not None:
            field = self.fields["scopes"]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = [(value, label) for value, label in ApiScope.choices if value in allowed_scopes]


class WebhookSubscriptionForm(forms.Form):
    url = forms.URLField(
        label=_("Endpoint URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Caselog POSTs signed JSON here."),
    )
    description = forms.CharField(label=_("Description"), max_length=120, required=False)
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple, required=True
    )
