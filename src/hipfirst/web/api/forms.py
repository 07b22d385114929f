"""The form of the API tokens page."""

from __future__ import annotations

from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What the token is for",
        max_length=100,
        help_text="For example 'my export script'. You see the token once, right after this.",
    )
