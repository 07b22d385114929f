"""Forms of the sharing pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password

from hipfirst.web.accounts.models import User


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Your clinician's email address",
        help_text="A physiotherapist, doctor or coach. They see your data; they cannot change it.",
    )

    def __init__(self, *args: Any, runner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.runner = runner

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if email == self.runner.email:
            raise forms.ValidationError("That is your own address. Enter your clinician's.")
        return email


class ClinicianSignUpForm(forms.Form):
    """A clinician's account, made from an invitation link."""

    email = forms.EmailField(label="Email address")
    password = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this address exists. Log in, then open the link again."
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "email" in cleaned and "password" in cleaned:
            try:
                validate_password(cleaned["password"], User(email=cleaned["email"]))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned


class NoteForm(forms.Form):
    text = forms.CharField(
        label="A note for your runner", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
