"""The upload form: one or many training files or an export archive, within size limits."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files at once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[Any]]:  # Any: Django's API
        """Each file cleaned as a single file field would clean it."""
        files = data if isinstance(data, list | tuple) else [data]
        if not files:  # nothing chosen: the single-file check says it is required
            files = [None]
        return [super(MultipleFileField, self).clean(one, initial) for one in files]


class UploadForm(forms.Form):
    # Not `files`: that name is the form's own attribute for the uploaded data.
    training_files = MultipleFileField(
        label="Your training files",
        help_text=(
            "FIT, GPX or TCX files from your watch, gzipped ones (.fit.gz), or the whole "
            "export zip from Strava or Garmin Connect. Several at once is fine."
        ),
    )

    def clean_training_files(self) -> list[UploadedFile[Any]]:
        files: list[UploadedFile[Any]] = self.cleaned_data["training_files"]
        total = sum(upload.size or 0 for upload in files)
        if total > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"That is {filesizeformat(total)} in all; one upload can be at most "
                f"{filesizeformat(settings.MAX_UPLOAD_BYTES)}. Upload fewer files at a time.",
                code="too_large",
            )
        if any((upload.size or 0) == 0 for upload in files):
            empty = next(upload.name for upload in files if (upload.size or 0) == 0)
            raise forms.ValidationError(f"{empty} is empty.", code="empty")
        return files


PAIN_HELP = "0 = no pain, 10 = the worst pain you can imagine."


class RunPainForm(forms.Form):
    """Knee pain on one run; during is required, the rest can be added later."""

    during_0_10 = forms.IntegerField(
        label="Knee pain during the run (0–10)", min_value=0, max_value=10, help_text=PAIN_HELP
    )
    after_0_10 = forms.IntegerField(
        label="Right after the run (0–10)", min_value=0, max_value=10, required=False
    )
    next_morning_0_10 = forms.IntegerField(
        label="The next morning (0–10)",
        min_value=0,
        max_value=10,
        required=False,
        help_text="Fill this in the morning after. Pain that has not settled by then matters most.",
    )
