"""A movement check whose worker died is analysed again, and only one run stores pictures."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hipfirst.web import claims
from hipfirst.web.movement import services
from hipfirst.web.movement.models import MovementCheckRecord, MovementPicture
from tests.web.factories import make_runner
from tests.web.movement.test_movement_pages import SQUATS, _upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued(client: Client, settings, tmp_path: Path) -> MovementCheckRecord:
    """The squat clip uploaded by a runner, its analysis queued, uploads in tmp_path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_runner("moa@example.org"))
    make_runner("other@example.org")
    _upload(client, SQUATS)
    return MovementCheckRecord.objects.get()


def _fall_silent(record: MovementCheckRecord) -> None:
    MovementCheckRecord.objects.filter(pk=record.pk).update(
        heartbeat_at=timezone.now() - timedelta(hours=1)
    )


def test_a_check_whose_worker_died_is_analysed_after_a_restart(queued) -> None:
    """Left running by a killed worker, the check is queued again and analysed once."""
    claims.claim(MovementCheckRecord, queued.pk)
    MovementCheckRecord.objects.filter(pk=queued.pk).update(frames_done=40)
    _fall_silent(queued)
    DBTaskResult.objects.all().delete()  # the dead worker's task

    call_command("requeue_stalled", silent_for=60)
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    queued.refresh_from_db()
    numbers = list(MovementPicture.objects.values_list("number", flat=True))

    assert queued.status == MovementCheckRecord.Status.DONE, queued.result
    assert queued.result is not None
    assert queued.frames_done == queued.result["frames"] > 40
    assert numbers == list(range(1, len(numbers) + 1))
    assert numbers


def test_a_run_whose_check_was_queued_again_stores_no_picture(queued, tmp_path: Path) -> None:
    """The silent run's store is refused before any picture file is written."""
    first = claims.claim(MovementCheckRecord, queued.pk)
    _fall_silent(queued)
    services.requeue_stalled_checks(silent_for=timedelta(minutes=2))
    claims.claim(MovementCheckRecord, queued.pk)
    picture = tmp_path / "rep01.jpg"
    picture.write_bytes(b"\xff\xd8\xff not really a JPEG")
    assert first is not None

    with pytest.raises(claims.ClaimLost):
        services.store_check(
            queued, claim_token=first, report_json={"frames": 1, "reps": []}, pictures=[picture]
        )
    queued.refresh_from_db()

    assert not MovementPicture.objects.exists()
    assert not list((tmp_path / "media").rglob("rep*.jpg"))
    assert queued.status == MovementCheckRecord.Status.RUNNING


def test_a_check_with_a_live_worker_is_left_alone(queued) -> None:
    """A check whose worker reported a moment ago is not queued a second time."""
    token = claims.claim(MovementCheckRecord, queued.pk)
    assert token is not None
    claims.beat(MovementCheckRecord, queued.pk, token, frames_done=10)

    requeued = services.requeue_stalled_checks(silent_for=timedelta(minutes=2))
    queued.refresh_from_db()

    assert requeued == 0
    assert queued.frames_done == 10
    assert queued.status == MovementCheckRecord.Status.RUNNING


def test_pictures_left_by_a_run_killed_while_storing_are_replaced(queued, tmp_path: Path) -> None:
    """A killed store's pictures, rows rolled back, are overwritten by the next run's."""
    token = claims.claim(MovementCheckRecord, queued.pk)
    assert token is not None
    folder = tmp_path / "media" / "movement" / str(queued.runner_id) / queued.token
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rep01.jpg").write_bytes(b"left by a killed run")
    picture = tmp_path / "rep01.jpg"
    picture.write_bytes(b"\xff\xd8\xff this run's picture")

    services.store_check(
        queued, claim_token=token, report_json={"frames": 1, "reps": []}, pictures=[picture]
    )

    assert sorted(p.name for p in folder.glob("rep*")) == ["rep01.jpg"]
    assert (folder / "rep01.jpg").read_bytes() == picture.read_bytes()
    assert (MovementPicture.objects.get().image.name or "").endswith(f"{queued.token}/rep01.jpg")
