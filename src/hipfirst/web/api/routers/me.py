"""Who the caller is: the account a token or session belongs to."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from hipfirst.web.api.auth import caller
from hipfirst.web.api.errors import Errors

router = Router(tags=["me"])


class MeOut(Schema):
    id: int
    email: str
    is_clinician: bool


@router.get("", response={200: MeOut, **Errors.READ})
def get_me(request: HttpRequest) -> MeOut:
    """The caller's account: id (the ``runner_id`` of their own data) and email address."""
    user = caller(request)
    return MeOut(id=user.pk, email=user.email, is_clinician=user.is_clinician)
