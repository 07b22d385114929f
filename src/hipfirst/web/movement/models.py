"""A runner's movement checks: the uploaded video, the analysis, the annotated pictures."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from hipfirst.web import claims
from hipfirst.web.training.models import OwnedQuerySet


def _video_path(check: MovementCheckRecord, filename: str) -> str:
    # Our own name: the runner's file name is never used as a path.
    return f"movement/{check.runner_id}/{check.token}/video"


class MovementCheckRecord(models.Model):
    """One uploaded video and what the analysis found in it (run as in ``web.claims``)."""

    class Status(models.TextChoices):
        QUEUED = claims.QUEUED, "Waiting to start"
        RUNNING = claims.RUNNING, "Analysing"
        DONE = "done", "Finished"
        FAILED = "failed", "Could not finish"

    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="movement_checks"
    )
    token = models.CharField(max_length=32, unique=True)  # names the storage folder
    uploaded_at = models.DateTimeField(auto_now_add=True)
    exercise = models.CharField(max_length=32)
    side = models.CharField(max_length=8, blank=True)
    sex = models.CharField(max_length=8, blank=True)
    video = models.FileField(upload_to=_video_path, max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    frames_done = models.PositiveIntegerField(default=0)
    frames_total = models.PositiveIntegerField(default=0)
    #: Last sign of life of the worker analysing it; a running check silent for long is stalled.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    #: The run working on it; only that run may store its result (empty while queued).
    claim_token = models.CharField(max_length=32, blank=True)
    #: ``movement_as_json`` of the report, or {"error": message} when it failed.
    result = models.JSONField(null=True, blank=True)

    objects: ClassVar[OwnedQuerySet[MovementCheckRecord]] = OwnedQuerySet.as_manager()  # type: ignore[assignment]  # custom queryset manager

    class Meta:
        ordering = ("-uploaded_at", "-pk")

    def __str__(self) -> str:
        return f"Movement check {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


def _picture_path(picture: MovementPicture, filename: str) -> str:
    check = picture.movement_check
    return f"movement/{check.runner_id}/{check.token}/rep{picture.number:02d}.jpg"


class MovementPicture(models.Model):
    """An annotated frame at the deepest point of one rep."""

    movement_check = models.ForeignKey(
        MovementCheckRecord, on_delete=models.CASCADE, related_name="pictures"
    )
    number = models.PositiveSmallIntegerField()
    image = models.FileField(upload_to=_picture_path, max_length=255)

    class Meta:
        ordering = ("number",)
        constraints = (
            models.UniqueConstraint(fields=("movement_check", "number"), name="one_picture_a_rep"),
        )

    def __str__(self) -> str:
        return f"Picture {self.number} of check {self.movement_check_id}"
