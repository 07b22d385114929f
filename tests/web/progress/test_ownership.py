"""Every progress URL needs a login, and shows the logged-in runner's own data only."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from hipfirst.web.accounts.models import User
from hipfirst.web.sharing.models import ClinicianAccess
from tests.web.factories import make_runner
from tests.web.progress.builders import History, runner_with_history

pytestmark = pytest.mark.django_db

URLS = [
    ("get", "progress:dashboard"),
    ("get", "progress:report"),
    ("get", "progress:settings"),
    ("get", "progress:export"),
    ("get", "progress:delete"),
    ("post", "progress:delete"),
]


@pytest.fixture
def mia() -> History:
    return runner_with_history("mia@example.org")


@pytest.mark.parametrize(("method", "name"), URLS)
def test_anonymous_visitors_are_sent_to_log_in(
    client: Client, mia: History, method: str, name: str
) -> None:
    """Without a session every URL redirects to the login page, and nothing is deleted."""
    response = getattr(client, method)(
        reverse(name), {"password": "anything"} if method == "post" else None
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert User.objects.filter(pk=mia.runner.pk).exists()


def test_another_runner_sees_only_their_own_dashboard(client: Client, mia: History) -> None:
    """A second runner with no data sees "not started yet", none of Mia's figures."""
    client.force_login(make_runner("otto@example.org"))

    page = client.get(reverse("progress:dashboard")).content.decode()

    assert page.count("Not started yet.") == 6
    assert "<svg" not in page


def test_another_runners_report_holds_nothing_of_mia(client: Client, mia: History) -> None:
    """The PDF a second runner downloads names them, not Mia, and has no knee check."""
    client.force_login(make_runner("otto@example.org"))

    pdf = client.get(reverse("progress:report")).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    assert "otto@example.org" in text
    assert "mia@example.org" not in text
    assert "Not finished yet" in text


def test_an_invited_clinicians_own_dashboard_does_not_mix_in_the_runner(
    client: Client, mia: History
) -> None:
    """Sharing lets a clinician read Mia's pages; /progress/ is still their own."""
    physio = make_runner("physio@example.org")
    ClinicianAccess.objects.create(runner=mia.runner, clinician=physio)
    client.force_login(physio)

    page = client.get(reverse("progress:dashboard")).content.decode()
    export = client.get(reverse("progress:export"))
    body = export.getvalue()  # a FileResponse: its whole stream

    assert 'id="kujala-table"' not in page
    assert 'id="adherence-table"' not in page
    assert b"mia@example.org" not in body
