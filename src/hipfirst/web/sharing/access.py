"""Who may see whose data: the one rule every app's ``visible_to`` uses.

A runner sees their own data. A clinician also sees the data of each runner who invited
them, until the runner revokes the access; they never change it (``owned_by`` is for
writes). Anyone else gets nothing, which the views turn into a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hipfirst.web.sharing.models import ClinicianAccess


def visible_runners(user: Any) -> Q:  # Any: a User or AnonymousUser
    """A filter on ``runner`` for the rows ``user`` may see (nothing when anonymous)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    shared = ClinicianAccess.objects.filter(clinician=user, revoked_at__isnull=True).values(
        "runner_id"
    )
    return Q(runner=user) | Q(runner__in=shared)


def can_see_runner(user: Any, runner_id: int) -> bool:  # Any: a User or AnonymousUser
    """Whether ``user`` may see the runner's data."""
    if not user.is_authenticated:
        return False
    if user.pk == runner_id:
        return True
    # runner__pk, not runner_id: an id past 64 bits (any URL may hold one) then finds
    # nothing, where runner_id overflowed in SQLite's driver (a 500).
    return ClinicianAccess.objects.filter(
        clinician=user, runner__pk=runner_id, revoked_at__isnull=True
    ).exists()
