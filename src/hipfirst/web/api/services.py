"""Writes of the API app: personal API tokens, created, used and revoked.

Only this module writes ``ApiToken``. A token is ``hf_`` and 43 URL-safe characters
(32 random bytes); the database keeps its SHA-256 only, as ``sharing`` does for invitations.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from hipfirst.web.accounts.models import User
from hipfirst.web.api.errors import RateLimited
from hipfirst.web.api.models import ApiToken
from hipfirst.web.ratelimit import TOKEN_CREATION

TOKEN_PREFIX = "hf_"  # noqa: S105  # a marker that tells tokens apart, not a secret
#: How often, at most, a token's "last used" time is written.
LAST_USED_EVERY = timedelta(minutes=1)


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class NewToken:
    """A token just created: the stored row and the token itself, shown only this once."""

    row: ApiToken
    token: str


def create_token(user: User, name: str) -> NewToken:
    """A new personal API token for ``user``, named so they can tell it apart.

    Raises
    ------
    RateLimited
        After ``TOKEN_CREATION.attempts`` new tokens within its window.
    """
    if TOKEN_CREATION.is_blocked(str(user.pk)):
        raise RateLimited(
            f"You have made {TOKEN_CREATION.attempts} tokens in the last "
            f"{TOKEN_CREATION.window_minutes} minutes. Wait a while, or reuse one you have."
        )
    TOKEN_CREATION.hit(str(user.pk))
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user, name=name.strip(), token_sha256=_sha256(token), prefix=token[:10]
    )
    return NewToken(row, token)


def revoke_token(user: User, token_id: int, *, now: datetime) -> bool:
    """Revoke one of ``user``'s tokens; ``False`` when they have no such open token."""
    updated = ApiToken.objects.owned_by(user).filter(pk=token_id).update(revoked_at=now)
    return updated == 1


def user_for_token(token: str, *, now: datetime) -> User | None:
    """The active user an open token belongs to, or ``None``; notes when it was used."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(token_sha256=_sha256(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
