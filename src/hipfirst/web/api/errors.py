"""Every error the API answers, as ``{"error": {"code", "field", "message"}}`` with a 4xx.

* HipfirstError (hipfirst.core.errors)     400 unless listed here
  * NotAuthenticated      401  no session and no (valid) API token
  * CsrfFailed            403  a session request that changes data without the CSRF token
  * NotFound              404  nothing there, or nothing the caller may see (never 403)
  * AssessmentUnfinished  409  a Kujala retake on an assessment not yet finished
  * ProgrammeBlocked      409  a red flag is open (core)
  * InvitationUnusable    410  used, expired or unknown invitation (sharing)
  * TooLarge              413  the request body is over the site's limits
  * RateLimited           429  too many failed tokens, or too many new tokens

Request validation (ninja's ``ValidationError``) answers 400 ``invalid_request`` naming
the first wrong field. Anything unexpected is logged and answers a plain 500 in the same
shape, with no details: a stack trace never reaches the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from hipfirst.core.errors import HipfirstError, ProgrammeBlocked
from hipfirst.web.sharing.services import InvitationUnusable

logger = logging.getLogger(__name__)
E = TypeVar("E", bound=Exception)


class NotAuthenticated(HipfirstError):
    code = "not_authenticated"


class CsrfFailed(HipfirstError):
    code = "csrf_failed"


class NotFound(HipfirstError):
    code = "not_found"


class AssessmentUnfinished(HipfirstError):
    code = "assessment_unfinished"


class TooLarge(HipfirstError):
    code = "too_large"


class RateLimited(HipfirstError):
    code = "rate_limited"


class InvalidRequest(HipfirstError):
    code = "invalid_request"


NOT_AUTHENTICATED = (
    "Log in, or send a personal API token as 'Authorization: Bearer <token>'. "
    "Create one on the API tokens page (/api/tokens/)."
)
NOT_FOUND = "There is nothing here, or nothing you have access to."

STATUS: Mapping[type[HipfirstError], int] = {
    NotAuthenticated: 401,
    CsrfFailed: 403,
    NotFound: 404,
    AssessmentUnfinished: 409,
    ProgrammeBlocked: 409,
    InvitationUnusable: 410,
    TooLarge: 413,
    RateLimited: 429,
}


class ErrorDetail(Schema):
    code: str
    field: str | None
    message: str


class ErrorOut(Schema):
    """What every 4xx (and the rare 500) answers."""

    error: ErrorDetail


def status_of(error: HipfirstError) -> int:
    """The HTTP status for an expected error: the nearest listed class, else 400."""
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def error_response(api: NinjaAPI, request: HttpRequest, error: HipfirstError) -> HttpResponse:
    """The error in the API's shape, with its status."""
    body = {"error": {"code": error.code, "field": error.field, "message": error.message}}
    return api.create_response(request, body, status=status_of(error))


def first_problem(errors: Sequence[Mapping[str, Any]]) -> InvalidRequest:  # Any: pydantic's
    """Plain words for the first of ninja's validation errors, naming its field."""
    if not errors:
        return InvalidRequest("The request is not one this endpoint understands.")
    problem = errors[0]
    location = [str(part) for part in problem.get("loc", ())]
    source, path = (location[0], location[1:]) if location else ("body", [])
    if path and source == "body" and path[0] == "payload":
        path = path[1:]  # ninja's name for a whole-body schema
    field = ".".join(path) or None
    where = {"query": "query parameter", "path": "part of the address", "file": "file"}
    kind = where.get(source, "field")
    message = str(problem.get("msg") or "is not valid")
    if field is None:
        return InvalidRequest(f"The request body is not valid: {message}.", field=None)
    return InvalidRequest(f"The {kind} '{field}' is not valid: {message}.", field=field)


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``; ninja picks the nearest class of each error."""

    def expected(request: HttpRequest, exc: HipfirstError) -> HttpResponse:
        return error_response(api, request, exc)

    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(api, request, first_problem(exc.errors))

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, NotAuthenticated(NOT_AUTHENTICATED))

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja's own: "Cannot parse request body" (400) and the like.
        message = str(exc) if exc.status_code < 500 else "Something went wrong on our side."
        body = {"error": {"code": "invalid_request", "field": None, "message": message}}
        return api.create_response(request, body, status=exc.status_code)

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, NotFound(NOT_FOUND))

    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return error_response(api, request, TooLarge("The request is too large for the API."))

    def suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        # Too many files or fields in one upload, a malformed multipart body, ...
        logger.warning("suspicious API request: %s", exc)
        return error_response(api, request, InvalidRequest("The request could not be read."))

    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("unexpected error in %s %s", request.method, request.path)
        body = {
            "error": {
                "code": "server_error",
                "field": None,
                "message": "Something went wrong on our side. Nothing was half-saved; "
                "please try again later.",
            }
        }
        return api.create_response(request, body, status=500)

    _register(api, HipfirstError, expected)
    _register(api, ValidationError, invalid)
    _register(api, AuthenticationError, unauthenticated)
    _register(api, HttpError, http_error)
    _register(api, Http404, not_found)
    _register(api, RequestDataTooBig, too_big)
    _register(api, SuspiciousOperation, suspicious)
    _register(api, Exception, unexpected)


def _register(
    api: NinjaAPI, cls: type[E], handler: Callable[[HttpRequest, E], HttpResponse]
) -> None:
    # ninja's handler type also admits the class itself; it only ever passes instances.
    api.add_exception_handler(cls, handler)  # type: ignore[arg-type]  # see above


class Errors:
    """Documented error responses, to merge into an operation's ``response`` mapping."""

    READ: ClassVar[dict[int, type[ErrorOut]]] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}
    WRITE: ClassVar[dict[int, type[ErrorOut]]] = {
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
    }
