"""A runner with data, and everyone else who might ask for it.

``cast()`` is the runner, their data and the people around them; ``world()`` adds what
the access matrix (``tests/web/test_access_matrix.py``) asks for: the ids its URLs take,
a pending invitation, the private calendar address, a picture, an API token each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from hipfirst.core.exercises import EXERCISES
from hipfirst.core.learn import learn_pages
from hipfirst.core.movement import MovementCheck, MovementReport, movement_as_json
from hipfirst.core.movement_clip import Exercise
from hipfirst.core.movement_quality import Quality
from hipfirst.web.accounts.models import User
from hipfirst.web.api import services as api_services
from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.assessment.models import Assessment
from hipfirst.web.movement.models import MovementCheckRecord, MovementPicture
from hipfirst.web.programme import services as programme_services
from hipfirst.web.programme.models import Plan
from hipfirst.web.sharing import services as sharing_services
from hipfirst.web.sharing.models import ClinicianAccess
from hipfirst.web.training.models import Activity, ImportBatch
from tests.data import SHARED_DATA
from tests.web.assessment.answers import example
from tests.web.factories import make_run, make_runner
from tests.web.programme.builders import started_plan

#: Who asks, as the matrix names them; ``anonymous`` has no account.
ROLES = ("owner", "other", "clinician", "revoked", "anonymous")
PICTURE = SHARED_DATA / "media" / "mmpose-rtmpose-human-pose.jpeg"


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
    token = _invite(runner, clinician.email)
    client = Client()
    client.force_login(clinician)
    client.post(reverse("sharing:accept", args=[token]))


def _invite(runner: User, email: str) -> str:
    """The token of a new invitation, read from the link in its email."""
    sharing_services.invite_clinician(runner, email, site_url="http://testserver/")
    token = re.search(r"/sharing/invitations/([^/\s]+)/", str(mail.outbox[-1].body))
    assert token is not None
    return token.group(1)


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
        runner=runner, token="t" * 32, exercise="squat", status="done", result=_no_reps()
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


def _no_reps() -> dict[str, object]:
    """A finished squat check's report, as the worker stores it, that found no rep."""
    check = MovementCheck(exercise=Exercise.SQUAT)
    report = MovementReport(check, 30.0, 90, (), (), None, None, Quality(()), (), ())
    return movement_as_json(report)


@dataclass
class World:
    """The cast, and every id, token and key the matrix's URLs and bodies take."""

    people: Cast
    today: date
    plan: Plan  # from a clean check newer than the red-flag one, so its sessions can be logged
    ids: dict[str, object]  # by the name of the URL or OpenAPI parameter
    users: dict[str, User]  # each role with an account
    tokens: dict[str, str]  # a personal API token of each of them

    @property
    def runner(self) -> User:
        """The runner whose data everyone asks for."""
        return self.people.runner


def world() -> World:
    """The cast with one more plan, a pending invitation, a calendar address and a picture."""
    people, today = cast(), timezone.localdate()
    runner = people.runner
    plan = started_plan(runner, start=today - timedelta(days=6))
    access = ClinicianAccess.objects.get(
        runner=runner, clinician=people.clinician, revoked_at__isnull=True
    )
    picture = MovementPicture.objects.create(
        movement_check=people.movement,
        number=1,
        image=ContentFile(PICTURE.read_bytes(), name=PICTURE.name),
    )
    feed = programme_services.renew_feed_token(runner, now=timezone.now())
    ids: dict[str, object] = {
        "runner_id": runner.pk,
        "assessment_id": people.assessment.pk,
        "step": "kujala",
        "activity_id": people.run.pk,
        "batch_id": people.batch.pk,
        "plan_id": plan.pk,
        "on": today.isoformat(),
        "session_on": plan.start,  # a past day of the plan, with a session to log
        "check_id": people.movement.pk,
        "number": picture.number,
        "access_id": access.pk,
        "token_id": api_services.create_token(runner, "spare").row.pk,
        "invitation": _invite(runner, "new-physio@example.org"),
        "feed_token": feed.token,
        "wrong_feed_token": "0" * len(str(feed.token)),
        "exercise_id": next(iter(EXERCISES)),
        "slug": learn_pages()[0].slug,
        "uidb64": urlsafe_base64_encode(force_bytes(runner.pk)),
        "reset_token": "not-a-reset-token",  # the runner's reset link, with a wrong token
    }
    users = {
        "owner": runner,
        "other": people.other,
        "clinician": people.clinician,
        "revoked": people.revoked,
    }
    tokens = {role: api_services.create_token(user, "matrix").token for role, user in users.items()}
    return World(people, today, plan, ids, users, tokens)
