"""The confirmation before an account is deleted: the runner types their password."""

from __future__ import annotations

from typing import Any

from django import forms

from hipfirst.web.accounts.models import User


class DeleteAccountForm(forms.Form):
    """The account's password, checked, so a borrowed phone cannot delete the account."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, runner: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.runner = runner

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.runner.check_password(password):
            raise forms.ValidationError(
                "That is not your password. Nothing has been deleted.", code="wrong_password"
            )
        return password
