"""The upload form: a video judged by its content and size, and what it shows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from hipfirst.core.movement_clip import Exercise

#: Enough bytes to recognise every container the vision module reads.
HEAD_BYTES = 512


def looks_like_video(head: bytes) -> bool:
    """The vision module's content check, without loading OpenCV in the web process."""
    from hipfirst.vision.video import looks_like_video as check  # noqa: PLC0415  # OpenCV loads late

    return check(head)


class MovementUploadForm(forms.Form):
    video = forms.FileField(
        label="Your video",
        help_text="A phone video of up to about 30 seconds (MP4, MOV, MKV or AVI).",
    )
    exercise = forms.ChoiceField(
        label="What you filmed",
        widget=forms.RadioSelect,
        choices=(
            (Exercise.SINGLE_LEG_SQUAT.value, "Single-leg squats, filmed from the front"),
            (Exercise.SQUAT.value, "Two-leg squats, filmed from the front"),
            (Exercise.RUNNING.value, "Running, filmed from behind"),
        ),
        initial=Exercise.SINGLE_LEG_SQUAT.value,
    )
    side = forms.ChoiceField(
        label="Standing leg (single-leg squats)",
        required=False,
        widget=forms.RadioSelect,
        choices=(("", "Let hipfirst find it"), ("left", "Left"), ("right", "Right")),
        initial="",
    )

    def clean_video(self) -> UploadedFile[Any]:  # Any: the stubs' file type parameter
        video: UploadedFile[Any] = self.cleaned_data["video"]
        if (video.size or 0) > settings.MAX_VIDEO_BYTES:
            raise forms.ValidationError(
                f"This video is {filesizeformat(video.size or 0)}; the most is "
                f"{filesizeformat(settings.MAX_VIDEO_BYTES)}. Film a shorter clip.",
                code="too_large",
            )
        head = video.read(HEAD_BYTES)
        video.seek(0)
        if not looks_like_video(head):
            raise forms.ValidationError(
                "This file is not a video we can read. Upload the video file from your phone "
                "(MP4 or MOV).",
                code="not_a_video",
            )
        return video
