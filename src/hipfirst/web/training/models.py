"""Imported activities, their compact per-record series, and import batches."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models

from hipfirst.web import claims
from hipfirst.web.accounts.models import User
from hipfirst.web.sharing.access import visible_runners

M = TypeVar("M", bound=models.Model)


class OwnedQuerySet(models.QuerySet[M]):
    """Rows that belong to one runner."""

    def visible_to(self, user: User | Any) -> OwnedQuerySet[M]:  # Any: AnonymousUser too
        """The rows ``user`` may see: their own, and those of runners who invited them."""
        return self.filter(visible_runners(user))

    def owned_by(self, user: User | Any) -> OwnedQuerySet[M]:  # Any: AnonymousUser too
        """The rows ``user`` may change: only their own."""
        return self.filter(runner=user) if user.is_authenticated else self.none()


class ImportBatch(models.Model):
    """One upload of training files, imported by a background task (see ``web.claims``)."""

    class Status(models.TextChoices):
        QUEUED = claims.QUEUED, "Waiting to start"
        RUNNING = claims.RUNNING, "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Could not finish"

    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    #: What the import found: {"imported": [...], "skipped": [...], "duplicates": [...]}.
    result = models.JSONField(null=True, blank=True)
    #: Last sign of life of the worker running it; a running batch silent for long is stalled.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    #: The run working on it; only that run may store its result (empty while queued).
    claim_token = models.CharField(max_length=32, blank=True)

    objects: ClassVar[OwnedQuerySet[ImportBatch]] = OwnedQuerySet.as_manager()  # type: ignore[assignment]  # custom queryset manager

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


def _upload_path(upload: ImportUpload, filename: str) -> str:
    # The stored name is ours; the runner's file name is kept in `original_name` only.
    return f"imports/{upload.batch.runner_id}/{upload.batch_id}/{upload.position:04d}.upload"


class ImportUpload(models.Model):
    """One uploaded file of a batch, kept until the batch has been imported."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="uploads")
    position = models.PositiveIntegerField()
    original_name = models.CharField(max_length=255)
    size_bytes = models.PositiveBigIntegerField()
    file = models.FileField(upload_to=_upload_path, max_length=255)

    class Meta:
        ordering = ("position",)

    def __str__(self) -> str:
        return self.original_name


class Activity(models.Model):
    """One recorded activity as the importers read it; only runs count as running load."""

    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activities"
    )
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)  # of the decompressed file
    name = models.CharField(max_length=255, blank=True)
    sport = models.CharField(max_length=32)
    sub_sport = models.CharField(max_length=64, blank=True)
    is_running = models.BooleanField()
    start = models.DateTimeField()
    utc_offset_s = models.IntegerField(null=True, blank=True)
    elapsed_s = models.FloatField()
    moving_s = models.FloatField(null=True, blank=True)
    distance_m = models.FloatField(null=True, blank=True)
    elevation_gain_m = models.FloatField(null=True, blank=True)
    avg_hr_bpm = models.FloatField(null=True, blank=True)
    max_hr_bpm = models.FloatField(null=True, blank=True)
    avg_cadence_spm = models.FloatField(null=True, blank=True)
    is_partial = models.BooleanField(default=False)
    notes = models.JSONField(default=list, blank=True)
    #: ``DedupeKey.bucket``: candidates for "the same run imported again" share it.
    dedupe_bucket = models.BigIntegerField(db_index=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[OwnedQuerySet[Activity]] = OwnedQuerySet.as_manager()  # type: ignore[assignment]  # custom queryset manager

    class Meta:
        ordering = ("-start", "-pk")
        indexes = (models.Index(fields=("runner", "start")),)
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return f"{self.sport} on {self.start:%Y-%m-%d}"


class ActivitySeries(models.Model):
    """The per-record series of one activity, as one compressed blob (never a row a record)."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="series")
    blob = models.BinaryField()

    def __str__(self) -> str:
        return f"Series of activity {self.activity_id}"


class RunPain(models.Model):
    """How the knee felt on one run: during, after, and the next morning (0–10)."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="pain")
    during_0_10 = models.PositiveSmallIntegerField()
    after_0_10 = models.PositiveSmallIntegerField(null=True, blank=True)
    next_morning_0_10 = models.PositiveSmallIntegerField(null=True, blank=True)
    logged_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Pain {self.during_0_10}/10 on activity {self.activity_id}"
