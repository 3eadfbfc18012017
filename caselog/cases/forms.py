from __future__ import annotations

import re
from typing import Any

import phonenumbers
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from caselog.cases.clocks import Dimension
from caselog.cases.models import CallLog, Case, RequestType
from caselog.knowledge.models import ProductGroup, Topic

ORDER_NUMBER_RE = re.compile(r"^[A-Z0-9]{6,20}$")
REGION_FOR_LOCALE = {"ru": "RU", "de": "DE", "en": "US"}
MAX_DESCRIPTION = 20_000


def phone_normalise(value: str, *, locale: str) -> str:
    """Any common way of writing a number, as E.164 (+79161234567); ValidationError otherwise."""
    try:
        number = phonenumbers.parse(value, REGION_FOR_LOCALE.get(locale, "US"))
    except phonenumbers.NumberParseException as error:
        raise forms.ValidationError(_("Enter a phone number, e.g. +49 30 1234567.")) from error
    if not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(_("This phone number does not exist. Check the digits and the country code."))
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


class TranslatedChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ContactForm(forms.Form):
    """Get support: product group, topic, a specific request, its extra fields, a description
    and how to be reached. The choices narrow as the customer picks."""

    product_group = TranslatedChoiceField(
        queryset=ProductGroup.objects.all(), label=_("Product"), empty_label=_("Choose…")
    )
    topic = TranslatedChoiceField(queryset=Topic.objects.none(), label=_("Topic"), empty_label=_("Choose…"))
    request_type = TranslatedChoiceField(
        queryset=RequestType.objects.none(), label=_("Your request"), empty_label=_("Choose…")
    )
    order_number = forms.CharField(
        label=_("Order number"),
        required=False,
        max_length=40,
        help_text=_("As printed on your receipt email, e.g. MK7QX2LP9R."),
    )
    subject = forms.CharField(
        label=_("Summary"), max_length=200, help_text=_("A few words, e.g. “iPhone stopped charging”.")
    )
    description = forms.CharField(label=_("Describe the problem"), widget=forms.Textarea, max_length=MAX_DESCRIPTION)
    contact_name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Email"), help_text=_("We send the confirmation and our answers here."))
    contact_method = forms.ChoiceField(
        label=_("How should we reach you?"),
        choices=Case.ContactMethod.choices,
        widget=forms.RadioSelect,
        initial="email",
    )
    contact_phone = forms.CharField(label=_("Phone number"), max_length=32, required=False)

    def __init__(self, *args: Any, locale: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.locale = locale
        for name in ("product_group", "topic", "request_type"):
            # Picking one of these re-renders the form (HTMX) with the fields the choice needs.
            self.fields[name].widget.attrs.update(
                {
                    "hx-post": reverse("cases:contact"),
                    "hx-trigger": "change",
                    "hx-target": "#contact-form",
                    "hx-swap": "outerHTML",
                    "hx-include": "closest form",
                    "hx-vals": '{"refresh": "1"}',
                }
            )
        for name in ("subject", "description"):
            # What the customer types brings up articles that may solve it (deflection).
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": reverse("cases:contact_suggest"),
                    "hx-trigger": "input changed delay:250ms",
                    "hx-target": "#contact-suggestions",
                    "hx-include": "#id_subject, #id_description, #id_product_group",
                    "hx-sync": "closest form:replace",
                    "autocomplete": "off",
                }
            )
        # Arrow keys choose a suggestion from the one-line subject (search/suggest.js).
        self.fields["subject"].widget.attrs["data-suggest-input"] = "#contact-suggestions [data-suggestions]"
        group_id = self._raw_id("product_group")
        topic_id = self._raw_id("topic")
        if group_id:
            self.fields["topic"].queryset = Topic.objects.filter(product_group_id=group_id)  # type: ignore[attr-defined]
        if topic_id:
            self.fields["request_type"].queryset = RequestType.objects.filter(  # type: ignore[attr-defined]
                topic_id=topic_id, topic__product_group_id=group_id
            )

    def _raw_id(self, name: str) -> int | None:
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        value = getattr(value, "pk", value)
        try:
            return int(value) if value else None
        except (TypeError, ValueError):
            return None

    @property
    def chosen_request_type(self) -> RequestType | None:
        request_type_id = self._raw_id("request_type")
        if not request_type_id:
            return None
        queryset = self.fields["request_type"].queryset  # type: ignore[attr-defined]
        result: RequestType | None = queryset.filter(pk=request_type_id).first()
        return result

    def clean_order_number(self) -> str:
        value: str = self.cleaned_data["order_number"].strip().upper().replace(" ", "")
        if value and not ORDER_NUMBER_RE.match(value):
            raise forms.ValidationError(_("An order number has 6 to 20 letters and digits, as on your receipt."))
        return value

    def clean_description(self) -> str:
        value: str = self.cleaned_data["description"].strip()
        if len(value) < 10:
            raise forms.ValidationError(_("Please describe the problem in a sentence or two."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        request_type: RequestType | None = cleaned.get("request_type")
        if request_type is not None and request_type.needs_order_number and not cleaned.get("order_number"):
            self.add_error("order_number", _("This request needs the order number from your receipt."))
        if cleaned.get("contact_method") == Case.ContactMethod.PHONE or cleaned.get("contact_phone"):
            raw = (cleaned.get("contact_phone") or "").strip()
            if not raw:
                self.add_error("contact_phone", _("Enter the number we should call."))
            else:
                try:
                    cleaned["contact_phone"] = phone_normalise(raw, locale=self.locale)
                except forms.ValidationError as error:
                    self.add_error("contact_phone", error)
        return cleaned


class SLAReportForm(forms.Form):
    """The filters of the SLA attainment report."""

    weeks = forms.IntegerField(label=_("Weeks"), min_value=1, max_value=104, initial=8, required=False)
    dimension = forms.ChoiceField(
        label=_("Group by"), choices=Dimension.choices, initial=Dimension.DEPARTMENT, required=False
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=MAX_DESCRIPTION)

    def clean_body(self) -> str:
        value: str = self.cleaned_data["body"].strip()
        if not value:
            raise forms.ValidationError(_("Write a message first."))
        return value


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Case.Status.choices)


class AssignForm(forms.Form):
    assignee = forms.IntegerField(label=_("Assignee"), required=False)


class CallEndForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CallLog.Outcome.choices)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), ("open", _("Not solved")), *Case.Status.choices]
    )
    queue = forms.IntegerField(label=_("Queue"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)


class RequestTypeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.topic.product_group.name} › {obj.topic.name} › {obj.name}"


