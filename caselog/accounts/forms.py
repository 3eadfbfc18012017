from __future__ import annotations

from django import forms

from caselog.accounts.models import User


class ProfileForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "locale", "phone"]
