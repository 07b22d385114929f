"""The access matrix's words: a row, who gets what, and how a request is sent and judged.

The table itself is ``tests/web/test_access_matrix.py``; the people are ``people.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from django.db import connection
from django.test import Client
from django.urls import reverse

from hipfirst.web.accounts.models import User
from hipfirst.web.api.api import api as hipfirst_api
from hipfirst.web.progress.belongings import OwnedTable
from tests.web.sharing.people import ROLES, World

Outcome: TypeAlias = int | str  # a status code, or LOGIN
Body: TypeAlias = Callable[[World], Any]  # Any: form fields or a JSON document
RunnerRows: TypeAlias = dict[str, list[tuple[Any, ...]]]  # Any: column values, by table

LOGIN = "login"  # a redirect to the login page
GET, POST, PUT, DELETE = "GET", "POST", "PUT", "DELETE"
MODES = ("token", "session")  # how an API caller says who they are
NOT_A_TOKEN = "hf_not-a-token"  # what anonymous sends in token mode


def public(status: Outcome) -> dict[str, Outcome]:
    """Everyone, logged in or not, gets ``status``."""
    return dict.fromkeys(ROLES, status)


def each(status: Outcome, *, anonymous: Outcome | None = None) -> dict[str, Outcome]:
    """Each person with an account gets ``status`` about their own; anonymous is refused."""
    expect = dict.fromkeys(ROLES[:-1], status)
    return expect if anonymous is None else expect | {"anonymous": anonymous}


def reads(status: Outcome = 200) -> dict[str, Outcome]:
    """The runner and their clinician get ``status``; the others 404."""
    return {"owner": status, "other": 404, "clinician": status, "revoked": 404}


def writes(status: Outcome) -> dict[str, Outcome]:
    """The runner gets ``status``; everyone else with an account 404."""
    return {"owner": status, "other": 404, "clinician": 404, "revoked": 404}


@dataclass(frozen=True)
class Row:
    """One request, and what each person gets from it."""

    name: str  # the URL name (an unnamed URL: its route); an operation: its OpenAPI path
    method: str
    expect: Mapping[str, Outcome]  # by role; a missing anonymous is refused (LOGIN or 401)
    url: Callable[[World], str]
    body: Body | None = None
    is_api: bool = False
    is_multipart: bool = False  # an API body sent as a form, not as JSON
    is_session_only: bool = False  # the API refuses a token here (401)
    touches: frozenset[str] = frozenset()  # who else may change the runner's rows by it
    prepare: Callable[[User], object] | None = None  # run first for the caller's account
    label: str = ""  # tells two rows of one URL and method apart

    def expected(self, role: str, mode: str) -> Outcome:
        """What ``role`` gets, asking with a token or a session (``mode``)."""
        if self.is_session_only and mode == "token":
            return 401
        return self.expect.get(role, 401 if self.is_api else LOGIN)

    @property
    def id(self) -> str:
        """The row in a test's name: method, URL name or path, and its label."""
        return f"{self.method} {self.name}" + (f" ({self.label})" if self.label else "")

    def shows_shared_data(self, role: str, response: Any) -> bool:  # Any: a test response
        """Whether this is a page of the runner's data shown to their clinician."""
        is_html = response.get("Content-Type", "").startswith("text/html")
        is_shared = role == "clinician" and self.expect.get("other") == 404
        return is_shared and response.status_code == 200 and is_html


def page(name: str, method: str, expect: Mapping[str, Outcome], *args: str, **kw: Any) -> Row:
    """A row for the page ``name``; ``args`` name its URL's arguments in ``World.ids``.

    ``query`` is added as the query string; other keywords (``Any``) are ``Row``'s.
    """
    query = kw.pop("query", "")

    def url(w: World) -> str:
        return reverse(name, args=[w.ids[arg] for arg in args]) + (f"?{query}" if query else "")

    return Row(name, method, expect, url, **kw)


def both(name: str, expect: Mapping[str, Outcome], *args: str, **kw: Any) -> tuple[Row, Row]:
    """The GET and POST rows of an address that answers both alike (it is no page at all)."""
    return page(name, GET, expect, *args, **kw), page(name, POST, expect, *args, **kw)


def shows(name: str, expect: Mapping[str, Outcome], *args: str, **kw: Any) -> tuple[Row, Row]:
    """The GET row of a page that only shows something, and its POST row: a 405 to each
    person ``expect`` names, before any lookup; anonymous, if not named, is sent to log in."""
    refused = dict.fromkeys(expect, 405)
    return page(name, GET, expect, *args, **kw), page(name, POST, refused, *args, **kw)


def api(method: str, path: str, expect: Mapping[str, Outcome], **kw: Any) -> Row:
    """A row for the API operation ``method path``; ``{...}`` come from ``World.ids``."""
    query = kw.pop("query", "")

    def url(w: World) -> str:
        return path.format(**w.ids) + (f"?{query.format(**w.ids)}" if query else "")

    return Row(path, method, expect, url, is_api=True, **kw)


def client_for(w: World, role: str, mode: str) -> Client:
    """A client of ``role``: its token, or its session; anonymous sends a made-up token."""
    user = w.users.get(role)
    if mode == "token":
        return Client(HTTP_AUTHORIZATION=f"Bearer {w.tokens[role] if user else NOT_A_TOKEN}")
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def send(client: Client, row: Row, w: World) -> Any:  # Any: the test client's response
    """The row's request: its body as a form, or as JSON to the API."""
    call = getattr(client, row.method.lower())
    if row.body is None:
        return call(row.url(w))
    if row.is_api and not row.is_multipart:
        return call(row.url(w), json.dumps(row.body(w)), content_type="application/json")
    return call(row.url(w), row.body(w))


def outcome(response: Any) -> Outcome:  # Any: the test client's response
    """The status, or ``LOGIN`` for a redirect to the login page."""
    is_redirect = response.status_code == 302
    if is_redirect and response["Location"].startswith(reverse("accounts:login")):
        return LOGIN
    return int(response.status_code)


def read(response: Any) -> str:  # Any: the test client's response
    """The body as text (empty when binary); reading a stream to its end closes its file.

    Never ``response.close()``: the test client has closed it, and closing again signals
    ``request_finished``, whose handler drops the database connection of this test.
    """
    content = b"".join(response.streaming_content) if response.streaming else response.content
    is_text = response.get("Content-Type", "").startswith(("text/", "application/json"))
    return content.decode() if is_text else ""


def error_keys(body: str) -> tuple[set[str], set[str]]:
    """The keys of an API error and of its ``error`` object."""
    document = json.loads(body)
    return set(document), set(document.get("error", {}))


@dataclass(frozen=True)
class RowsQuery:
    """The SQL that reads the runner's rows of one table, compiled once (compiling is slow)."""

    label: str
    sql: str
    params: tuple[Any, ...]  # Any: the runner's id, as the database takes it

    @classmethod
    def of(cls, table: OwnedTable) -> RowsQuery:
        sql, params = table.queryset().values_list().query.sql_with_params()
        return cls(table.label, sql, tuple(params))


def runner_rows(queries: Sequence[RowsQuery]) -> RunnerRows:
    """Every row of the runner's, in every table: what a request might change."""
    found = {}
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(query.sql, query.params)
            found[query.label] = cursor.fetchall()
    return found


def api_operations() -> dict[tuple[str, str], str]:
    """Each API operation, ``(METHOD, path)``, with its id (also its URL name)."""
    paths = hipfirst_api.get_openapi_schema()["paths"]
    return {
        (method.upper(), path): operation["operationId"]
        for path, item in paths.items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }
