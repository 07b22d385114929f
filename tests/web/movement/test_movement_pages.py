"""Movement check on the web: a real clip through the real worker and pose model."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from hipfirst.web.movement import services
from hipfirst.web.movement.models import MovementCheckRecord, MovementPicture
from tests.data import SHARED_DATA
from tests.web.factories import make_runner

SQUATS = SHARED_DATA / "media" / "tfjs-models-pose_squats.mp4"


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    """Uploads go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def runner_client(client: Client, media: Path) -> Client:
    client.force_login(make_runner("moa@example.org"))
    return client


def _upload(client: Client, path: Path, **fields: str):
    video = SimpleUploadedFile(path.name, path.read_bytes(), content_type="video/mp4")
    return client.post(reverse("movement:checks"), {"video": video, "exercise": "squat", **fields})


@pytest.fixture
def analysed(runner_client: Client) -> MovementCheckRecord:
    """The two-leg squat clip, uploaded and analysed by the worker."""
    _upload(runner_client, SQUATS)
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    return MovementCheckRecord.objects.get()


@pytest.mark.django_db(transaction=True)
def test_a_squat_clip_is_analysed_with_reps_and_pictures(runner_client: Client, analysed) -> None:
    """The worker finds squats, stores the report and one annotated picture a rep."""
    page = runner_client.get(reverse("movement:check", args=[analysed.pk])).content.decode()

    assert analysed.status == "done", analysed.result
    assert analysed.result["reps"]
    assert analysed.frames_done == analysed.result["frames"] > 0
    assert MovementPicture.objects.filter(movement_check=analysed).count() >= 1
    assert 'id="reps"' in page
    assert "you have" not in page.lower()


@pytest.mark.django_db(transaction=True)
def test_a_picture_is_served_to_its_owner_only(runner_client: Client, analysed) -> None:
    """The owner gets the JPEG; another runner gets a 404 for it and for the check."""
    url = reverse("movement:picture", args=[analysed.pk, 1])
    other = Client()
    other.force_login(make_runner("other@example.org"))

    mine = runner_client.get(url)

    assert mine.status_code == 200
    assert mine.getvalue()[:3] == b"\xff\xd8\xff"  # a JPEG
    assert other.get(url).status_code == 404
    assert other.get(reverse("movement:check", args=[analysed.pk])).status_code == 404
    assert other.get(reverse("movement:progress", args=[analysed.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_deleting_removes_the_video_and_pictures(
    runner_client: Client, analysed, media: Path
) -> None:
    """After delete, no row and no file of the check remains."""
    assert any(media.rglob("*"))

    runner_client.post(reverse("movement:delete", args=[analysed.pk]))

    assert not MovementCheckRecord.objects.exists()
    assert not MovementPicture.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_a_file_that_is_not_a_video_is_refused(runner_client: Client) -> None:
    """A script renamed .mp4 gets a plain error on the field; nothing is stored or queued."""
    fake = SimpleUploadedFile("squat.mp4", b"#!/bin/sh\necho not a video\n" * 40)

    response = runner_client.post(reverse("movement:checks"), {"video": fake, "exercise": "squat"})

    assert "not a video" in response.context["form"].errors["video"][0]
    assert not MovementCheckRecord.objects.exists()


@pytest.mark.django_db
def test_a_video_over_the_limit_is_refused(runner_client: Client, settings) -> None:
    """Above the size limit the upload is refused before anything is stored."""
    settings.MAX_VIDEO_BYTES = 1000

    response = _upload(runner_client, SQUATS)

    assert "the most is" in response.context["form"].errors["video"][0]
    assert not MovementCheckRecord.objects.exists()


@pytest.mark.django_db
def test_the_filming_guide_explains_the_set_up(client: Client) -> None:
    """The guide says hip height, 2–3 m, whole body, five reps, with a picture."""
    page = client.get(reverse("movement:guide")).content.decode()

    assert "hip height" in page
    assert "2 to 3 metres" in page
    assert "whole body" in page.lower()
    assert "filming-guide.svg" in page


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    """The upload page needs a login."""
    response = client.get(reverse("movement:checks"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db(transaction=True)
def test_a_second_run_of_the_same_check_does_nothing(runner_client: Client, analysed) -> None:
    """A retried or duplicated task finds the check taken and stores nothing twice."""
    pictures = MovementPicture.objects.count()

    services.run_check(analysed.pk)

    assert MovementPicture.objects.count() == pictures
