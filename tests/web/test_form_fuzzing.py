"""Every web form and query string fuzzed: hostile input never gives a 5xx (issue 12).

``POST_TARGETS`` names each view that takes a POST, who posts to it and the fields its
forms read; hypothesis posts those fields with hostile values (empty, huge, NUL, lone
surrogates as UTF-8 bytes, odd numbers and dates, lists for scalars, files where text
belongs, fields left out and fields added), urlencoded or multipart. ``QUERY_TARGETS``
does the same for the pages that read their query string, and every URL with a path
parameter gets hostile path values. The Django test client re-raises a view's exception,
so a crash fails a test as surely as a 500 does.

``test_every_post_view_is_fuzzed`` and ``test_every_page_reading_its_query_is_fuzzed``
walk the URL resolver, so a new form or query parameter cannot escape the tables. The
JSON API under ``/api/v1/`` is fuzzed by schemathesis instead (api/test_schemathesis.py).

Each example runs in a savepoint that is rolled back, and starts with an empty cache (the
login and token limits), so the examples of a test share the runner and their objects
but nothing an earlier example changed.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import quote, quote_from_bytes

import pytest
from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hipfirst.web.accounts.forms import LoginForm, SignUpForm
from hipfirst.web.accounts.models import User
from hipfirst.web.api import services as api_services
from hipfirst.web.api.forms import TokenForm
from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.assessment.forms import ClearanceForm
from hipfirst.web.assessment.views import FORMS as WIZARD_FORMS
from hipfirst.web.cadence.forms import CountedCadenceForm, TrackForm
from hipfirst.web.learn.forms import ShoeAnswersForm
from hipfirst.web.movement.forms import MovementUploadForm
from hipfirst.web.movement.models import MovementCheckRecord
from hipfirst.web.programme import services as programme_services
from hipfirst.web.programme.forms import ExerciseLogForm, SessionLogForm, StartPlanForm
from hipfirst.web.programme.models import Plan
from hipfirst.web.progress.forms import DeleteAccountForm
from hipfirst.web.sharing import services as sharing_services
from hipfirst.web.sharing.forms import ClinicianSignUpForm, InviteForm, NoteForm
from hipfirst.web.sharing.models import ClinicianAccess
from hipfirst.web.training.forms import RunPainForm, UploadForm
from tests.strategies import hostile_texts
from tests.web.factories import PASSWORD, make_run, make_runner
from tests.web.programme.builders import started_plan
from tests.web.routes import Route, routes
from tests.web.sharing.people import invite_and_accept

pytestmark = pytest.mark.django_db

#: Examples a form or page; the whole module stays under about 40 s on two cores.
EXAMPLES = settings(max_examples=25, deadline=None)
#: Fewer for each path parameter: most values are simply no match (404).
PATH_EXAMPLES = settings(max_examples=10, deadline=None)
#: The JSON API, fuzzed against its OpenAPI schema by tests/web/api/test_schemathesis.py.
API_NAMESPACE = "api:v1"
FIELD_NAME = re.compile(r"[A-Za-z0-9_\-]+")

Fields = Mapping[str, forms.Field]
Value: TypeAlias = "bytes | Upload"  # a field's value or a file part


@dataclass(frozen=True)
class World:
    """A runner with one of everything a URL may need, a clinician and a stranger."""

    runner: User
    clinician: User
    stranger: User
    draft_id: int  # an assessment with no step answered yet
    finished_id: int  # the plan's clean, finished assessment
    plan_id: int
    session_on: date
    run_id: int
    movement_id: int
    access_id: int
    invitation_token: str
    api_token_id: int
    reset_uidb64: str
    reset_token: str

    @property
    def ids(self) -> tuple[int, ...]:
        """Every id of the world's objects, for path parameters that should exist."""
        return (
            self.runner.pk,
            self.clinician.pk,
            self.draft_id,
            self.finished_id,
            self.plan_id,
            self.run_id,
            self.movement_id,
            self.access_id,
            self.api_token_id,
        )


def _invitation_token(runner: User, email: str) -> str:
    sharing_services.invite_clinician(runner, email, site_url="http://testserver/")
    found = re.search(r"/sharing/invitations/([^/\s]+)/", str(mail.outbox[-1].body))
    assert found is not None
    return found.group(1)


@pytest.fixture
def world(settings: Any, tmp_path: Path) -> World:  # Any: pytest-django's settings wrapper
    # Password hashing is not what is fuzzed; Argon2 would spend the time budget on it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"  # a valid upload stores its file here
    runner = make_runner("runner@example.org")
    today = timezone.localdate()
    plan = started_plan(runner, start=today - timedelta(days=7))
    clinician = make_runner("physio@example.org")
    invite_and_accept(runner, clinician)
    movement = MovementCheckRecord.objects.create(
        runner=runner, token="f" * 32, exercise="squat", status="done", result={"reps": []}
    )
    return World(
        runner=runner,
        clinician=clinician,
        stranger=make_runner("stranger@example.org"),
        draft_id=assessment_services.start_assessment(runner).pk,
        finished_id=plan.assessment_id,
        plan_id=plan.pk,
        session_on=plan.start,
        run_id=make_run(runner, timezone.now() - timedelta(days=1), 8.0).pk,
        movement_id=movement.pk,
        access_id=ClinicianAccess.objects.get(runner=runner, clinician=clinician).pk,
        invitation_token=_invitation_token(runner, "new-physio@example.org"),
        api_token_id=api_services.create_token(runner, "fuzz").row.pk,
        reset_uidb64=urlsafe_base64_encode(force_bytes(runner.pk)),
        reset_token=default_token_generator.make_token(runner),
    )


# --- What a target's forms read.
def _declared(form_class: type[forms.Form | forms.ModelForm[Any]]) -> Callable[[World], Fields]:
    """The fields a form class declares (for forms whose constructor needs more)."""
    return lambda world: form_class.base_fields


def _built(form_class: type[forms.BaseForm]) -> Callable[[World], Fields]:
    """The fields of a form that adds its fields when it is made."""
    return lambda world: form_class().fields


def _session_fields(world: World) -> Fields:
    """The session log's scores and each prescribed exercise's prefixed fields."""
    plan = Plan.objects.get(pk=world.plan_id)
    session = programme_services.programme(plan).weeks_plan.session_on(world.session_on)
    assert session is not None
    fields = dict(SessionLogForm.base_fields)
    for prescription in session.prescriptions:
        form = ExerciseLogForm(prescription=prescription)
        fields |= {form.add_prefix(name): f for name, f in form.fields.items()}
    return fields


def _no_fields(world: World) -> Fields:
    return {}


def _reset_form_url(client: Client, world: World) -> str:
    """Open the emailed reset link; Django moves the token to the session and redirects."""
    link = reverse("accounts:password_reset_confirm", args=[world.reset_uidb64, world.reset_token])
    response = client.get(link)
    assert response.status_code == 302, response.status_code
    return str(response["Location"])


@dataclass(frozen=True)
class Target:
    """One view that takes a POST: its URL, who posts and the fields its forms read."""

    name: str
    fields: Callable[[World], Fields] = _no_fields
    args: Callable[[World], Sequence[object]] = lambda world: ()
    who: Callable[[World], User | None] = lambda world: world.runner
    label: str = ""  # tells apart targets of one URL
    url: Callable[[Client, World], str] | None = None  # when reverse() is not enough

    @property
    def id(self) -> str:
        return f"{self.name}{f'[{self.label}]' if self.label else ''}"

    def address(self, client: Client, world: World) -> str:
        if self.url is not None:
            return self.url(client, world)
        return reverse(self.name, args=list(self.args(world)))


def _anonymous(world: World) -> None:
    return None


