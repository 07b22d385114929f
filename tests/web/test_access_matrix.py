"""Who gets what from every page and API operation: one table, everyone who might ask.

The rule (issue 12): a runner's data is reached by the runner and by a clinician they
invited, who reads it and changes nothing (a write answers 404); another runner and a
clinician whose access was revoked get 404, never 403, so nothing tells them it exists;
without a login a page sends to the login page and the API answers 401. Pages about the
caller's own account answer each person their own; public pages answer everyone. A page
that only shows something refuses a POST (405) to whoever gets past the login.

``ROWS`` has a GET and a POST row for each URL name of the site and a row for each API
operation; the API is asked with a personal token and with the session. The two
coverage tests walk the URL resolver and the OpenAPI schema, so a new page or endpoint
fails until it has its rows. Beyond its status, each request by anyone but the runner
changes none of the runner's rows (every table of ``progress.belongings``) unless the
row says that person may, a clinician's HTML page of runner data says it is read-only
(``id="read-only"``), and an API error has the API's error shape.

The people and their data (``sharing/people.py``) are built once for the module; each
test runs in a savepoint rolled back after it, as with Django's ``TestCase.setUpTestData``.
The matrix's words (``Row``, ``reads``, ``writes``, ...) are ``sharing/matrix.py``; what
the lists about one's own account hold is ``sharing/test_shared_lists.py``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from hipfirst.web.accounts.models import User
from hipfirst.web.movement.models import MovementPicture
from hipfirst.web.progress.belongings import owned_tables
from tests.data import SHARED_DATA
from tests.web.api.people import full_log
from tests.web.assessment.answers import example, step_posts
from tests.web.factories import PASSWORD
from tests.web.programme.builders import finished_assessment, session_post
from tests.web.routes import routes
from tests.web.sharing.matrix import (
    DELETE,
    GET,
    MODES,
    POST,
    PUT,
    Row,
    RowsQuery,
    RunnerRows,
    api,
    api_operations,
    both,
    client_for,
    each,
    error_keys,
    outcome,
    page,
    public,
    read,
    reads,
    runner_rows,
    send,
    shows,
    writes,
)
from tests.web.sharing.people import PICTURE, ROLES, World, world
from tests.web.training.uploads import as_upload

pytestmark = pytest.mark.django_db

GPX = SHARED_DATA / "gpx" / "ggps-dav_track_5k.gpx"
VIDEO = SHARED_DATA / "media" / "pose2sim-static-cam03.mp4"


def _clean_check(user: User) -> object:
    """A finished knee check with no warning sign, so the caller may start a plan."""
    return finished_assessment(user, on=timezone.localdate())


def _video(w: World) -> dict[str, Any]:  # Any: form fields
    """A real clip to upload; the worker that would analyse it does not run here."""
    clip = SimpleUploadedFile(VIDEO.name, VIDEO.read_bytes(), content_type="video/mp4")
    return {"video": clip, "exercise": "squat"}


SHOE_ANSWERS = "knee_collapse=yes&overpronation=mild&cadence_goal=no&foot_strike=heel"
SIGNUP = {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD}
NEW_PASSWORD = {"new_password1": "a-new-knee-42-x", "new_password2": "a-new-knee-42-x"}
NOTE = {"text": "Keep the clamshells slow."}
#: A clinician's account holds rows of the runner's (the access, notes): deleting it may.
CLINICIANS = frozenset({"clinician", "revoked"})
#: An invitation link is the key: whoever opens it becomes the runner's clinician.
ANYONE_BUT_THE_RUNNER = frozenset(ROLES) - {"owner"}

PAGES: tuple[Row, ...] = (
    *shows("home", public(200)),
    page("accounts:signup", GET, each(302, anonymous=200)),
    page("accounts:signup", POST, public(302), body=lambda w: SIGNUP),
    page("accounts:login", GET, each(302, anonymous=200)),
    page(
        "accounts:login",
        POST,
        public(302),
        body=lambda w: {"username": w.runner.email, "password": PASSWORD},
        touches=frozenset({"anonymous"}),  # with the runner's password: the runner, logging in
    ),
    page("accounts:logout", GET, public(405)),
    page("accounts:logout", POST, public(302)),
    page("accounts:password_reset", GET, public(200)),
    page("accounts:password_reset", POST, public(302), body=lambda w: {"email": w.runner.email}),
    page("accounts:password_reset_done", GET, public(200)),
    page("accounts:password_reset_done", POST, public(405)),
    page("accounts:password_reset_confirm", GET, public(200), "uidb64", "reset_token"),
    page(  # a wrong token: the "invalid link" page, and no password changes
        "accounts:password_reset_confirm",
        POST,
        public(200),
        "uidb64",
        "reset_token",
        body=lambda w: NEW_PASSWORD,
    ),
    page("accounts:password_reset_complete", GET, public(200)),
    page("accounts:password_reset_complete", POST, public(405)),
    *shows("assessment:list", each(200)),
    page("assessment:start", GET, each(405)),
    page("assessment:start", POST, each(302)),
    *shows("assessment:results", reads(), "assessment_id"),
    page("assessment:clearance", GET, each(405), "assessment_id"),
    page(
        "assessment:clearance",
        POST,
        writes(302),
        "assessment_id",
        body=lambda w: {"confirm": "on"},
    ),
    page("assessment:step", GET, writes(200), "assessment_id", "step"),
    page(
        "assessment:step",
        POST,
        writes(302),
        "assessment_id",
        "step",
        body=lambda w: step_posts(example("clean"))["kujala"],
    ),
    *shows("training:runs", each(200)),
    *shows("training:load", each(200)),
    page("training:upload", GET, each(200)),
    page("training:upload", POST, each(302), body=lambda w: {"training_files": [as_upload(GPX)]}),
    *shows("training:batch", reads(), "batch_id"),
    *shows("training:batch_progress", reads(), "batch_id"),
    page("training:run", GET, reads(), "activity_id"),
    page("training:run", POST, writes(302), "activity_id", body=lambda w: {"during_0_10": "9"}),
    page("cadence:page", GET, each(200)),
    page("cadence:page", POST, each(302), body=lambda w: {"steps_in_30_s": "84"}),
    *shows("cadence:track", each(200), query="spm=170&minutes=1"),
    page("sharing:home", GET, each(200)),
    page("sharing:home", POST, each(302), body=lambda w: {"email": "new@example.org"}),
    page("sharing:revoke", GET, each(405), "access_id"),
    page("sharing:revoke", POST, writes(302), "access_id"),
    page("sharing:accept", GET, public(200), "invitation"),
    page(
        "sharing:accept",
        POST,
        public(302) | {"owner": 410},  # nobody accepts their own invitation
        "invitation",
        body=lambda w: {"email": "new-physio@example.org", "password": PASSWORD},
        touches=ANYONE_BUT_THE_RUNNER,
    ),
    *shows("sharing:runner", reads(), "runner_id"),
    page("sharing:note", GET, each(405), "runner_id"),
    page(
        "sharing:note",
        POST,
        reads(302) | {"owner": 404},  # a clinician's note to the runner
        "runner_id",
        body=lambda w: NOTE,
        touches=frozenset({"clinician"}),
    ),
    page("movement:checks", GET, each(200)),
    page("movement:checks", POST, each(302), body=_video),
    *shows("movement:guide", public(200)),
    *shows("movement:check", reads(), "check_id"),
    *shows("movement:progress", reads(), "check_id"),
    *shows("movement:picture", reads(), "check_id", "number"),
    page("movement:delete", GET, each(405), "check_id"),
    page("movement:delete", POST, writes(302), "check_id"),
    *shows("programme:home", each(302)),
    page("programme:start", GET, each(200), prepare=_clean_check),
    page(
        "programme:start",
        POST,
        each(302),
        body=lambda w: {"start": w.today.isoformat(), "days": ["mon", "thu"]},
        prepare=_clean_check,
    ),
    *shows("programme:plan", reads(), "plan_id"),
    page("programme:session", GET, reads(), "plan_id", "session_on"),
    page(
        "programme:session",
        POST,
        writes(302),
        "plan_id",
        "session_on",
        body=lambda w: session_post(w.plan, w.plan.start, during=2, after=2),
    ),
    *shows("programme:plan_ics", reads(), "plan_id"),
    *shows("programme:exercise", each(200), "exercise_id"),
    *shows("programme:primer", each(200)),
    *shows("programme:calendar", each(200)),
    page("programme:calendar_renew", GET, each(405)),
    page("programme:calendar_renew", POST, each(302)),
    page("programme:calendar_revoke", GET, each(405)),
    page("programme:calendar_revoke", POST, each(302)),
    page("programme:feed", GET, public(200), "feed_token"),  # the address is the key
    page("programme:feed", GET, public(404), "wrong_feed_token", label="a wrong token"),
    page("programme:feed", POST, public(405), "feed_token"),
    *shows("learn:index", public(200)),
    *shows("learn:shoes", public(200)),
    *shows("learn:shoe_results", public(200), query=SHOE_ANSWERS),
    *shows("learn:page", public(200), "slug"),
    *shows("progress:dashboard", each(200)),
    *shows("progress:report", each(200)),
    *shows("progress:settings", each(200)),
    *shows("progress:export", each(200)),
    page("progress:delete", GET, each(200)),
    page(
        "progress:delete",
        POST,
        each(302),  # each deletes their own account
        body=lambda w: {"password": PASSWORD},
        touches=CLINICIANS,
    ),
    page("api:tokens", GET, each(200)),
    page("api:tokens", POST, each(201), body=lambda w: {"name": "laptop"}),
    page("api:revoke_token", GET, each(405), "token_id"),
    page("api:revoke_token", POST, writes(302), "token_id"),
    *shows("api:v1:openapi-json", public(200)),
    *shows("api:v1:openapi-view", public(200)),
    *both("api:v1:api-root", public(404)),
    *(  # any other address under /api/v1/: a JSON 404, to everyone
        Row("api:^v1/", method, public(404), lambda w: "/api/v1/no-such-endpoint")
        for method in (GET, POST)
    ),
)

RUNNER = "runner_id={runner_id}"
API: tuple[Row, ...] = (
    api(GET, "/api/v1/me", each(200)),
    api(GET, "/api/v1/tokens", each(200)),
    api(POST, "/api/v1/tokens", each(201), body=lambda w: {"name": "cli"}, is_session_only=True),
    api(DELETE, "/api/v1/tokens/{token_id}", writes(204)),
    api(GET, "/api/v1/assessments", reads(), query=RUNNER),
    api(POST, "/api/v1/assessments", each(201), body=lambda w: example("clean")),
    api(GET, "/api/v1/assessments/{assessment_id}", reads()),
    api(
        POST,
        "/api/v1/assessments/{assessment_id}/kujala",
        writes(201),
        body=lambda w: {"kujala": example("clean")["kujala"]},
    ),
    api(GET, "/api/v1/activities", reads(), query=RUNNER),
    api(GET, "/api/v1/activities/{activity_id}", reads()),
    api(
        PUT, "/api/v1/activities/{activity_id}/pain", writes(200), body=lambda w: {"during_0_10": 4}
    ),
    api(GET, "/api/v1/activities/imports", reads(), query=RUNNER),
    api(
        POST,
        "/api/v1/activities/imports",
        each(202),
        body=lambda w: {"files": [as_upload(GPX)]},
        is_multipart=True,
    ),
    api(GET, "/api/v1/activities/imports/{batch_id}", reads()),
    api(GET, "/api/v1/load", reads(), query=RUNNER),
    api(GET, "/api/v1/cadence", reads(), query=RUNNER),
    api(POST, "/api/v1/cadence/counts", each(201), body=lambda w: {"steps_in_30_s": 84}),
    api(GET, "/api/v1/sharing/clinicians", each(200)),
    api(
        POST, "/api/v1/sharing/invitations", each(201), body=lambda w: {"email": "new@example.org"}
    ),
    api(DELETE, "/api/v1/sharing/clinicians/{access_id}", writes(204)),
    api(GET, "/api/v1/runners", each(200)),
    api(GET, "/api/v1/runners/{runner_id}", reads()),
    api(GET, "/api/v1/programme/plan", reads(), query=RUNNER),
    api(GET, "/api/v1/programme/plans/{plan_id}", reads()),
    api(
        POST,
        "/api/v1/programme/plans",
        each(201),
        body=lambda w: {"start": w.today.isoformat(), "days": ["mon", "thu"]},
        prepare=_clean_check,
    ),
    api(
        PUT,
        "/api/v1/programme/plans/{plan_id}/sessions/{on}",
        writes(200),
        body=lambda w: full_log(w.plan, w.today),
    ),
    api(GET, "/api/v1/movement/checks", reads(), query=RUNNER),
    api(GET, "/api/v1/movement/checks/{check_id}", reads()),
)

ROWS = PAGES + API
CASES = [
    pytest.param(row, role, mode, id=f"{row.id} {role}" + (f" {mode}" if row.is_api else ""))
    for row in ROWS
    for role in ROLES
    for mode in (MODES if row.is_api else ("session",))
]


@dataclass(frozen=True)
class Before:
    """The world as every test starts from it, and the runner's rows then."""

    world: World
    queries: tuple[RowsQuery, ...]  # one a table that holds rows of the runner's
    rows: RunnerRows


