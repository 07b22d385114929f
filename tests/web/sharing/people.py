"""A runner with data, and everyone else who might ask for it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.web.accounts.models import User
from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.assessment.models import Assessment
from hipfirst.web.movement.models import MovementCheckRecord
from hipfirst.web.programme.models import Plan
from hipfirst.web.sharing import services as sharing_services
from hipfirst.web.training.models import Activity, ImportBatch
from tests.web.assessment.answers import example
from tests.web.factories import make_run, make_runner
from tests.web.programme.builders import started_plan


@dataclass
class Cast:
    runner: User
    assessment: Assessment
    run: Activity
    batch: ImportBatch
    plan: Plan
    movement: MovementCheckRecord
    clinician: User
    revoked: User
    other: User


def invite_and_accept(runner: User, clinician: User) -> None:
    """The real flow: an emailed link, opened and accepted by the logged-in clinician."""
    sharing_services.invite_clinician(runner, clinician.email, site_url="http://testserver/")
    token = re.search(r"/sharing/invitations/([^/\s]+)/", str(mail.outbox[-1].body))
    assert token is not None
    client = Client()
    client.force_login(clinician)
    client.post(reverse("sharing:accept", args=[token.group(1)]))


def cast() -> Cast:
    runner = make_runner("runner@example.org")
    today = timezone.localdate()
    plan = started_plan(runner, start=today - timedelta(days=7))  # from an older, clean check
    assessment = assessment_services.start_assessment(runner)
    document = example("red-flag")
    for section in ("profile", "red_flags", "symptoms", "pain"):
        assessment_services.save_section(assessment, section, document[section])
    assessment_services.record_kujala(assessment, document["kujala"], today=timezone.localdate())
    run = make_run(runner, timezone.now() - timedelta(days=1), 8.0)
    movement = MovementCheckRecord.objects.create(
        runner=runner, token="t" * 32, exercise="squat", status="done", result={"reps": []}
    )
    batch = ImportBatch.objects.create(
        runner=runner, status="done", result={"imported": [], "skipped": [], "duplicates": []}
    )
    clinician, revoked = make_runner("physio@example.org"), make_runner("former@example.org")
    invite_and_accept(runner, clinician)
    invite_and_accept(runner, revoked)
    access = revoked.runner_access.get()
    sharing_services.revoke_access(runner, access.pk)
    return Cast(
        runner,
        assessment,
        run,
        batch,
        plan,
        movement,
        clinician,
        revoked,
        make_runner("other@example.org"),
    )


def read_urls(c: Cast) -> list[str]:
    """Every URL that shows this runner's data."""
    return [
        reverse("assessment:results", args=[c.assessment.pk]),
        reverse("training:run", args=[c.run.pk]),
        reverse("training:batch", args=[c.batch.pk]),
        reverse("training:batch_progress", args=[c.batch.pk]),
        reverse("sharing:runner", args=[c.runner.pk]),
        reverse("programme:plan", args=[c.plan.pk]),
        reverse("programme:session", args=[c.plan.pk, c.plan.start]),
        reverse("programme:plan_ics", args=[c.plan.pk]),
        reverse("movement:check", args=[c.movement.pk]),
        reverse("movement:progress", args=[c.movement.pk]),
    ]


def write_requests(c: Cast) -> list[tuple[str, str, dict[str, str]]]:
    """Every request that changes this runner's data: (method, URL, data)."""
    return [
        ("get", reverse("assessment:step", args=[c.assessment.pk, "profile"]), {}),
        ("post", reverse("assessment:step", args=[c.assessment.pk, "kujala"]), {}),
        ("post", reverse("assessment:clearance", args=[c.assessment.pk]), {"confirm": "on"}),
        ("post", reverse("training:run", args=[c.run.pk]), {"during_0_10": "9"}),
        (
            "post",
            reverse("programme:session", args=[c.plan.pk, c.plan.start]),
            {"pain_during": "9"},
        ),
    ]