POST_TARGETS = (
    Target("accounts:signup", _declared(SignUpForm), who=_anonymous),
    Target("accounts:login", _declared(LoginForm), who=_anonymous),
    Target("accounts:logout"),
    Target("accounts:password_reset", _declared(PasswordResetForm), who=_anonymous),
    Target(
        "accounts:password_reset_confirm",
        _declared(SetPasswordForm),
        who=_anonymous,
        url=_reset_form_url,
    ),
    Target("api:tokens", _declared(TokenForm)),
    Target("api:revoke_token", args=lambda w: [w.api_token_id]),
    Target("assessment:start"),
    Target(
        "assessment:clearance",
        _declared(ClearanceForm),
        args=lambda w: [w.finished_id],
        label="finished",
    ),
    Target(  # was a 500: the form's errors were shown on results that do not exist yet
        "assessment:clearance",
        _declared(ClearanceForm),
        args=lambda w: [w.draft_id],
        label="unfinished",
    ),
    *(
        Target(
            "assessment:step",
            _built(form_class),
            args=lambda w, step=step: [w.draft_id, step],  # type: ignore[misc]  # bound per step
            label=step,
        )
        for step, form_class in WIZARD_FORMS.items()
    ),
    Target("cadence:page", _declared(CountedCadenceForm)),
    Target("movement:checks", _declared(MovementUploadForm)),
    Target("movement:delete", args=lambda w: [w.movement_id]),
    Target("programme:start", _declared(StartPlanForm)),
    Target("programme:session", _session_fields, args=lambda w: [w.plan_id, w.session_on]),
    Target("programme:calendar_renew"),
    Target("programme:calendar_revoke"),
    Target("progress:delete", _declared(DeleteAccountForm)),
    Target("sharing:home", _declared(InviteForm)),
    Target("sharing:revoke", args=lambda w: [w.access_id]),
    Target(
        "sharing:accept",
        _declared(ClinicianSignUpForm),
        args=lambda w: [w.invitation_token],
        who=_anonymous,
        label="signing up",
    ),
    Target(
        "sharing:accept",
        args=lambda w: [w.invitation_token],
        who=lambda w: w.stranger,
        label="logged in",
    ),
    Target(
        "sharing:note",
        _declared(NoteForm),
        args=lambda w: [w.runner.pk],
        who=lambda w: w.clinician,
    ),
    Target("training:upload", _declared(UploadForm)),
    Target("training:run", _declared(RunPainForm), args=lambda w: [w.run_id]),
)


@dataclass(frozen=True)
class QueryTarget:
    """A page that reads its query string, and the parameters it reads."""

    name: str
    fields: Fields
    who: Callable[[World], User | None] = lambda world: world.runner


_SHOE_FIELDS = ShoeAnswersForm.base_fields
QUERY_TARGETS = (
    QueryTarget("accounts:login", {"next": forms.CharField()}, who=_anonymous),
    QueryTarget("cadence:track", TrackForm.base_fields),
    QueryTarget("learn:shoes", _SHOE_FIELDS),
    QueryTarget("learn:shoe_results", _SHOE_FIELDS),
    QueryTarget("training:runs", {"page": forms.IntegerField(min_value=1, max_value=3)}),
)


# --- Hostile values.
_hostile_bytes = st.one_of(
    hostile_texts.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=40),  # not UTF-8 at all
)
_KNOWN_EMAILS = (
    "runner@example.org",
    "physio@example.org",
    "stranger@example.org",
    "new-physio@example.org",
    "RUNNER@EXAMPLE.ORG",
)
_NEXT_URLS = ("//evil.example/", "https://evil.example/", "javascript:alert(1)", "/\\evil")
_VIDEO_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
_FILE_NAMES = st.one_of(
    st.sampled_from(
        ["run.fit", "squat.mp4", "../../etc/passwd", "x" * 300 + ".gpx", "a\x00b.fit", ".", ""]
    ),
    st.text(max_size=30),
)
_FILE_BODIES = st.one_of(
    st.binary(max_size=512),
    st.binary(max_size=64).map(lambda tail: _VIDEO_HEAD + tail),
    st.just(b"#!/bin/sh\necho not a video\n" * 40),
)


@dataclass(frozen=True)
class Upload:
    """A file part of any name (``SimpleUploadedFile`` refuses names such as ".")."""

    name: str
    content: bytes

    def read(self) -> bytes:
        return self.content


_uploads = st.builds(Upload, _FILE_NAMES, _FILE_BODIES)


def _bound(value: Any, default: int) -> int:  # Any: Django's min_value/max_value
    return int(value) if value is not None else default


