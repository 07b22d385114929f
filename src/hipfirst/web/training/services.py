"""Writes to the training app: upload batches, import them, store activities once.

Only this module writes the training models. ``run_import`` is what the background
task calls; it never raises for a bad file (the importers skip it with a reason) and
marks the batch failed, with a plain message, if anything else goes wrong.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.timezone import now as current_time

from hipfirst.importers import Activity as ImportedActivity
from hipfirst.importers import DedupeKey, ImportReport, import_blobs, series_to_bytes
from hipfirst.web.accounts.models import User
from hipfirst.web.training import tasks  # tasks import services too: use tasks.X late
from hipfirst.web.training.models import (
    Activity,
    ActivitySeries,
    ImportBatch,
    ImportUpload,
    RunPain,
)

logger = logging.getLogger(__name__)

#: How often, at most, progress is written while a batch imports.
PROGRESS_EVERY_S = 0.5


@transaction.atomic
def create_batch(
    runner: User, files: Sequence[UploadedFile[Any]]
) -> ImportBatch:  # Any: stubs' file type
    """Store the uploaded files and queue their import once the transaction commits."""
    batch = ImportBatch.objects.create(runner=runner, files_total=len(files))
    for position, upload in enumerate(files):
        ImportUpload.objects.create(
            batch=batch,
            position=position,
            original_name=os.path.basename(upload.name or f"file-{position}")[:255],
            size_bytes=upload.size or 0,
            file=upload,
        )
    transaction.on_commit(lambda: tasks.import_batch.enqueue(batch_id=batch.pk))
    return batch


def run_import(batch_id: int) -> None:
    """Import a queued batch: decode, deduplicate against the runner's activities, store."""
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.RUNNING, heartbeat_at=current_time()
    )
    if not claimed:
        return  # deleted with its account, or another worker (or a retry) has it already
    batch = ImportBatch.objects.select_related("runner").get(pk=batch_id)
    try:
        report = import_blobs(
            _blobs(batch), workers=os.cpu_count() or 1, progress=_progress_writer(batch.pk)
        )
        result = store_report(batch, report)
    except Exception:  # anything unexpected fails the batch, not the worker
        logger.exception("import batch %s failed", batch.pk)
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED,
            result={
                "error": "Something went wrong on our side while importing. "
                "Nothing was half-saved; please try the upload again."
            },
        )
        return
    _delete_uploads(batch)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.DONE, result=result)


def requeue_stalled_imports(*, silent_for: timedelta) -> int:
    """Queue again the batches whose worker fell silent (killed, or its machine lost).

    Nothing of a batch is stored before its one final transaction, and stored runs are
    recognised on the way in, so running it again loses nothing and stores nothing twice.
    """
    stalled = ImportBatch.objects.filter(
        status=ImportBatch.Status.RUNNING, heartbeat_at__lt=current_time() - silent_for
    ).values_list("pk", flat=True)
    requeued = 0
    for batch_id in list(stalled):
        if ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.RUNNING).update(
            status=ImportBatch.Status.QUEUED, files_done=0
        ):
            tasks.import_batch.enqueue(batch_id=batch_id)
            requeued += 1
    return requeued


def _blobs(batch: ImportBatch) -> Iterator[tuple[str, bytes]]:
    for upload in batch.uploads.all():
        with upload.file.open("rb") as file:
            yield upload.original_name, file.read()


def _progress_writer(batch_id: int) -> Any:  # Any: importers' Progress callable
    last = 0.0

    def write(done: int, found: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY_S or done == found:
            last = now
            ImportBatch.objects.filter(pk=batch_id).update(
                files_done=done, files_total=found, heartbeat_at=current_time()
            )

    return write


def _delete_uploads(batch: ImportBatch) -> None:
    for upload in batch.uploads.all():
        upload.file.delete(save=False)
    batch.uploads.all().delete()


@transaction.atomic
def store_report(batch: ImportBatch, report: ImportReport) -> dict[str, list[dict[str, Any]]]:
    """Store the report's activities not yet stored for this runner; say what happened."""
    imported: list[dict[str, Any]] = []
    duplicates = [{"file": d.file, "same_as": d.same_as} for d in report.duplicates]
    for activity in report.activities:
        if (earlier := _stored_match(batch.runner, activity)) is not None:
            duplicates.append({"file": activity.file_name, "same_as": earlier.file_name})
            continue
        stored = _store(batch, activity)
        imported.append({"id": stored.pk, "file": stored.file_name, "sport": stored.sport})
    skipped = [{"file": s.file, "reason": s.reason} for s in report.skipped]
    return {"imported": imported, "skipped": skipped, "duplicates": duplicates}


def _stored_match(runner: User, activity: ImportedActivity) -> Activity | None:
    key = activity.dedupe_key
    candidates = Activity.objects.filter(
        runner=runner, dedupe_bucket__in=key.neighbour_buckets()
    ).only("file_name", "start", "elapsed_s", "distance_m")
    for candidate in candidates:
        other = DedupeKey(
            int(candidate.start.timestamp()), candidate.elapsed_s, candidate.distance_m
        )
        if key.matches(other):
            return candidate
    return None


def _store(batch: ImportBatch, activity: ImportedActivity) -> Activity:
    stored = Activity.objects.create(
        runner=batch.runner,
        batch=batch,
        file_name=activity.file_name[:255],
        file_sha256=activity.file_sha256,
        name=(activity.name or "")[:255],
        sport=activity.sport.value,
        sub_sport=(activity.sub_sport or "")[:64],
        is_running=activity.is_running,
        start=activity.start.astimezone(UTC),
        utc_offset_s=activity.utc_offset_s,
        elapsed_s=activity.elapsed_s,
        moving_s=activity.moving_s,
        distance_m=activity.distance_m,
        elevation_gain_m=activity.elevation_gain_m,
        avg_hr_bpm=activity.avg_hr_bpm,
        max_hr_bpm=activity.max_hr_bpm,
        avg_cadence_spm=activity.avg_cadence_spm,
        is_partial=activity.is_partial,
        notes=list(activity.notes),
        dedupe_bucket=activity.dedupe_key.bucket,
    )
    ActivitySeries.objects.create(activity=stored, blob=series_to_bytes(activity.series))
    return stored


def local_start(activity: Activity) -> datetime:
    """The run's start in the time zone the file recorded, else UTC."""
    if activity.utc_offset_s is None:
        return activity.start
    return activity.start.astimezone(timezone(timedelta(seconds=activity.utc_offset_s)))


def log_run_pain(
    activity: Activity, *, during: int, after: int | None, next_morning: int | None
) -> RunPain:
    """Store (or correct) how the knee felt on a run."""
    pain, _ = RunPain.objects.update_or_create(
        activity=activity,
        defaults={"during_0_10": during, "after_0_10": after, "next_morning_0_10": next_morning},
    )
    return pain
