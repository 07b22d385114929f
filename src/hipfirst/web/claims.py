"""Which run of a background job may store its result: claims, heartbeats and requeues.

An import batch and a movement check are each worked on by one background task at a
time. The task *claims* its row, QUEUED → RUNNING, with a fresh random ``claim_token``;
while it works it writes ``heartbeat_at`` with its progress; it stores its result in one
transaction that first locks the row and checks the token is still its own.

A worker can die without a word (killed for memory, its machine lost), leaving its row
RUNNING for ever. ``requeue_stalled`` gives a RUNNING row whose heartbeat has been silent
for too long back to the queue and clears its token. When the silent worker was only slow,
not dead, two runs of one job now exist: the old one finds the token changed at its next
heartbeat or, at the latest, in its final transaction, and stores nothing. Whatever the
timing, one run's result is kept and no run stores on top of another.

The models using this share the field names ``status``, ``claim_token`` and
``heartbeat_at``, and the status values ``QUEUED`` and ``RUNNING`` below.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.timezone import now as current_time

__all__ = [
    "QUEUED",
    "RUNNING",
    "ClaimLost",
    "beat",
    "claim",
    "lock_claimed",
    "release",
    "requeue_stalled",
]

QUEUED, RUNNING = "queued", "running"  # the values of each model's Status choices

M = TypeVar("M", bound=models.Model)


class ClaimLost(Exception):
    """This run's job was queued again while it was silent: another run owns it now."""


def claim(model: type[models.Model], pk: int) -> str | None:
    """Take a queued job for this run; its token, or None when it is not (or no longer) queued."""
    token = secrets.token_hex(16)
    claimed = model._default_manager.filter(pk=pk, status=QUEUED).update(
        status=RUNNING, claim_token=token, heartbeat_at=current_time()
    )
    return token if claimed else None


def beat(model: type[models.Model], pk: int, token: str, **progress: Any) -> None:  # Any: fields
    """Write a sign of life with ``progress`` (field values) while the claim is this run's.

    Raises
    ------
    ClaimLost
        When the job was queued again meanwhile; the run should stop.
    """
    alive = model._default_manager.filter(pk=pk, status=RUNNING, claim_token=token)
    if not alive.update(heartbeat_at=current_time(), **progress):
        raise ClaimLost(f"{model.__name__} {pk} was queued again while this run was silent")


def lock_claimed(model: type[M], pk: int, token: str) -> M:
    """The job's row, locked until the transaction ends, when the claim is still this run's.

    Call it first in the transaction that stores the result: a requeue has to wait for
    that transaction (PostgreSQL: the row lock; SQLite: the database's one writer), so
    the token cannot change between this check and the commit.

    Raises
    ------
    ClaimLost
        When the job was queued again meanwhile: store nothing.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_claimed only means something inside transaction.atomic")
    row = (
        model._default_manager.select_for_update()
        .filter(pk=pk, status=RUNNING, claim_token=token)
        .first()
    )
    if row is None:
        raise ClaimLost(f"{model.__name__} {pk} was queued again while this run was silent")
    return row


def release(model: type[models.Model], pk: int, token: str, **fields: Any) -> bool:  # Any: fields
    """Write ``fields`` (a failure, say) only while the claim is this run's; whether it did."""
    return bool(model._default_manager.filter(pk=pk, claim_token=token).update(**fields))


def requeue_stalled(
    model: type[models.Model],
    *,
    silent_for: timedelta,
    enqueue: Callable[[int], object],
    **reset: Any,  # Any: field values, e.g. files_done=0
) -> int:
    """Queue again the running jobs silent for longer than ``silent_for``; how many.

    Each row is set back to QUEUED (its token cleared, ``reset`` applied) and its task
    enqueued in one transaction, so a job is never queued without a task to run it. A
    row locked by ``lock_claimed`` is skipped: its run is alive, storing its result
    (SQLite has no row locks, but its one writer makes the requeue wait for that store,
    after which the job is done). The heartbeat is tested again under the lock, so a
    job that just reported is left alone. A job without any heartbeat was claimed
    before heartbeats existed, and counts as silent.
    """
    cutoff = current_time() - silent_for
    silent = models.Q(heartbeat_at__lt=cutoff) | models.Q(heartbeat_at__isnull=True)
    stalled = model._default_manager.filter(silent, status=RUNNING)
    requeued = 0
    for pk in list(stalled.values_list("pk", flat=True)):
        with transaction.atomic():
            free = stalled.filter(pk=pk).select_for_update(skip_locked=True)
            if not list(free.values_list("pk", flat=True)):
                continue  # finished meanwhile, reported, or being stored right now
            stalled.filter(pk=pk).update(status=QUEUED, claim_token="", **reset)
            enqueue(pk)
            requeued += 1
    return requeued
