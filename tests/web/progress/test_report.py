"""The physio report: a 2–4 page PDF holding the figures, drawn without the network."""

from __future__ import annotations

import io
import socket
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.progress.dashboard import runner_progress
from hipfirst.web.progress.report import (
    REPORT_BASE_URL,
    StaticFilesFetcher,
    physio_report,
    static_name,
)
from hipfirst.web.training import services as training_services
from tests.web.factories import make_run, make_runner
from tests.web.programme.builders import finished_assessment
from tests.web.progress.builders import BETTER_KUJALA, History, runner_with_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def history() -> History:
    return runner_with_history("mia@example.org")


def _text(pdf: bytes) -> tuple[str, int]:
    """The PDF's text with runs of white space as one space, and its page count."""
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def test_the_report_holds_the_kujala_score_a_run_distance_and_the_cadence_target(
    history: History,
) -> None:
    """Read back from the PDF: the latest Kujala, the real run's km and the target."""
    progress = runner_progress(history.runner, viewer=history.runner, now=timezone.now())
    assert progress.cadence.target is not None
    assert history.imported_run.distance_m is not None

    text, pages = _text(
        physio_report(history.runner, viewer=history.runner, now=timezone.now()).pdf
    )

    assert "Kujala score 93 / 100" in text
    assert f"{history.imported_run.distance_m / 1000:.2f} km" in text
    assert f"Target: {progress.cadence.target.target_spm} steps per minute" in text
    assert 2 <= pages <= 4


def test_every_clinical_number_names_its_source(history: History) -> None:
    """The MCID, the pain bands, the ratio's zones and the cadence target cite papers."""
    text, _ = _text(physio_report(history.runner, viewer=history.runner, now=timezone.now()).pdf)

    for source in ("Crossley KM", "Silbernagel", "Gabbett", "Heiderscheit BC", "J Orthop 2023"):
        assert source in text
    assert "../shared/science" not in text


def test_a_long_history_with_red_flags_still_fits_in_four_pages(history: History) -> None:
    """Many scores, runs and pain logs and a referral are summed up, not listed in full."""
    runner, today = history.runner, history.today
    assessment = finished_assessment(runner, "red-flag", on=today)
    for weeks_ago in range(30):
        assessment_services.record_kujala(
            assessment, BETTER_KUJALA, today=today - timedelta(weeks=weeks_ago)
        )
    for days_ago in range(1, 200, 2):
        run = make_run(runner, timezone.now() - timedelta(days=days_ago), 6.0)
        training_services.log_run_pain(run, during=2, after=2, next_morning=days_ago % 4)

    _, pages = _text(physio_report(runner, viewer=runner, now=timezone.now()).pdf)

    assert 2 <= pages <= 4


def test_a_runner_without_data_gets_a_short_report_that_says_so() -> None:
    """No knee check and no runs: the report says so rather than showing zeros."""
    runner = make_runner("new@example.org")

    text, pages = _text(physio_report(runner, viewer=runner, now=timezone.now()).pdf)

    assert "Not finished yet" in text
    assert "No runs imported yet" in text
    assert pages <= 2


def test_the_button_downloads_a_pdf(client: Client, history: History) -> None:
    """The dashboard's report URL answers a PDF attachment."""
    client.force_login(history.runner)

    response = client.get(reverse("progress:report"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="hipfirst-report-')
    assert response.content.startswith(b"%PDF")


def test_drawing_the_report_opens_no_network_connection(
    history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every socket connection refused, the report is still drawn in full."""

    def refuse(*args: object) -> None:
        raise AssertionError("the report tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)

    drawn = physio_report(history.runner, viewer=history.runner, now=timezone.now())

    assert drawn.page_count >= 2


def test_the_fetcher_serves_our_static_files() -> None:
    """The report's stylesheet comes from our static files."""
    response = StaticFilesFetcher().fetch(f"{REPORT_BASE_URL}static/hipfirst/report.css")

    assert b"@page" in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/static/hipfirst/report.css",
        "http://hipfirst.invalid/static/hipfirst/report.css",
        "file:///etc/passwd",
        f"{REPORT_BASE_URL}static/../../settings.py",
        f"{REPORT_BASE_URL}media/imports/1/1/0000.upload",
        f"{REPORT_BASE_URL}static/hipfirst/report.css?x=1",
        "data:text/css,body{}",
    ],
)
def test_the_fetcher_refuses_everything_else(url: str) -> None:
    """Other hosts, other schemes, media and paths out of the static folder are refused."""
    assert static_name(url) is None
    with pytest.raises(ValueError, match="only hipfirst's own static files"):
        StaticFilesFetcher().fetch(url)


def test_a_remote_image_stops_the_drawing() -> None:
    """A template that asked for a file on the internet fails loudly, never fetches it."""
    html = '<p>Hi</p><img src="https://example.org/tracker.png">'

    with pytest.raises(FatalURLFetchingError):
        HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=StaticFilesFetcher()).render()
