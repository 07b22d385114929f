"""Sign-up form: an email address not yet taken and a password that passes the validators;
the login form, which stops answering after repeated failures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm

from hipfirst.web.accounts.models import User
from hipfirst.web.ratelimit import LOGIN_FAILURES, client_ip


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


class LoginForm(AuthenticationForm):
    """Django's login form, refusing to check passwords after repeated failures.

    ``LOGIN_FAILURES`` counts failed logins per IP address and email address; once it
    is used up, even the right password is refused until its window has passed, so
    guessing costs the attacker the whole window. A success clears the count.
    """

    def clean(self) -> dict[str, Any]:
        email = str(self.data.get("username", "")).strip().lower()
        key = (client_ip(self.request), email)
        if LOGIN_FAILURES.is_blocked(*key):
            raise forms.ValidationError(
                "Too many failed attempts to log in with this email address. Wait "
                f"{LOGIN_FAILURES.window_minutes} minutes and try again, or reset your "
                "password.",
                code="rate_limited",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            LOGIN_FAILURES.hit(*key)
            raise
        LOGIN_FAILURES.reset(*key)
        return cleaned

    @property
    def is_rate_limited(self) -> bool:
        """Whether the form refused because of too many failures (the template says so)."""
        return any(error.code == "rate_limited" for error in self.non_field_errors().as_data())
