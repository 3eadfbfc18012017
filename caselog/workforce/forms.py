from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caselog.cases.models import Case, Department
from caselog.workforce.models import ShiftKind, Wish

MAX_PERIOD_DAYS = 400
DEFAULT_PERIOD_WEEKS = 8


class VolumeFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False, empty_label=_("All departments")
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]  # type: ignore[attr-defined]
        self.fields["channel"].choices = [("", _("All channels")), *Case.Channel.choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(weeks=DEFAULT_PERIOD_WEEKS)
        if start > end:
            self.add_error("start", _("The start must be before the end."))
        elif (end - start).days > MAX_PERIOD_DAYS:
            self.add_error("start", _("Choose a period of at most %(days)s days.") % {"days": MAX_PERIOD_DAYS})
        data["start"], data["end"] = start, end
        return data


class ForecastForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)
    weeks = forms.IntegerField(label=_("Weeks ahead"), min_value=1, max_value=8, initial=4, required=False)

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [(code, names.get(code, code)) for code in languages]  # type: ignore[attr-defined]


class StaffingPolicyForm(forms.Form):
    service_level = forms.IntegerField(label=_("Service level target (%)"), min_value=1, max_value=99)
    answer_within_seconds = forms.IntegerField(label=_("Answered within (seconds)"), min_value=1, max_value=3600)
    shrinkage = forms.IntegerField(
        label=_("Shrinkage (%)"), min_value=0, max_value=80, help_text=_("Breaks, training and absence")
    )
    written_handle_seconds = forms.IntegerField(
        label=_("Handle time of a written contact (seconds)"), min_value=10, max_value=7200
    )


class ReleaseForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    released_at = forms.DateTimeField(
        label=_("Release time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    major = forms.BooleanField(label=_("Major release"), required=False, initial=True)


class ScheduleProposeForm(forms.Form):
    starts_on = forms.DateField(
        label=_("First Monday"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Schedules start on a Monday"),
    )
    weeks = forms.IntegerField(label=_("Weeks"), min_value=1, max_value=8, initial=4)

    def clean_starts_on(self) -> date:
        starts_on: date = self.cleaned_data["starts_on"]
        if starts_on.weekday() != 0:
            raise forms.ValidationError(_("Choose a Monday."))
        if starts_on < timezone.localdate() - timedelta(days=7):
            raise forms.ValidationError(_("Choose a week that has not passed."))
        return starts_on


class ShiftForm(forms.Form):
    agent = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Shift"), required=False)
    language = forms.ChoiceField(label=_("Answers in"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Day off")), *ShiftKind.choices]  # type: ignore[attr-defined]
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            ("", _("A language of the schedule the agent speaks")),
            *settings.LANGUAGES,
        ]


class WishForm(forms.Form):
    kind = forms.ChoiceField(label=_("Wish"), choices=Wish.Kind.choices)
    day = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text=_("For a day off")
    )
    shift = forms.ChoiceField(label=_("Shift"), required=False, help_text=_("For a preferred shift"))
    weekly_hours = forms.IntegerField(
        label=_("Hours a week"), required=False, min_value=4, max_value=39, help_text=_("For part-time")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shift"].choices = [("", "—"), *ShiftKind.choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == Wish.Kind.DAY_OFF:
            if not data.get("day"):
                self.add_error("day", _("Choose the day you would like off."))
            elif data["day"] < timezone.localdate():
                self.add_error("day", _("Choose a day that has not passed."))
        if kind == Wish.Kind.PREFERRED_SHIFT and not data.get("shift"):
            self.add_error("shift", _("Choose a shift."))
        if kind == Wish.Kind.WEEKLY_HOURS and not data.get("weekly_hours"):
            self.add_error("weekly_hours", _("Give the hours a week."))
        return data
