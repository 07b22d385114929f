"""The plan as a calendar: a download, and a private address that needs no login."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from hipfirst.core.programme_rules import Weekday
from hipfirst.web.programme import services
from hipfirst.web.programme.models import CalendarFeed, Plan
from tests.web.factories import make_runner
from tests.web.programme.builders import finished_assessment, session_post, started_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    """A plan of one runner, three sessions a week, that began six days ago."""
    days = frozenset({Weekday.MON, Weekday.WED, Weekday.FRI})
    return started_plan(make_runner(), start=timezone.localdate() - timedelta(days=6), days=days)


def _uids(ics: bytes) -> list[str]:
    return [str(event.uid) for event in Calendar.from_ical(ics).events]


def _feed_url(client: Client, plan: Plan) -> str:
    client.force_login(plan.runner)
    client.post(reverse("programme:calendar_renew"))
    client.logout()
    token = CalendarFeed.objects.get(runner=plan.runner).token
    return reverse("programme:feed", args=[token])


def test_the_download_has_one_event_per_session(client: Client, plan: Plan) -> None:
    """36 sessions over 12 weeks give 36 all-day events with distinct uids."""
    client.force_login(plan.runner)

    response = client.get(reverse("programme:plan_ics", args=[plan.pk]))
    uids = _uids(response.content)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert len(uids) == len(set(uids)) == 36


def test_a_second_download_keeps_the_uids(client: Client, plan: Plan) -> None:
    """Downloading again, even after the plan adapted, gives the same event ids."""
    client.force_login(plan.runner)
    url = reverse("programme:plan_ics", args=[plan.pk])
    first = client.get(url).content
    day = services.programme(plan).weeks_plan.sessions[0].on  # in the past week

    client.post(
        reverse("programme:session", args=[plan.pk, day]),
        session_post(plan, day, during=8, after=8),
    )
    second = client.get(url).content

    assert first != second  # the adapted sessions read differently
    assert _uids(second) == _uids(first)


def test_the_private_address_works_without_a_login(client: Client, plan: Plan) -> None:
    """The feed with its token answers a client that never logged in."""
    url = _feed_url(client, plan)

    response = client.get(url)

    assert response.status_code == 200
    assert len(_uids(response.content)) == 36


def test_a_wrong_token_is_404(client: Client, plan: Plan) -> None:
    """A made-up token, or another runner's old one, finds no calendar."""
    _feed_url(client, plan)

    response = client.get(reverse("programme:feed", args=["not-the-token"]))

    assert response.status_code == 404


def test_a_new_address_retires_the_old_one_and_keeps_the_uids(client: Client, plan: Plan) -> None:
    """After renewal the old address is 404 and the new one serves the same events."""
    old = _feed_url(client, plan)
    before = _uids(client.get(old).content)

    new = _feed_url(client, plan)

    assert new != old
    assert client.get(old).status_code == 404
    assert _uids(client.get(new).content) == before


def test_turning_the_address_off_stops_it(client: Client, plan: Plan) -> None:
    """A revoked address is 404."""
    url = _feed_url(client, plan)
    client.force_login(plan.runner)

    client.post(reverse("programme:calendar_revoke"))

    assert client.get(url).status_code == 404


def test_the_address_is_shown_only_to_its_runner(client: Client, plan: Plan) -> None:
    """Another runner's calendar page does not show the owner's address."""
    url = _feed_url(client, plan)
    client.force_login(make_runner("other@example.org"))

    page = client.get(reverse("programme:calendar")).content.decode()

    assert url not in page
    assert "Make my private address" in page


def test_a_paused_plan_leaves_the_feed_empty(client: Client, plan: Plan) -> None:
    """While a newer knee check has a red flag open, the feed has no sessions."""
    url = _feed_url(client, plan)

    finished_assessment(plan.runner, "red-flag", on=timezone.localdate())

    assert _uids(client.get(url).content) == []