@pytest.fixture(scope="module")
def before(
    django_db_setup: None,
    django_db_blocker: Any,  # Any: pytest-django's blocker has no public type
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Before]:
    """The people and their data, once for the module, rolled back after its last test."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        built = world()
        queries = tuple(RowsQuery.of(table) for table in owned_tables(built.runner))
        yield Before(built, queries, runner_rows(queries))
        transaction.set_rollback(True)


@pytest.fixture
def shared(before: Before, db: None) -> World:
    """This test's copy of the world, in a savepoint; the picture back if a test deleted it."""
    image = MovementPicture.objects.get(movement_check=before.world.people.movement).image
    if not image.storage.exists(str(image.name)):
        image.storage.save(str(image.name), ContentFile(PICTURE.read_bytes()))
    return copy.deepcopy(before.world)


@pytest.mark.parametrize(("row", "role", "mode"), CASES)
def test_each_person_gets_what_their_access_allows(
    shared: World, before: Before, row: Row, role: str, mode: str
) -> None:
    """The row's answer; only the runner (or whom the row names) changes the runner's rows;
    their clinician's pages say read-only; a refusal names nobody; API errors have one shape."""
    user = shared.users.get(role)
    if row.prepare is not None and user is not None:
        row.prepare(user)
    may_change = role == "owner" or role in row.touches
    response = send(client_for(shared, role, mode), row, shared)
    body = read(response)
    is_api_error = row.is_api and response.status_code >= 400

    assert outcome(response) == row.expected(role, mode), body[:300]
    assert may_change or runner_rows(before.queries) == before.rows
    assert 'id="read-only"' in body or not row.shows_shared_data(role, response)
    assert response.status_code < 400 or shared.runner.email not in body
    assert not is_api_error or error_keys(body) == ({"error"}, {"code", "field", "message"})


def test_the_matrix_covers_every_page_with_get_and_post() -> None:
    """A new URL fails here until it has its GET and POST rows; a row of no URL fails too."""
    operations = {f"api:v1:{operation}" for operation in api_operations().values()}
    names = {route.name for route in routes()} - operations
    covered = {(row.name, row.method) for row in PAGES}
    missing = [
        f"{method} {name}"
        for name in sorted(names)
        for method in (GET, POST)
        if (name, method) not in covered
    ]

    assert missing == []
    assert sorted({name for name, _ in covered} - names) == []


def test_the_matrix_covers_every_api_operation() -> None:
    """A new endpoint fails here until it has its row; a row of no endpoint fails too."""
    operations = set(api_operations())
    covered = {(row.method, row.name) for row in API}

    assert sorted(operations - covered) == []
    assert sorted(covered - operations) == []
