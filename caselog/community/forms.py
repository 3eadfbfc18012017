from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from caselog.cases.models import RequestType
from caselog.community.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Your question in one line"), max_length=TITLE_MAX_LENGTH)
    body = forms.CharField(
        label=_("Details"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown is supported."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your answer"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}))


class SortForm(forms.Form):
    sort = forms.ChoiceField(
        required=False,
        choices=[("activity", _("Recent activity")), ("votes", _("Most votes")), ("unanswered", _("Unanswered"))],
    )


class ToCaseForm(forms.Form):
    request_type = forms.ModelChoiceField(queryset=RequestType.objects.none(), label=_("Request type"))

    def __init__(self, *args: object, product_group_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["request_type"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = RequestType.objects.filter(topic__product_group_id=product_group_id).select_related("topic")
