"""Personal API tokens: a runner's scripts call the API with one. Only a hash is kept."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from hipfirst.web.accounts.models import User


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def owned_by(self, user: User | Any) -> ApiTokenQuerySet:  # Any: AnonymousUser too
        """The tokens ``user`` may see and revoke: only their own, not yet revoked."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user, revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal API token. The token is shown once; only its SHA-256 is stored.

    A token is 32 random bytes, so a fast hash is enough: there is nothing to guess
    from, unlike a password.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    token_sha256 = models.CharField(max_length=64, unique=True)
    #: The token's first characters, so the runner can tell their tokens apart.
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[ApiTokenQuerySet] = ApiTokenQuerySet.as_manager()  # type: ignore[assignment]  # custom queryset manager

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
