from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from caselog.accounts.models import User
from caselog.cases.models import RequestType
from caselog.community.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Country, Section, UserGroup


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ImagesField(forms.FileField):
    """Several images in one field (Django's documented pattern); the service checks them."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


IMAGES_HELP = _("Up to 4 images (PNG, JPEG, GIF or WebP), at most 5 MB each.")


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Your question in one line"), max_length=TITLE_MAX_LENGTH)
    body = forms.CharField(
        label=_("Details"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown is supported."),
    )
    images = ImagesField(label=_("Images"), required=False, help_text=IMAGES_HELP)


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your answer"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}))
    images = ImagesField(label=_("Images"), required=False, help_text=IMAGES_HELP)


class SortForm(forms.Form):
    sort = forms.ChoiceField(
        required=False,
        choices=[("activity", _("Recent activity")), ("votes", _("Most votes")), ("unanswered", _("Unanswered"))],
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the community"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("My language first")), *settings.LANGUAGES]  # type: ignore[attr-defined]


class ToCaseForm(forms.Form):
    request_type = forms.ModelChoiceField(queryset=RequestType.objects.none(), label=_("Request type"))

    def __init__(self, *args: object, product_group_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["request_type"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = RequestType.objects.filter(topic__product_group_id=product_group_id).select_related("topic")


class RegionForm(forms.Form):
    """Filters of the user groups directory."""

    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("All countries")), *Country.choices]
    )
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class UserGroupForm(forms.ModelForm[UserGroup]):
    class Meta:
        model = UserGroup
        fields = ["name", "country", "city", "description", "meeting_place", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_contact(self) -> str:
        contact = str(self.cleaned_data["contact"]).strip()
        if "@" in contact and not contact.startswith(("http://", "https://")):
            EmailValidator(message=_("Enter a valid email address or a web link."))(contact)
        else:
            URLValidator(schemes=["http", "https"], message=_("Enter a valid email address or a web link."))(contact)
        return contact


class SectionForm(forms.ModelForm[Section]):
    class Meta:
        model = Section
        fields = ["product_group", "topic", "locale", "slug", "position"]
        labels = {"product_group": _("Product group"), "topic": _("Topic"), "position": _("Position")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].required = False
        self.fields["topic"].help_text = _("Leave empty for a section about the whole product group.")


class RepresentativeForm(forms.Form):
    email = forms.EmailField(label=_("Agent's email address"))
    title = forms.CharField(label=_("Title shown on posts"), max_length=100, required=False)

    def clean_email(self) -> User:
        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise ValidationError(_("There is no active account with this email address."))
        return user


class SectionChoiceField(forms.ModelChoiceField[Section]):
    def label_from_instance(self, obj: Section) -> str:
        return f"{obj.name} · {obj.locale}"


class MoveForm(forms.Form):
    section = SectionChoiceField(
        queryset=Section.objects.select_related("product_group", "topic"), label=_("Move to section")
    )


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Number of the original thread"), min_value=1)


class SuspendForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365, initial=7)
    reason = forms.CharField(label=_("Reason shown to the member"), max_length=300)


class MonthForm(forms.Form):
    month = forms.DateField(label=_("Month"), required=False, input_formats=["%Y-%m"])


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH, required=False)
    body = forms.CharField(label=_("Text"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 10}))
    reason = forms.CharField(label=_("Reason shown to the author"), max_length=300)


class DeleteForm(forms.Form):
    reason = forms.CharField(label=_("Reason shown to the author"), max_length=300)
