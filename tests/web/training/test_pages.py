"""The training list and a run's page, and who may see them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hipfirst.web.training.models import Activity, ImportBatch
from tests.data import SHARED_DATA
from tests.web.factories import make_runner
from tests.web.training.uploads import as_upload, upload_and_import

pytestmark = pytest.mark.django_db(transaction=True)

RUN_FIT = SHARED_DATA / "fit" / "runalyze-FR735XT-with-performance-condition.fit"
RIDE_FIT = SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-bike.fit"


@pytest.fixture
def owner_client(client: Client) -> Client:
    client.force_login(make_runner("owner@example.org"))
    upload_and_import(client, [as_upload(RUN_FIT), as_upload(RIDE_FIT)])
    return client


def test_the_list_shows_runs_and_counts_other_activities(owner_client: Client) -> None:
    """The run is listed with its distance and cadence; the ride is only counted."""
    response = owner_client.get(reverse("training:runs"))
    page = response.content.decode()

    assert list(response.context["page"].object_list) == list(
        Activity.objects.filter(is_running=True)
    )
    assert "steps/min" in page
    assert "10.19" in page  # the FR735XT run, in km
    assert "1 other activity" in page


def test_a_run_page_has_charts_and_a_table_of_splits(owner_client: Client) -> None:
    """Pace, heart rate and cadence charts, with the kilometre table as their text form."""
    run = Activity.objects.get(is_running=True)

    response = owner_client.get(reverse("training:run", args=[run.pk]))
    page = response.content.decode()

    assert [chart.title for chart in response.context["charts"]] == [
        "Pace",
        "Heart rate",
        "Cadence",
    ]
    assert page.count("<polyline") == 3
    assert len(response.context["splits"]) >= 1
    assert "Each kilometre" in page


def test_another_runner_gets_404_on_runs_and_batches(owner_client: Client) -> None:
    """A second runner reaches none of the owner's activities or imports."""
    run, batch = Activity.objects.get(is_running=True), ImportBatch.objects.get()
    other = Client()
    other.force_login(make_runner("other@example.org"))

    statuses = [
        other.get(reverse("training:run", args=[run.pk])).status_code,
        other.get(reverse("training:batch", args=[batch.pk])).status_code,
        other.get(reverse("training:batch_progress", args=[batch.pk])).status_code,
    ]

    assert statuses == [404, 404, 404]
    assert list(other.get(reverse("training:runs")).context["page"].object_list) == []


def test_anonymous_visitors_are_sent_to_log_in(owner_client: Client) -> None:
    """Every training URL asks an anonymous visitor to log in."""
    run, batch = Activity.objects.get(is_running=True), ImportBatch.objects.get()
    urls = [
        reverse("training:runs"),
        reverse("training:upload"),
        reverse("training:run", args=[run.pk]),
        reverse("training:batch", args=[batch.pk]),
        reverse("training:batch_progress", args=[batch.pk]),
    ]

    responses = [Client().get(url) for url in urls]

    assert all(r.status_code == 302 and "/accounts/login/" in r["Location"] for r in responses)
