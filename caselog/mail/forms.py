from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from caselog.cases.models import RequestType


class CreateCaseForm(forms.Form):
    """What a manager confirms to make a case of a quarantined mail."""

    request_type = forms.ModelChoiceField(label=_("Request type"), queryset=RequestType.objects.none())
    contact_email = forms.EmailField(label=_("Customer's email"))
    locale = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["request_type"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = RequestType.objects.select_related("topic").order_by("topic_id", "position", "slug")
        field.label_from_instance = lambda rt: f"{rt.topic} · {rt}"  # type: ignore[method-assign,assignment]


class QuarantineFilterForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from caselog.mail.models import InboundMail

        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All reasons")), *[c for c in InboundMail.Reason.choices if c[0]]]
