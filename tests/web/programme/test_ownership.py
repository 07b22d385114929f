"""Only the owner reaches a plan: anyone else gets a 404, anonymous visitors the login page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.web.programme.models import Plan, SessionRecord
from tests.web.factories import make_runner
from tests.web.programme.builders import session_post, started_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    """A plan of one runner with a session today."""
    return started_plan(make_runner("owner@example.org"), start=timezone.localdate())


def _owned_urls(plan: Plan) -> list[tuple[str, str]]:
    today = timezone.localdate()
    return [
        ("get", reverse("programme:plan", args=[plan.pk])),
        ("get", reverse("programme:session", args=[plan.pk, today])),
        ("post", reverse("programme:session", args=[plan.pk, today])),
        ("get", reverse("programme:plan_ics", args=[plan.pk])),
    ]


def _every_url(plan: Plan) -> list[tuple[str, str]]:
    return [
        *_owned_urls(plan),
        ("get", reverse("programme:home")),
        ("get", reverse("programme:start")),
        ("post", reverse("programme:start")),
        ("get", reverse("programme:exercise", args=["clam"])),
        ("get", reverse("programme:primer")),
        ("get", reverse("programme:calendar")),
        ("post", reverse("programme:calendar_renew")),
        ("post", reverse("programme:calendar_revoke")),
    ]


def test_the_owner_reaches_every_page_of_their_plan(client: Client, plan: Plan) -> None:
    """The owner gets each page of their own plan (200)."""
    client.force_login(plan.runner)

    statuses = [client.get(url).status_code for method, url in _owned_urls(plan) if method == "get"]

    assert statuses == [200, 200, 200]


def test_another_runner_gets_404_everywhere(client: Client, plan: Plan) -> None:
    """A second runner gets 404 on every page and post of the plan, and logs nothing."""
    client.force_login(make_runner("other@example.org"))
    today = timezone.localdate()

    statuses = [getattr(client, method)(url).status_code for method, url in _owned_urls(plan)]
    posted = client.post(
        reverse("programme:session", args=[plan.pk, today]),
        session_post(plan, today, during=1, after=1),
    )

    assert set(statuses) == {404}
    assert posted.status_code == 404
    assert not SessionRecord.objects.exists()


def test_another_runners_plan_page_leads_to_their_own_start(client: Client, plan: Plan) -> None:
    """The plan link of a runner without a plan goes to their own start page."""
    client.force_login(make_runner("other@example.org"))

    response = client.get(reverse("programme:home"))

    assert response["Location"] == reverse("programme:start")


def test_anonymous_visitors_are_sent_to_log_in(client: Client, plan: Plan) -> None:
    """Without a session every programme URL but the private calendar redirects to log in."""
    responses = [getattr(client, method)(url) for method, url in _every_url(plan)]

    assert {r.status_code for r in responses} == {302}
    assert all(r["Location"].startswith(reverse("accounts:login")) for r in responses)


def test_deleting_the_account_deletes_the_plan_and_its_logs(client: Client, plan: Plan) -> None:
    """A runner's plan and logs go with their account; the linked knee check does not block it."""
    client.force_login(plan.runner)
    today = timezone.localdate()
    client.post(
        reverse("programme:session", args=[plan.pk, today]),
        session_post(plan, today, during=1, after=1),
    )

    plan.runner.delete()

    assert not Plan.objects.exists()
    assert not SessionRecord.objects.exists()
