"""Sign-up form: an email address not yet taken and a password that passes the validators."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm

from hipfirst.web.accounts.models import User


class SignUpForm(BaseUserCreationForm[User]):
    """Email and password twice; errors sit on the field they are about."""

    class Meta:
        model = User
        fields = ("email",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "password1"
        ].help_text = "At least 8 characters. Not a common password, not only numbers."
        self.fields["password2"].label = "Password again"
        self.fields["password2"].help_text = ""

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email address already exists. Log in instead, "
                "or reset your password if you have forgotten it.",
                code="email_taken",
            )
        return email
