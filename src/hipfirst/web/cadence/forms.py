"""Forms of the cadence page: a counted cadence, and the metronome track to download."""

from __future__ import annotations

from typing import Any

from django import forms

from hipfirst.core.cadence import counted_cadence_spm
from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.metronome import ACCENT_EVERY, MINUTES


class CountedCadenceForm(forms.Form):
    steps_in_30_s = forms.IntegerField(
        label="Steps you counted in 30 seconds",
        help_text="During an easy run, count every time either foot lands for 30 seconds.",
        min_value=1,
    )

    def clean_steps_in_30_s(self) -> int:
        steps: int = self.cleaned_data["steps_in_30_s"]
        try:
            counted_cadence_spm(steps)  # the core checks it is a plausible running cadence
        except InvalidAnswer as exc:
            raise forms.ValidationError(exc.message) from exc
        return steps


class TrackForm(forms.Form):
    spm = forms.IntegerField(label="Steps per minute", min_value=100, max_value=250)
    minutes = forms.IntegerField(
        label="Length (minutes)", min_value=MINUTES[0], max_value=MINUTES[1], initial=20
    )
    accent_every = forms.IntegerField(
        label="A higher click every … steps (optional)",
        required=False,
        min_value=ACCENT_EVERY[0],
        max_value=ACCENT_EVERY[1],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["spm"].widget.attrs["inputmode"] = "numeric"
