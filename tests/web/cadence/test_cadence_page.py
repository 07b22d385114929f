"""The cadence page: measured cadence, target, counts, the track, and who sees what."""

from __future__ import annotations

import io
import wave
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.web.cadence.models import CountedCadence
from tests.data import SHARED_DATA
from tests.web.factories import make_run, make_runner
from tests.web.training.uploads import as_upload, upload_and_import

RUN_FIT = SHARED_DATA / "fit" / "runalyze-FR735XT-with-performance-condition.fit"


@pytest.fixture
def runner_client(client: Client) -> Client:
    client.force_login(make_runner("rae@example.org"))
    return client


@pytest.mark.django_db(transaction=True)
def test_an_imported_run_gives_the_easy_cadence_and_a_target(runner_client: Client) -> None:
    """The FR735XT run reads about 164 spm; the first target is 5% more, rounded up."""
    upload_and_import(runner_client, [as_upload(RUN_FIT)])

    response = runner_client.get(reverse("cadence:page"))
    measured = response.context["measured"]

    assert measured.easy_run_spm == pytest.approx(164, abs=1.5)
    assert measured.target.target_spm == pytest.approx(measured.easy_run_spm * 1.05, abs=1)
    assert 'id="cadence-plan"' in response.content.decode()
    assert "up to 20%" not in response.content.decode()  # the seed's claim, unsupported


@pytest.mark.django_db
def test_without_runs_the_page_explains_how_to_measure(runner_client: Client) -> None:
    """No runs and no counts: how to count, no made-up number."""
    response = runner_client.get(reverse("cadence:page"))

    assert response.context["measured"].easy_run_spm is None
    assert "count your steps for 30 seconds" in response.content.decode()


@pytest.mark.django_db
def test_a_counted_cadence_is_saved_and_used(runner_client: Client) -> None:
    """84 steps in 30 s is 168 steps per minute, then a target."""
    runner_client.post(reverse("cadence:page"), {"steps_in_30_s": "84"})

    measured = runner_client.get(reverse("cadence:page")).context["measured"]

    assert CountedCadence.objects.get().steps_in_30_s == 84
    assert measured.easy_run_spm == 168


@pytest.mark.django_db
def test_an_impossible_count_is_refused_on_its_field(runner_client: Client) -> None:
    """20 steps in 30 s is not running: the error sits on the field and nothing is saved."""
    response = runner_client.post(reverse("cadence:page"), {"steps_in_30_s": "20"})

    assert "steps_in_30_s" in response.context["form"].errors
    assert not CountedCadence.objects.exists()


@pytest.mark.django_db
def test_the_track_is_a_wav_of_the_asked_length(runner_client: Client) -> None:
    """Two minutes at 172 spm download as a two-minute WAV."""
    response = runner_client.get(reverse("cadence:track"), {"spm": 172, "minutes": 2})

    with wave.open(io.BytesIO(response.content)) as audio:
        seconds = audio.getnframes() / audio.getframerate()

    assert response["Content-Type"] == "audio/wav"
    assert "attachment" in response["Content-Disposition"]
    assert seconds == pytest.approx(120, abs=0.5)


@pytest.mark.django_db
def test_a_track_over_an_hour_is_refused(runner_client: Client) -> None:
    """61 minutes re-renders the page with the error on the length, and no audio."""
    response = runner_client.get(reverse("cadence:track"), {"spm": 172, "minutes": 61})

    assert response.status_code == 400
    assert "minutes" in response.context["track_form"].errors


@pytest.mark.django_db
def test_another_runners_counts_are_not_shown(runner_client: Client) -> None:
    """A count saved by someone else does not become this runner's cadence."""
    other = Client()
    other.force_login(make_runner("other@example.org"))
    other.post(reverse("cadence:page"), {"steps_in_30_s": "84"})

    assert runner_client.get(reverse("cadence:page")).context["measured"].easy_run_spm is None


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    """The page and the track need a login."""
    responses = [client.get(reverse("cadence:page")), client.get(reverse("cadence:track"))]

    assert all(r.status_code == 302 and "/accounts/login/" in r["Location"] for r in responses)


@pytest.mark.django_db
def test_a_run_without_records_is_left_out_not_an_error(runner_client: Client) -> None:
    """A stored run with no per-record series (no cadence readings) does not break the page."""
    runner = make_runner("plain@example.org")
    make_run(runner, timezone.now() - timedelta(days=1), 5.0)
    runner_client.force_login(runner)

    response = runner_client.get(reverse("cadence:page"))

    assert response.status_code == 200
    assert response.context["measured"].easy_run_spm is None
