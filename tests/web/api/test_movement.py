"""Movement-check results through the API: a real clip, analysed by the real worker."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from hipfirst.web.api.management.commands.write_openapi import SCHEMA_FILE
from hipfirst.web.movement import services
from hipfirst.web.movement.models import MovementCheckRecord
from tests.data import SHARED_DATA
from tests.web.api.people import bearer
from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db(transaction=True)  # the analysis is queued on commit

SQUATS = SHARED_DATA / "media" / "tfjs-models-pose_squats.mp4"


@pytest.fixture
def analysed(tmp_path: Path) -> Iterator[MovementCheckRecord]:
    """The two-leg squat clip, uploaded and analysed by the worker."""
    with override_settings(MEDIA_ROOT=tmp_path):
        video = SimpleUploadedFile(SQUATS.name, SQUATS.read_bytes(), content_type="video/mp4")
        services.create_check(make_runner("moa@example.org"), video, exercise="squat", side="")
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
        yield MovementCheckRecord.objects.get()


def _conforms(body: object, schema_name: str) -> None:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    ref = {"$ref": f"#/components/schemas/{schema_name}", "components": schema["components"]}
    jsonschema.validate(body, ref, cls=jsonschema.Draft202012Validator)


def test_a_finished_check_answers_what_hipfirst_movement_prints(
    analysed: MovementCheckRecord,
) -> None:
    """The result is the stored movement_as_json, with its pictures, in the schema."""
    client = bearer(analysed.runner)

    body = client.get(f"/api/v1/movement/checks/{analysed.pk}").json()

    assert analysed.status == "done", analysed.result
    assert body["result"] == analysed.result
    assert len(body["pictures"]) == analysed.pictures.count() > 0
    _conforms(body, "MovementCheckOut")


def test_the_list_leaves_the_results_to_each_check(analysed: MovementCheckRecord) -> None:
    """The list shows status and progress; the result is on the check's own endpoint."""
    (listed,) = bearer(analysed.runner).get("/api/v1/movement/checks").json()

    assert listed["id"] == analysed.pk
    assert listed["is_finished"] is True
    assert listed["result"] is None


def test_another_runner_gets_404_for_the_check(analysed: MovementCheckRecord) -> None:
    """Nobody else sees it, and their own list stays empty."""
    other = bearer(make_runner("other@example.org"))

    assert other.get(f"/api/v1/movement/checks/{analysed.pk}").status_code == 404
    assert other.get("/api/v1/movement/checks").json() == []


def test_a_video_that_cannot_be_read_fails_with_a_plain_error(tmp_path: Path) -> None:
    """Not a video: status failed, and the error says so in words."""
    with override_settings(MEDIA_ROOT=tmp_path):
        runner = make_runner()
        fake = SimpleUploadedFile("clip.mp4", b"not a video at all", content_type="video/mp4")
        check = services.create_check(runner, fake, exercise="squat", side="left")
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

        body = bearer(runner).get(f"/api/v1/movement/checks/{check.pk}").json()

    assert body["status"] == "failed"
    assert body["error"]
    assert body["result"] is None
