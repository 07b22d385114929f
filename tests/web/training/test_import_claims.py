"""Two runs of one import, or two imports of the same files: each run stored once, never on top.

A requeued batch can have two live runs when its first worker was slow rather than dead;
these tests play the two runs' steps in a fixed order through the real services.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hipfirst.importers import ImportReport, import_paths
from hipfirst.web import claims
from hipfirst.web.training import services
from hipfirst.web.training.models import Activity, ImportBatch
from tests.web.factories import make_runner
from tests.web.training.test_import import RIDE_FIT, RUN_FIT, SAME_RUN
from tests.web.training.uploads import as_upload

pytestmark = pytest.mark.django_db(transaction=True)

FILES = (RUN_FIT, RIDE_FIT, *SAME_RUN)
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race"
)


@pytest.fixture
def runner_client(client: Client) -> Client:
    client.force_login(make_runner("ines@example.org"))
    make_runner("other@example.org")  # a second runner, whose nothing must change
    return client


@pytest.fixture
def report() -> ImportReport:
    """What decoding the batch's files gives (a run, a ride, one run in two formats)."""
    return import_paths(FILES)


def _queued_batch(client: Client) -> ImportBatch:
    """A batch uploaded through the page, its task queued but not yet run."""
    client.post(reverse("training:upload"), {"training_files": [as_upload(p) for p in FILES]})
    return ImportBatch.objects.latest("pk")


def _fall_silent(batch: ImportBatch) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))


def _claimed_twice(batch: ImportBatch) -> tuple[str, str]:
    """The tokens of a first run that fell silent and of the run after the requeue."""
    first = claims.claim(ImportBatch, batch.pk)
    _fall_silent(batch)
    assert services.requeue_stalled_imports(silent_for=timedelta(minutes=2)) == 1
    second = claims.claim(ImportBatch, batch.pk)
    assert first is not None
    assert second is not None
    return first, second


def test_a_run_whose_batch_was_queued_again_stores_nothing(runner_client, report) -> None:
    """The silent run's store is refused; the newer run stores every activity once."""
    batch = _queued_batch(runner_client)
    first, second = _claimed_twice(batch)

    with pytest.raises(claims.ClaimLost):
        services.finish_import(batch, report, claim_token=first)
    stored_by_first = Activity.objects.count()
    services.finish_import(batch, report, claim_token=second)
    batch.refresh_from_db()

    assert stored_by_first == 0
    assert Activity.objects.count() == 3
    assert batch.status == ImportBatch.Status.DONE
    assert batch.result is not None
    assert len(batch.result["imported"]) == 3


def test_a_slow_run_ending_last_cannot_overwrite_the_result(runner_client, report) -> None:
    """When the newer run finishes first, the old run's late store changes nothing."""
    batch = _queued_batch(runner_client)
    first, second = _claimed_twice(batch)
    services.finish_import(batch, report, claim_token=second)
    batch.refresh_from_db()
    result = batch.result

    with pytest.raises(claims.ClaimLost):
        services.finish_import(batch, report, claim_token=first)
    batch.refresh_from_db()

    assert batch.result == result
    assert Activity.objects.count() == 3


def test_the_old_runs_heartbeat_stops_it_without_touching_the_progress(runner_client) -> None:
    """After a requeue the old run's progress is refused, so it can stop early."""
    batch = _queued_batch(runner_client)
    first, second = _claimed_twice(batch)
    claims.beat(ImportBatch, batch.pk, second, files_done=1)

    with pytest.raises(claims.ClaimLost):
        claims.beat(ImportBatch, batch.pk, first, files_done=3)
    batch.refresh_from_db()

    assert batch.files_done == 1


def test_the_stall_threshold_comes_from_the_settings(runner_client, settings) -> None:
    """`requeue_stalled` without --silent-for uses HIPFIRST_STALLED_AFTER_S."""
    settings.STALLED_AFTER_S = 5
    batch = _queued_batch(runner_client)
    claims.claim(ImportBatch, batch.pk)
    ImportBatch.objects.update(heartbeat_at=timezone.now() - timedelta(seconds=6))

    call_command("requeue_stalled")
    batch.refresh_from_db()

    assert batch.status == ImportBatch.Status.QUEUED
    assert batch.claim_token == ""


@on_postgresql
def test_a_batch_being_stored_is_not_queued_again(runner_client) -> None:
    """A silent batch whose store holds its row is alive: the requeue skips it."""
    batch = _queued_batch(runner_client)
    token = claims.claim(ImportBatch, batch.pk)
    _fall_silent(batch)
    locked, release = threading.Event(), threading.Event()

    def storing() -> None:
        try:
            with transaction.atomic():
                claims.lock_claimed(ImportBatch, batch.pk, token or "")
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=storing)
    thread.start()
    locked.wait(10)
    requeued = services.requeue_stalled_imports(silent_for=timedelta(minutes=2))
    release.set()
    thread.join()

    assert requeued == 0


@on_postgresql
def test_two_batches_of_the_same_files_stored_at_once_store_each_run_once(
    runner_client, report
) -> None:
    """Two workers storing the same runs together: one stores them, the other finds them."""
    batches = [_queued_batch(runner_client) for _ in range(2)]
    tokens = [claims.claim(ImportBatch, batch.pk) or "" for batch in batches]
    start = threading.Barrier(2)

    def store(batch: ImportBatch, token: str) -> None:
        try:
            start.wait(10)
            services.finish_import(batch, report, claim_token=token)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=store, args=pair) for pair in zip(batches, tokens, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results = [ImportBatch.objects.get(pk=batch.pk).result or {} for batch in batches]

    assert Activity.objects.count() == 3
    assert sorted(len(result["imported"]) for result in results) == [0, 3]


def test_a_batch_and_its_task_are_written_in_one_transaction(runner_client: Client) -> None:
    """The import's task is in the queue before the batch commits, and goes if it rolls back."""
    runner = make_runner("kai@example.org")
    queued_before = DBTaskResult.objects.count()
    seen: list[int] = []

    def upload_then_fail() -> None:
        with transaction.atomic():
            services.create_batch(runner, [as_upload(RUN_FIT)])
            seen.append(DBTaskResult.objects.count() - queued_before)
            raise RuntimeError("the request failed after the upload")

    with pytest.raises(RuntimeError):
        upload_then_fail()

    assert seen == [1]
    assert DBTaskResult.objects.count() == queued_before
    assert not ImportBatch.objects.filter(runner=runner).exists()
