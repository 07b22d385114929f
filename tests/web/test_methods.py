"""Every address says which HTTP methods it answers, so that none answers them all.

A page that only shows something answers GET and HEAD (``require_safe``), a form also
POST (``require_http_methods``), an action only POST (``require_POST``); Django's own
class-based views and the API's operations answer the methods they define. A view with
none of these runs its body for any method: a POST to a read-only page answered 200 as
if it were a GET. Which methods each page answers, and to whom, is the access matrix's
job (``test_access_matrix.py``); this test only makes sure a new view cannot leave its
methods open.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.factories import make_runner
from tests.web.routes import Converter, routes

pytestmark = pytest.mark.django_db

#: Asked in this order, the methods few views take first, so most views refuse the first.
METHODS = ("PATCH", "DELETE", "PUT", "POST", "GET")
#: Addresses that are no page, so a 404 to every method is right; each with its reason.
NO_PAGE = {
    "api:v1:api-root": "ninja's root of the API, a 404 that only gives the API's base path",
    "api:^v1/": "any other address under /api/v1/: the API's JSON 404",
}
#: A value for a path parameter: the first that its converter takes.
PARAMETER_VALUES = ("1", "2025-01-06")
PARAMETER = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Address:
    """A URL pattern: its name with namespaces (an unnamed one: its route), a path to it
    and its view."""

    name: str
    path: str
    view: Callable[..., Any]  # Any: a view's arguments and answer


def _parameter_value(converter: Converter) -> str:
    """A value the converter matches and turns into Python without complaint."""
    for value in PARAMETER_VALUES:
        if re.fullmatch(converter.regex, value):
            try:
                converter.to_python(value)
            except ValueError:
                continue
            return value
    raise LookupError(f"no value in {PARAMETER_VALUES} suits {converter!r}")


def _path(route: str, converters: Mapping[str, Converter]) -> str:
    """The route with a value in each of its parameters."""
    return "/" + PARAMETER.sub(lambda m: _parameter_value(converters[m["name"]]), route)


def _addresses() -> Iterator[Address]:
    """Every URL pattern of the site, with a path that reaches its view."""
    for route in routes():
        yield Address(route.name, _path(route.route, route.converters), route.view)


def _refuses_a_method(address: Address, client: Client) -> bool:
    """Whether some method gets 405: asked of a function view, read off a class-based one.

    Django's ``View`` refuses a method it has no handler for; asking would not show it
    when the view answers before that (the login page sends a logged-in runner away, a
    password reset link with a wrong token shows its page), whatever the method.
    """
    view_class = getattr(address.view, "view_class", None)
    if view_class is None:
        return any(client.generic(method, address.path).status_code == 405 for method in METHODS)
    initkwargs = getattr(address.view, "view_initkwargs", {})  # what as_view() was given
    allowed = initkwargs.get("http_method_names", view_class.http_method_names)
    return any(
        method.lower() not in allowed or not hasattr(view_class, method.lower())
        for method in METHODS
    )


def test_every_view_restricts_its_methods() -> None:
    """Each address refuses some method with 405; a new view that takes any method fails."""
    client = Client(raise_request_exception=False)  # a crash is an answer, just no 405
    client.force_login(make_runner())  # past the login check, which comes first
    addresses = [a for a in _addresses() if a.name not in NO_PAGE]

    open_to_all = [a.name for a in addresses if not _refuses_a_method(a, client)]

    assert not open_to_all, f"these views answer every method: {', '.join(open_to_all)}"


def test_each_address_let_off_is_still_there() -> None:
    """An address that is no page and left the site leaves ``NO_PAGE`` too."""
    names = {address.name for address in _addresses()}

    assert sorted(set(NO_PAGE) - names) == []


@pytest.mark.parametrize(
    "name",
    [
        "accounts:login",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_complete",
    ],
)
def test_the_account_pages_refuse_put(client: Client, name: str) -> None:
    """Django's form views would take PUT as a POST; ours are for HTML forms only."""
    assert client.put(reverse(name)).status_code == 405
