"""The hipfirst API, version 1: one django-ninja API over the same services as the pages.

Served under ``/api/v1/``: the operations, ``openapi.json`` and a plain documentation
page at ``docs``. Every operation takes a personal API token or the session
(``auth.py``) and answers errors as ``{"error": {"code", "field", "message"}}``
(``errors.py``).
"""

from __future__ import annotations

from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.operation import Operation

from hipfirst.web.api import errors
from hipfirst.web.api.auth import TOKEN_OR_SESSION
from hipfirst.web.api.docs import EndpointList
from hipfirst.web.api.routers import (
    activities,
    assessments,
    cadence,
    load,
    me,
    movement,
    programme,
    sharing,
    tokens,
)

DESCRIPTION = (
    "hipfirst's data over HTTP: assessments and Kujala scores, imported activities, "
    "training load and risk, cadence, the 12-week programme and its session logs, "
    "movement-check results, and sharing with a clinician. Authenticate with a "
    "personal API token (Authorization: Bearer <token>) or the logged-in session (with "
    "the CSRF token on requests that change data). A clinician reads, never changes, the "
    "data of runners who invited them; anything not yours to see answers 404. Errors "
    'answer {"error": {"code", "field", "message"}}.'
)


class HipfirstAPI(NinjaAPI):
    """ninja's API with short operation ids: each view's function name."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__


api = HipfirstAPI(
    title="hipfirst API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    auth=TOKEN_OR_SESSION,
    docs=EndpointList(),
    docs_url="/docs",
    docs_decorator=require_safe,  # openapi.json and docs only show: a POST gets 405
)
errors.install(api)
api.add_router("/me", me.router)
api.add_router("/tokens", tokens.router)
api.add_router("/assessments", assessments.router)
api.add_router("/activities", activities.router)
api.add_router("/load", load.router)
api.add_router("/cadence", cadence.router)
api.add_router("/programme", programme.router)
api.add_router("/movement", movement.router)
api.add_router("/sharing", sharing.router)
api.add_router("/runners", sharing.runners_router)