def _plausible(field: forms.Field, *, today: date) -> st.SearchStrategy[bytes]:
    """Values the field might accept, so that some posts get past it to the code behind."""
    if isinstance(field, forms.ChoiceField):  # also Typed- and MultipleChoiceField
        values = [str(value) for value, _ in field.choices]  # type: ignore[union-attr,misc]  # a list here
        return st.sampled_from(values or [""]).map(str.encode)
    if isinstance(field, forms.BooleanField):
        return st.sampled_from([b"on", b"true", b"false", b"0"])
    if isinstance(field, forms.DateField):
        days = st.integers(-120, 120).map(lambda n: today + timedelta(days=n))
        return days.map(lambda day: day.isoformat().encode())
    if isinstance(field, forms.IntegerField):  # FloatField too, a subclass
        return _numbers(field)
    if isinstance(field, forms.EmailField):
        return st.one_of(st.sampled_from(_KNOWN_EMAILS), st.emails()).map(str.encode)
    known = st.sampled_from([*_KNOWN_EMAILS, *_NEXT_URLS])
    return st.one_of(st.just(PASSWORD), known, st.text(max_size=60)).map(str.encode)


def _numbers(field: forms.IntegerField) -> st.SearchStrategy[bytes]:
    """Numbers in the field's range; out of range is the hostile values' job."""
    low, high = _bound(field.min_value, -1000), _bound(field.max_value, 1000)
    if isinstance(field, forms.FloatField):
        return st.floats(low, high).map(lambda x: repr(x).encode())
    return st.integers(low, high).map(lambda n: str(n).encode())


@dataclass(frozen=True)
class Post:
    """Form data as a browser (or an attacker) sends it: names with lists of values."""

    data: dict[str, list[Value]] = field(default_factory=dict)
    is_multipart: bool = False

    def send(self, client: Client, url: str) -> HttpResponseBase:
        if self.is_multipart:
            return client.post(url, self.data)
        return client.post(url, self.urlencoded(), content_type="application/x-www-form-urlencoded")

    def urlencoded(self) -> str:
        return "&".join(
            f"{quote(name, safe='')}={quote_from_bytes(value, safe='')}"
            for name, values in self.data.items()
            for value in values
            if isinstance(value, bytes)
        )


def _values(form_field: forms.Field, *, today: date) -> st.SearchStrategy[Value]:
    """One value the field might accept: a file for a file field."""
    if isinstance(form_field, forms.FileField):
        return _uploads
    return _plausible(form_field, today=today)


@st.composite
def posts(draw: st.DrawFn, fields: Fields, *, today: date) -> Post:
    """Every field with a plausible value, except a spoilt few; extra fields besides.

    A spoilt field is left out or has several values, each plausible, hostile, or a file
    where text belongs; with none spoilt, the post may get past the form to what it saves.
    """
    is_multipart = draw(st.booleans()) or any(
        isinstance(f, forms.FileField) for f in fields.values()
    )
    is_clean = not fields or draw(st.booleans())  # half the posts spoil nothing
    spoilt = set() if is_clean else draw(st.sets(st.sampled_from(sorted(fields)), min_size=1))
    data: dict[str, list[Value]] = {}
    for name, form_field in fields.items():
        plausible = _values(form_field, today=today)
        if name not in spoilt:
            data[name] = [draw(plausible)]
            continue
        spoiling = [plausible, _hostile_bytes, *([_uploads] if is_multipart else [])]
        data[name] = draw(st.lists(st.one_of(spoiling), max_size=3))  # []: left out
    extras = draw(st.dictionaries(st.from_regex(FIELD_NAME, fullmatch=True), _hostile_bytes))
    return Post({**{k: [v] for k, v in extras.items()}, **data}, is_multipart)


def _nul_in_every(fields: Fields) -> Post:
    """A NUL in every field: PostgreSQL refuses it in text, so it must not reach a query."""
    return Post({name: [b"\x00"] for name in fields})


def _send(world: World, who: User | None, request: Callable[[Client], HttpResponseBase]) -> int:
    """Make one request in a savepoint that is rolled back; return the status code."""
    cache.clear()  # the login and token limits start afresh for every example
    client = Client()
    with transaction.atomic():
        if who is not None:
            client.force_login(who)
        status = request(client).status_code
        transaction.set_rollback(True)
    return status