class AgentCaseForm(forms.Form):
    """A case an agent opens for a caller (phone channel)."""

    subject = forms.CharField(label=_("Case title"), max_length=200, help_text=_("Type what the caller describes."))
    request_type = RequestTypeChoiceField(
        queryset=RequestType.objects.select_related("topic__product_group"),
        label=_("Request"),
        empty_label=_("Choose…"),
    )
    locale = forms.ChoiceField(label=_("Customer's language"), choices=settings.LANGUAGES)
    customer_email = forms.EmailField(label=_("Customer's email"))
    contact_phone = forms.CharField(label=_("Phone number"), max_length=32, required=False)
    order_number = forms.CharField(label=_("Order number"), max_length=40, required=False)
    description = forms.CharField(
        label=_("What the caller says"), widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_DESCRIPTION
    )

    def clean_order_number(self) -> str:
        value: str = self.cleaned_data["order_number"].strip().upper().replace(" ", "")
        if value and not ORDER_NUMBER_RE.match(value):
            raise forms.ValidationError(_("An order number has 6 to 20 letters and digits, as on your receipt."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        request_type: RequestType | None = cleaned.get("request_type")
        if request_type is not None and request_type.needs_order_number and not cleaned.get("order_number"):
            self.add_error("order_number", _("This request needs the order number from your receipt."))
        raw = (cleaned.get("contact_phone") or "").strip()
        if raw:
            try:
                cleaned["contact_phone"] = phone_normalise(raw, locale=cleaned.get("locale") or "en")
            except forms.ValidationError as error:
                self.add_error("contact_phone", error)
        return cleaned
