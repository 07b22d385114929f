"""Writes of the movement app: create a check, run its analysis, delete it.

``run_check`` is what the background task calls. The pose model and OpenCV load there
only, never in the web process; a video that cannot be read fails the check with a
plain message, and anything unexpected fails it without losing the upload. A check is
claimed, kept alive and queued again as ``hipfirst.web.claims`` describes, so one whose
worker was killed is analysed again, and its pictures are never stored twice.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hipfirst.core.assessment import Sex
from hipfirst.core.errors import HipfirstError
from hipfirst.core.movement import MovementCheck, movement_as_json
from hipfirst.core.movement_clip import Exercise, Leg
from hipfirst.web import claims
from hipfirst.web.accounts.models import User
from hipfirst.web.assessment.models import Assessment
from hipfirst.web.movement import tasks
from hipfirst.web.movement.models import MovementCheckRecord, MovementPicture

logger = logging.getLogger(__name__)

PROGRESS_EVERY_S = 0.5


def runner_sex(runner: User) -> str:
    """The sex from the runner's latest profile, when female or male (the norms have both)."""
    latest = Assessment.objects.filter(runner=runner, profile__isnull=False).first()
    sex = (latest.profile or {}).get("sex") if latest else None
    return sex if sex in {"female", "male"} else ""


@transaction.atomic
def create_check(
    runner: User, video: UploadedFile[Any], *, exercise: str, side: str
) -> MovementCheckRecord:  # Any: the stubs' file type parameter
    """Store the video and queue its analysis in one transaction (see ``create_batch``)."""
    record = MovementCheckRecord(
        runner=runner,
        token=secrets.token_hex(16),
        exercise=exercise,
        side=side,
        sex=runner_sex(runner),
    )
    record.video = video
    record.save()
    tasks.analyse_check.enqueue(check_id=record.pk)
    return record


@contextmanager
def _local_copy(record: MovementCheckRecord) -> Iterator[Path]:
    """A path to the video on this machine (S3 storage is downloaded to a temporary file)."""
    try:
        yield Path(record.video.path)
        return
    except NotImplementedError:
        pass  # storage without local paths
    with tempfile.NamedTemporaryFile(suffix=".video") as copy, record.video.open("rb") as video:
        for chunk in video.chunks():
            copy.write(chunk)
        copy.flush()
        yield Path(copy.name)


def _progress(check_id: int, token: str) -> Callable[[int], None]:
    last = 0.0

    def write(done: int) -> None:
        nonlocal last
        if (now := time.monotonic()) - last >= PROGRESS_EVERY_S:
            last = now
            claims.beat(MovementCheckRecord, check_id, token, frames_done=done)

    return write


def run_check(check_id: int) -> None:
    """Analyse a queued check: pose model, angles, verdict and annotated pictures."""
    from hipfirst.vision import MediaPipePose, analyse_video, open_video, write_rep_frames  # noqa: PLC0415  # heavy; the worker only

    token = claims.claim(MovementCheckRecord, check_id)
    if token is None:
        return  # deleted meanwhile, or another worker (or a retry) has it already
    record = MovementCheckRecord.objects.get(pk=check_id)
    check = MovementCheck(
        exercise=Exercise(record.exercise),
        side=Leg(record.side) if record.side else None,
        sex=Sex(record.sex) if record.sex else None,
    )
    try:
        with _local_copy(record) as path, tempfile.TemporaryDirectory() as folder:
            clip = open_video(path)
            claims.beat(MovementCheckRecord, check_id, token, frames_total=clip.frame_count)
            with MediaPipePose() as estimator:
                report = analyse_video(
                    path, check=check, estimator=estimator, on_frame=_progress(check_id, token)
                )
            pictures = write_rep_frames(path, report.reps, Path(folder))
            store_check(
                record, claim_token=token, report_json=movement_as_json(report), pictures=pictures
            )
    except claims.ClaimLost:
        logger.warning("movement check %s was queued again while this run was silent", check_id)
    except HipfirstError as exc:
        _fail(check_id, token, exc.message)
    except Exception:  # anything unexpected fails this check, not the worker
        logger.exception("movement check %s failed", check_id)
        _fail(
            check_id, token, "Something went wrong on our side while analysing. Please try again."
        )


@transaction.atomic
def store_check(
    record: MovementCheckRecord,
    *,
    claim_token: str,
    report_json: dict[str, object],
    pictures: list[Path],
) -> None:
    """Store the report and one picture a rep, in one transaction, if the claim is ours.

    The claim is checked before any picture file is written, so a run that lost its
    claim leaves no file behind. A run killed part-way through this transaction leaves
    pictures whose rows were rolled back; their names are fixed per check and rep, so
    the next run deletes them before writing its own, rather than storing beside them.

    Raises
    ------
    ClaimLost
        When the check was queued again and another run owns it: nothing is stored.
    """
    claims.lock_claimed(MovementCheckRecord, record.pk, claim_token)
    for number, picture in enumerate(pictures, start=1):
        stored = MovementPicture(movement_check=record, number=number)
        left_behind = stored.image.field.generate_filename(stored, picture.name)
        stored.image.storage.delete(left_behind)  # nothing there is fine
        with picture.open("rb") as image:
            stored.image.save(picture.name, File(image), save=True)
    MovementCheckRecord.objects.filter(pk=record.pk).update(
        status=MovementCheckRecord.Status.DONE,
        result=report_json,
        frames_done=int(str(report_json.get("frames", 0))),
        claim_token="",
    )


def _fail(check_id: int, token: str, message: str) -> None:
    claims.release(
        MovementCheckRecord,
        check_id,
        token,
        status=MovementCheckRecord.Status.FAILED,
        result={"error": message},
    )


def requeue_stalled_checks(*, silent_for: timedelta) -> int:
    """Queue again the checks whose worker fell silent (killed, or its machine lost).

    The result and pictures are stored in one final transaction that only the run holding
    the check's current claim may commit, so analysing it again stores nothing twice.
    """
    return claims.requeue_stalled(
        MovementCheckRecord,
        silent_for=silent_for,
        enqueue=lambda check_id: tasks.analyse_check.enqueue(check_id=check_id),
        frames_done=0,
    )


def delete_check(record: MovementCheckRecord) -> None:
    """Delete the check, its video and its pictures, files included."""
    files = [record.video, *(picture.image for picture in record.pictures.all())]
    record.delete()
    for stored in files:
        if stored and stored.name:
            stored.storage.delete(stored.name)
