"""A small fixed-window limiter on Django's cache, for logins and new API tokens.

A :class:`RateLimit` counts events (failed logins, new API tokens) per key and refuses
once ``attempts`` have happened within ``window_s`` seconds of the first.
Keys are hashed, so no email address or IP address is stored in the cache in clear.

The counts live in the ``default`` cache. Django's default is a per-process memory cache:
with several web processes each counts on its own, so the effective limit is ``attempts``
times the number of processes. Set ``CACHES`` to a shared cache (database, Redis) to make
one limit hold across processes and machines.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

__all__ = ["LOGIN_FAILURES", "TOKEN_CREATION", "RateLimit", "client_ip"]


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most ``attempts`` events per key in a window of ``window_s`` seconds."""

    name: str
    attempts: int
    window_s: int

    @property
    def window_minutes(self) -> int:
        """The window in whole minutes, rounded up, for messages."""
        return -(-self.window_s // 60)

    def _key(self, parts: tuple[str, ...]) -> str:
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
        return f"hipfirst:ratelimit:{self.name}:{digest}"

    def is_blocked(self, *parts: str) -> bool:
        """Whether the key has used up its attempts in the current window."""
        count: int = cache.get(self._key(parts), 0)
        return count >= self.attempts

    def hit(self, *parts: str) -> None:
        """Count one event; the window starts with the first event and is not extended."""
        key = self._key(parts)
        if cache.add(key, 1, timeout=self.window_s):
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr(): this event starts a window
            cache.set(key, 1, timeout=self.window_s)

    def reset(self, *parts: str) -> None:
        """Forget the key's events (after a successful login)."""
        cache.delete(self._key(parts))


#: Failed logins per IP address and email address (the web login form).
LOGIN_FAILURES = RateLimit("login", attempts=5, window_s=15 * 60)
#: New API tokens per account.
TOKEN_CREATION = RateLimit("token-creation", attempts=10, window_s=60 * 60)


def client_ip(request: HttpRequest | None) -> str:
    """The address the request came from, as the web server passed it on.

    Behind a proxy this is the proxy's address, so the login limit is then per email
    address only; the proxy should rate-limit by client address itself.
    """
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))
