"""Logging a session: the plan adapts, each decision shows its reason, adherence counts it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.core.programme_adapt import DecisionKind
from hipfirst.web.programme import schedule, services
from hipfirst.web.programme.models import Plan, SessionRecord
from tests.web.factories import make_runner
from tests.web.programme.builders import session_post, started_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    """A plan that began yesterday, with a session every day."""
    return started_plan(make_runner(), start=timezone.localdate() - timedelta(days=1))


def _log(client: Client, plan: Plan, days_ago: int, **pains: int):
    on = timezone.localdate() - timedelta(days=days_ago)
    url = reverse("programme:session", args=[plan.pk, on])
    return client.post(url, session_post(plan, on, **pains), follow=True)


def test_high_pain_makes_every_exercise_easier_with_its_reason(client: Client, plan: Plan) -> None:
    """Pain of 7/10 during the session regresses each exercise; the page says why."""
    client.force_login(plan.runner)

    page = _log(client, plan, 0, during=7, after=4).content.decode()
    decisions = services.programme(plan).adaptation.decisions

    assert {d.kind for d in decisions} == {DecisionKind.REGRESS}
    assert "What this session changed" in page
    assert "Pain during the session reached 7/10" in page
    assert page.count("Easier from now on") == len(decisions)


def test_the_regression_reaches_the_next_session(client: Client, plan: Plan) -> None:
    """After yesterday's painful session, today's session holds the easier versions."""
    client.force_login(plan.runner)

    _log(client, plan, 1, during=2, after=8)
    adapted = services.programme(plan)
    today = adapted.weeks_plan.session_on(timezone.localdate())

    assert today is not None
    assert [d.after for d in adapted.adaptation.decisions] == list(today.prescriptions)


def test_low_pain_keeps_the_plan_and_says_what_is_missing(client: Client, plan: Plan) -> None:
    """A good session holds the dose and says it counts toward moving up."""
    client.force_login(plan.runner)

    page = _log(client, plan, 0, during=1, after=1, pain_next_morning=1).content.decode()

    assert "Stays the same" in page
    assert "1 of 3 sessions in a row done in full" in page


def test_logging_again_replaces_the_log(client: Client, plan: Plan) -> None:
    """A second save of one session (adding next morning's pain) keeps one record."""
    client.force_login(plan.runner)

    _log(client, plan, 1, during=2, after=2)
    _log(client, plan, 1, during=2, after=2, pain_next_morning=6)
    record = SessionRecord.objects.get(plan=plan)
    session = services.programme(plan).weeks_plan.session_on(record.on)

    assert record.pain_next_morning_0_10 == 6
    assert session is not None
    assert record.exercises.count() == len(session.prescriptions)


def test_a_future_session_cannot_be_logged(client: Client, plan: Plan) -> None:
    """Tomorrow's session is refused with a message, and nothing is stored."""
    client.force_login(plan.runner)

    response = _log(client, plan, -1, during=1, after=1)

    assert response.status_code == 400
    assert "This session is still to come" in response.content.decode()
    assert not SessionRecord.objects.exists()


def test_a_pain_score_above_10_is_an_error_on_its_field(client: Client, plan: Plan) -> None:
    """Pain of 11 is refused on the pain field."""
    client.force_login(plan.runner)

    response = _log(client, plan, 0, during=11, after=1)

    assert response.context["form"].errors["pain_during"]
    assert not SessionRecord.objects.exists()


def test_a_day_without_a_session_is_404(client: Client) -> None:
    """A date outside the plan, or no real date, has no session page."""
    runner = make_runner()
    plan = started_plan(runner, start=timezone.localdate())
    client.force_login(runner)
    before = timezone.localdate() - timedelta(days=1)

    assert client.get(reverse("programme:session", args=[plan.pk, before])).status_code == 404
    assert client.get(f"/programme/plans/{plan.pk}/sessions/2025-02-30/").status_code == 404


def test_adherence_counts_sessions_done_of_those_due(client: Client, plan: Plan) -> None:
    """One of the two sessions due so far logged reads 50%, in the week and overall."""
    client.force_login(plan.runner)

    _log(client, plan, 1, during=1, after=1)
    page = client.get(reverse("programme:plan", args=[plan.pk])).content.decode()

    assert "<strong>1 of 2</strong> (50%)" in page
    assert '<td class="pct">50%</td>' in page


def test_pain_higher_than_last_week_makes_the_exercises_easier(client: Client) -> None:
    """Week 1 at most 2/10, then 4/10 in week 2: the session and plan pages give the reason."""
    plan = started_plan(make_runner(), start=timezone.localdate() - timedelta(days=7))
    client.force_login(plan.runner)
    reason = (
        "Your highest knee pain in week 2 was 4/10, higher than in week 1 (2/10); the "
        "pain-monitoring model asks that pain does not rise from week to week."
    )

    _log(client, plan, 7, during=2, after=1, pain_next_morning=1)
    session_page = _log(client, plan, 0, during=4, after=2).content.decode()
    plan_page = client.get(reverse("programme:plan", args=[plan.pk])).content.decode()
    decisions = schedule.decisions_on(services.programme(plan), timezone.localdate())

    assert {d.kind for d in decisions} == {DecisionKind.REGRESS}
    assert session_page.count(reason) == len(decisions)
    assert session_page.count("Easier from now on") == len(decisions)
    assert reason in plan_page
