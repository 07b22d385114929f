"""A runner's plan (its inputs, never its weeks), their session logs and calendar feed.

The plan's weeks are not stored: the core builds them again from the linked assessment,
the start date, the days and the equipment, and adapts them to the logs, so a change to
the rules reaches every runner and what the page shows always has its reasons.
"""

from __future__ import annotations

import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from hipfirst.web.accounts.models import User
from hipfirst.web.assessment.models import Assessment
from hipfirst.web.sharing.access import visible_runners

#: Bytes of randomness in a calendar feed's token (256 bits: unguessable).
TOKEN_BYTES = 32


def new_calendar_key() -> str:
    """A random key the runner's calendar event ids are hashed from."""
    return secrets.token_hex(16)


def new_feed_token() -> str:
    """A new unguessable token for a private calendar address (43 URL-safe characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: User | Any) -> PlanQuerySet:  # Any: AnonymousUser too
        """The plans ``user`` may see: their own, and those of runners who invited them."""
        return self.filter(visible_runners(user))

    def owned_by(self, user: User | Any) -> PlanQuerySet:  # Any: AnonymousUser too
        """The plans ``user`` may change: only their own."""
        return self.filter(runner=user) if user.is_authenticated else self.none()


class Plan(models.Model):
    """A runner's 12-week programme as they started it; the newest one is the current one."""

    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    #: The finished knee check the plan was built from. RESTRICT: it cannot be deleted
    #: on its own while a plan stands on it, but deleting the account removes both.
    assessment = models.ForeignKey(Assessment, on_delete=models.RESTRICT, related_name="plans")
    created_at = models.DateTimeField(auto_now_add=True)
    start = models.DateField()
    #: Exercise days as ``Weekday`` values, e.g. ``["mon", "wed", "fri"]``.
    days = models.JSONField()
    #: The runner's kit as ``Equipment`` values, e.g. ``["band"]``.
    equipment = models.JSONField(default=list, blank=True)

    objects: ClassVar[PlanQuerySet] = PlanQuerySet.as_manager()  # type: ignore[assignment]  # custom queryset manager

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"Plan {self.pk} of {self.runner_id} from {self.start}"


def _score_0_10(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{name}__isnull": True}) | models.Q(**{f"{name}__lte": 10}),
        name=f"session_{name}_at_most_10",
    )


class SessionRecord(models.Model):
    """One logged session of a plan: pain 0–10 at each time and effort (RPE 0–10)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sessions")
    on = models.DateField()  # the planned session's date
    logged_at = models.DateTimeField(auto_now=True)
    pain_before_0_10 = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_during_0_10 = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after_0_10 = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_next_morning_0_10 = models.PositiveSmallIntegerField(null=True, blank=True)
    effort_rpe_0_10 = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("on",)
        constraints = (
            models.UniqueConstraint(fields=("plan", "on"), name="one_log_per_planned_session"),
            *(
                _score_0_10(name)
                for name in (
                    "pain_before_0_10",
                    "pain_during_0_10",
                    "pain_after_0_10",
                    "pain_next_morning_0_10",
                    "effort_rpe_0_10",
                )
            ),
        )

    def __str__(self) -> str:
        return f"Session of plan {self.plan_id} on {self.on}"


class ExerciseRecord(models.Model):
    """What the runner did of one exercise in a logged session."""

    session = models.ForeignKey(SessionRecord, on_delete=models.CASCADE, related_name="exercises")
    exercise_id = models.CharField(max_length=64)  # ``Prescription.exercise_id``
    #: Reps of each set done, e.g. ``[10, 10, 8]``; empty for a hold.
    reps_done = models.JSONField(default=list, blank=True)
    #: Seconds of each hold done, e.g. ``[30, 30]``; empty for reps.
    held_s = models.JSONField(default=list, blank=True)
    has_good_form = models.BooleanField(null=True, blank=True)  # None: not said

    class Meta:
        ordering = ("pk",)
        constraints = (
            models.UniqueConstraint(
                fields=("session", "exercise_id"), name="one_log_per_exercise_per_session"
            ),
        )

    def __str__(self) -> str:
        return f"{self.exercise_id} in session {self.session_id}"


class CalendarFeed(models.Model):
    """A runner's calendar: the key of their event ids, and their private address's token.

    ``uid_key`` never changes, so every export and every new token keep the event ids;
    ``token`` is None while the runner has no subscription address.
    """

    runner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    uid_key = models.CharField(max_length=32, default=new_calendar_key, editable=False)
    token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    token_created_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar of {self.runner_id}"
