"""Who is calling: a personal API token, or the browser's session.

* ``Authorization: Bearer hf_…``: a token the runner created (``/api/tokens/``). No CSRF
  check: a browser never adds this header to a cross-site request by itself. Failed
  tokens are not rate-limited: a token is 32 random bytes, so guessing one is hopeless,
  and a limit per address would only lock out honest users behind a shared one.
* The session cookie, as on the pages. Requests that change data must carry the CSRF
  token (``X-CSRFToken`` header), exactly as Django's middleware checks it for a form.

Neither: 401. Routers read the caller with :func:`caller`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from hipfirst.web.accounts.models import User
from hipfirst.web.api import services
from hipfirst.web.api.errors import NOT_FOUND, CsrfFailed, NotAuthenticated, NotFound
from hipfirst.web.sharing.access import can_see_runner

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class BearerToken(HttpBearer):
    """A personal API token in the ``Authorization`` header."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return services.user_for_token(token.strip(), now=timezone.now())


class Session(APIKeyCookie):
    """The logged-in session; unsafe methods must pass Django's CSRF check."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)  # checked below, and only for a logged-in session

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:
            return None  # no session: 401, whatever the method
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise CsrfFailed(
                "This request changes your data, so it needs the CSRF token: send the "
                "csrftoken cookie's value in an X-CSRFToken header, or use an API token."
            )
        return user


#: Every operation accepts either, except making a token: that needs the session.
TOKEN_OR_SESSION = [BearerToken(), Session()]
SESSION_ONLY = [Session()]


def caller(request: HttpRequest) -> User:
    """The authenticated user of an API request (after ninja's authentication ran)."""
    user: Any = getattr(request, "auth", None)  # Any: ninja sets request.auth at run time
    if not isinstance(user, User):
        raise NotAuthenticated("Log in, or send a personal API token.")
    return user


def readable_runner(request: HttpRequest, runner_id: int | None) -> User:
    """The runner whose data a read asks for: the caller, or one who invited them.

    Raises
    ------
    NotFound
        For any runner the caller may not see, as for one that does not exist.
    """
    user = caller(request)
    if runner_id is None or runner_id == user.pk:
        return user
    shown = User.objects.filter(pk=runner_id).first() if can_see_runner(user, runner_id) else None
    if shown is None:
        raise NotFound(NOT_FOUND)
    return shown
