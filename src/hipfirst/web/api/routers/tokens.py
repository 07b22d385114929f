"""Personal API tokens: list and revoke (session or token), create (session only).

Making a token needs the logged-in session (and its CSRF token), never a token: a leaked
token must not be able to make itself a successor that outlives its revocation.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from ninja import Field, Router, Schema, Status

from hipfirst.web.api import services
from hipfirst.web.api.auth import SESSION_ONLY, caller
from hipfirst.web.api.errors import NOT_FOUND, ErrorOut, Errors, NotFound
from hipfirst.web.api.models import ApiToken
from hipfirst.web.api.schemas import InSchema, ObjectId

router = Router(tags=["tokens"])


class TokenIn(InSchema):
    name: str = Field(..., min_length=1, max_length=100, pattern=r"\S")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str  # the token's first characters
    created_at: datetime
    last_used_at: datetime | None


class NewTokenOut(TokenOut):
    token: str  # shown only in this answer; hipfirst keeps a hash


def _out(row: ApiToken) -> TokenOut:
    return TokenOut(
        id=row.pk,
        name=row.name,
        prefix=row.prefix,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
    )


@router.get("", response={200: list[TokenOut], **Errors.READ})
def list_tokens(request: HttpRequest) -> list[TokenOut]:
    """The caller's open tokens, newest first (never the tokens themselves)."""
    return [_out(row) for row in ApiToken.objects.owned_by(caller(request))]


@router.post("", auth=SESSION_ONLY, response={201: NewTokenOut, 429: ErrorOut, **Errors.WRITE})
def create_token(
    request: HttpRequest, payload: TokenIn, response: HttpResponse
) -> Status[NewTokenOut]:
    """A new token, shown once in this answer; needs the logged-in session."""
    new = services.create_token(caller(request), payload.name)
    add_never_cache_headers(response)
    return Status(201, NewTokenOut(**_out(new.row).model_dump(), token=new.token))


@router.delete("/{token_id}", response={204: None, **Errors.WRITE})
def revoke_token(request: HttpRequest, token_id: ObjectId) -> Status[None]:
    """Revoke a token; requests with it get 401 from now on."""
    if not services.revoke_token(caller(request), token_id, now=timezone.now()):
        raise NotFound(NOT_FOUND)
    return Status(204, None)