@pytest.mark.parametrize("target", POST_TARGETS, ids=lambda t: t.id)
def test_hostile_posts_never_give_a_server_error(target: Target, world: World) -> None:
    """Whatever is posted to a form, the answer is a page or a redirect, never a 5xx."""
    fields, today = target.fields(world), timezone.localdate()

    @EXAMPLES
    @given(post=posts(fields, today=today))
    @example(post=Post())  # nothing at all
    @example(post=_nul_in_every(fields))
    def post_once(post: Post) -> None:
        status = _send(world, target.who(world), lambda c: post.send(c, target.address(c, world)))

        assert status < 500

    post_once()


@pytest.mark.parametrize("target", QUERY_TARGETS, ids=lambda t: t.name)
def test_hostile_query_strings_never_give_a_server_error(target: QueryTarget, world: World) -> None:
    """Whatever the query string of a page that reads one, the answer is never a 5xx."""
    today = timezone.localdate()

    @EXAMPLES
    @given(post=posts(target.fields, today=today))
    @example(post=_nul_in_every(target.fields))
    def get_once(post: Post) -> None:
        url = f"{reverse(target.name)}?{Post(post.data).urlencoded()}"

        assert _send(world, target.who(world), lambda c: c.get(url)) < 500

    get_once()


# --- The tables against the resolver.
WEB_ROUTES = [r for r in routes() if r.is_named and not r.name.startswith(API_NAMESPACE)]


def _source(view: Callable[..., Any]) -> str:
    """A function view's source with its decorators (``login_required`` keeps ``__wrapped__``)."""
    return inspect.getsource(inspect.unwrap(view))


def _takes_post(view: Callable[..., Any]) -> bool:
    """A class-based view with ``post``, or a function view that reads or requires a POST."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    return bool(re.search(r"request\.(POST|FILES)|require_POST", _source(view)))


def _reads_query(view: Callable[..., Any]) -> bool:
    """A function view that reads ``request.GET`` (Django's own views are listed by hand)."""
    return not hasattr(view, "view_class") and "request.GET" in _source(view)


def test_every_post_view_is_fuzzed() -> None:
    """The POST table names exactly the views that take a POST, so none escapes fuzzing."""
    taking_post = {route.name for route in WEB_ROUTES if _takes_post(route.view)}

    assert taking_post == {target.name for target in POST_TARGETS}


def test_every_page_reading_its_query_is_fuzzed() -> None:
    """Each page that reads its query string is in the query table."""
    reading = {route.name for route in WEB_ROUTES if _reads_query(route.view)}

    assert reading <= {target.name for target in QUERY_TARGETS}


def test_every_wizard_step_is_fuzzed() -> None:
    """Each step of the knee-check wizard has its own target."""
    steps = {t.label for t in POST_TARGETS if t.name == "assessment:step"}

    assert steps == set(WIZARD_FORMS)


# --- Path parameters.
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
PARAMETRISED = [route for route in WEB_ROUTES if PARAMETER.search(route.route)]


def _path_values(world: World) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(world.ids).map(str),
        st.integers(0, 10**30).map(str),
        st.sampled_from(["2025-02-30", "0001-01-01", "9999-12-31", "set-password", "kujala"]),
        hostile_texts,
    )


@pytest.mark.parametrize("route", PARAMETRISED, ids=lambda r: r.name)
def test_hostile_path_parameters_never_give_a_server_error(route: Route, world: World) -> None:
    """Ids that are huge or not ours, dates that do not exist, tokens with NUL: no 5xx.

    A view that takes a POST gets an empty one at each address too.
    """
    count = len(PARAMETER.findall(route.route))
    is_form = _takes_post(route.view)

    @PATH_EXAMPLES
    @given(values=st.lists(_path_values(world), min_size=count, max_size=count))
    @example(values=["\x00"] * count)  # was a 500 on PostgreSQL for programme:feed
    @example(values=[str(2**63)] * count)  # past 64 bits: was a 500 for sharing:runner
    def get_once(values: list[str]) -> None:
        parts = iter(values)
        path = PARAMETER.sub(
            lambda _: quote(next(parts).encode("utf-8", "surrogatepass"), safe=""), route.route
        )

        assert _send(world, world.runner, lambda c: c.get(f"/{path}")) < 500
        if is_form:
            assert _send(world, world.runner, lambda c: c.post(f"/{path}")) < 500

    get_once()
