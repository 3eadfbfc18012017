from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from caselog.accounts.models import User


class ProfileForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "locale", "phone"]


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )


class _NewPasswordMixin(forms.Form):
    """New password twice; every rule of the policy it breaks is listed next to the first field."""

    user: User

    new_password1 = forms.CharField(
        label=_("New password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_new_password1(self) -> str:
        password: str = self.cleaned_data["new_password1"]
        password_validation.validate_password(password, self.user)
        return password

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("The two passwords differ."))
        return cleaned


class SetPasswordForm(_NewPasswordMixin):
    """The reset link's form: Django's view drives it, our service saves it."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def save(self, commit: bool = True) -> User:
        from caselog.accounts.models import AccountChange
        from caselog.accounts.services import user_set_password

        return user_set_password(
            user=self.user, raw_password=self.cleaned_data["new_password1"], source=AccountChange.Source.RESET
        )


class PasswordChangeForm(_NewPasswordMixin):
    old_password = forms.CharField(
        label=_("Current password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        password: str = self.cleaned_data["old_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."), code="password_incorrect")
        return password


class EmailChangeForm(forms.Form):
    email = forms.EmailField(label=_("New email address"), max_length=254)
    password = forms.CharField(
        label=_("Current password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."), code="password_incorrect")
        return password

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError(_("Another account already uses this email address."), code="email_taken")
        return email


class IdentityQuestionsForm(forms.Form):
    prefix = "caller"
    full_name = forms.CharField(label=_("Full name the caller gives"), max_length=300)
    phone = forms.CharField(label=_("Phone number the caller gives"), max_length=40, required=False)
    send_to = forms.ChoiceField(label=_("Send the code to"))

    def __init__(self, addresses: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["send_to"]
        assert isinstance(field, forms.ChoiceField)
        labels = [_("%(address)s (on record)") % {"address": addresses[0]}] if addresses else []
        labels += [_("%(address)s (earlier address)") % {"address": address} for address in addresses[1:]]
        field.choices = list(zip(addresses, labels, strict=True))


class IdentityCodeForm(forms.Form):
    prefix = "code"
    code = forms.CharField(
        label=_("Code the caller reads back"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class AgentEmailChangeForm(forms.Form):
    prefix = "account"
    email = forms.EmailField(label=_("New email address"), max_length=254)
