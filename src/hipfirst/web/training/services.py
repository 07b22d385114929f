"""Writes to the training app: upload batches, import them, store activities once.

Only this module writes the training models. ``run_import`` is what the background
task calls; it never raises for a bad file (the importers skip it with a reason) and
marks the batch failed, with a plain message, if anything else goes wrong. A batch is
claimed, kept alive and queued again as ``hipfirst.web.claims`` describes, so a worker
killed part-way loses nothing and a second run of one batch stores nothing twice.
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

from hipfirst.importers import Activity as ImportedActivity
from hipfirst.importers import DedupeKey, ImportReport, import_blobs, series_to_bytes
from hipfirst.web import claims
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
    """Store the uploaded files and queue their import, all in one transaction.

    The task queue lives in the same database (django-tasks-db), so the batch and its
    task commit together: a crash just after the commit cannot leave a batch that no
    task will ever import, and the worker cannot see the task before the batch.
    """
    batch = ImportBatch.objects.create(runner=runner, files_total=len(files))
    for position, upload in enumerate(files):
        ImportUpload.objects.create(
            batch=batch,
            position=position,
            original_name=os.path.basename(upload.name or f"file-{position}")[:255],
            size_bytes=upload.size or 0,
            file=upload,
        )
    tasks.import_batch.enqueue(batch_id=batch.pk)
    return batch


def run_import(batch_id: int) -> None:
    """Import a queued batch: decode, deduplicate against the runner's activities, store."""
    token = claims.claim(ImportBatch, batch_id)
    if token is None:
        return  # deleted with its account, or another worker (or a retry) has it already
    batch = ImportBatch.objects.select_related("runner").get(pk=batch_id)
    try:
        report = import_blobs(
            _blobs(batch, token),
            workers=os.cpu_count() or 1,
            progress=_progress_writer(batch.pk, token),
        )
        finish_import(batch, report, claim_token=token)
    except claims.ClaimLost:
        logger.warning("import batch %s was queued again while this run was silent", batch_id)
        return  # the newer run stores the batch; this one stored nothing
    except Exception:  # anything unexpected fails the batch, not the worker
        logger.exception("import batch %s failed", batch.pk)
        if claims.release(
            ImportBatch,
            batch.pk,
            token,
            status=ImportBatch.Status.FAILED,
            result={
                "error": "Something went wrong on our side while importing. "
                "Nothing was half-saved; please try the upload again."
            },
        ):
            _delete_uploads(batch)  # the runner uploads again: these are never read again
        return
    _delete_uploads(batch)


def delete_leftover_uploads() -> int:
    """Delete the uploaded files of finished batches; how many batches had some.

    A batch's files are deleted once it is stored or failed; a worker killed in between
    leaves them (and their rows) behind. They are the runner's own files, kept no longer
    than the import needs them, so the periodic ``requeue_stalled`` round sweeps them.
    """
    finished = ImportBatch.objects.filter(
        status__in=(ImportBatch.Status.DONE, ImportBatch.Status.FAILED), uploads__isnull=False
    ).distinct()
    count = 0
    for batch in finished:
        _delete_uploads(batch)
        count += 1
    return count


@transaction.atomic
def finish_import(batch: ImportBatch, report: ImportReport, *, claim_token: str) -> None:
    """Store the report and mark the batch done, in one transaction, if the claim is ours.

    The batch row is locked first (``claims.lock_claimed``), then the runner's row (in
    ``store_report``): always in that order, so two stores never wait on each other in a
    circle. Its uploads are deleted after the commit by the caller: a worker killed in
    between leaves files behind, never a batch done twice.

    Raises
    ------
    ClaimLost
        When the batch was queued again and another run owns it: nothing is stored.
    """
    claims.lock_claimed(ImportBatch, batch.pk, claim_token)
    result = store_report(batch, report)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.DONE, result=result, claim_token=""
    )


def requeue_stalled_imports(*, silent_for: timedelta) -> int:
    """Queue again the batches whose worker fell silent (killed, or its machine lost).

    Nothing of a batch is stored before its one final transaction, and only the run
    holding the batch's current claim may commit it, so running it again loses nothing
    and stores nothing twice, even when the silent worker was only slow.
    """
    return claims.requeue_stalled(
        ImportBatch,
        silent_for=silent_for,
        enqueue=lambda batch_id: tasks.import_batch.enqueue(batch_id=batch_id),
        files_done=0,
    )


def _blobs(batch: ImportBatch, token: str) -> Iterator[tuple[str, bytes]]:
    last = time.monotonic()
    for upload in batch.uploads.all():
        with upload.file.open("rb") as file:
            yield upload.original_name, file.read()
        if (now := time.monotonic()) - last >= PROGRESS_EVERY_S:  # a slow storage, say
            last = now
            claims.beat(ImportBatch, batch.pk, token)


def _progress_writer(batch_id: int, token: str) -> Any:  # Any: importers' Progress callable
    last = 0.0

    def write(done: int, found: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY_S or done == found:
            last = now
            claims.beat(ImportBatch, batch_id, token, files_done=done, files_total=found)

    return write


def _delete_uploads(batch: ImportBatch) -> None:
    for upload in batch.uploads.all():
        upload.file.delete(save=False)
    batch.uploads.all().delete()


@transaction.atomic
def store_report(batch: ImportBatch, report: ImportReport) -> dict[str, list[dict[str, Any]]]:
    """Store the report's activities not yet stored for this runner; say what happened.

    The runner's row stays locked until the transaction ends, so two batches of the same
    files (two uploads, two workers) store one after the other, and the second finds the
    first's activities rather than inserting them again. SQLite needs no lock: it has one
    writer at a time (``transaction_mode`` IMMEDIATE in the settings).
    """
    User.objects.select_for_update().only("pk").get(pk=batch.runner_id)
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
