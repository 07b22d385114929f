"""A runner's assessment, saved one wizard step at a time, and their Kujala scores."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from hipfirst.web.accounts.models import User
from hipfirst.web.sharing.access import visible_runners

#: The wizard's steps in order; each saves one section of the answers.
STEPS = ("profile", "red_flags", "symptoms", "kujala")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(self, user: User | Any) -> AssessmentQuerySet:  # Any: AnonymousUser too
        """The assessments ``user`` may see: their own, and those of runners who invited them."""
        return self.filter(visible_runners(user))

    def owned_by(self, user: User | Any) -> AssessmentQuerySet:  # Any: AnonymousUser too
        """The assessments ``user`` may change: only their own."""
        return self.filter(runner=user) if user.is_authenticated else self.none()


class Assessment(models.Model):
    """One sitting of the knee check. Sections are stored as the answers document has them.

    The sections use the vocabulary of ``hipfirst/core/data/answers.schema.json``, so
    the stored answers can be re-scored by the core at any time and exported as-is.
    """

    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    completed_on = models.DateField(null=True, blank=True)
    profile = models.JSONField(null=True, blank=True)
    red_flags = models.JSONField(null=True, blank=True)
    symptoms = models.JSONField(null=True, blank=True)
    pain = models.JSONField(null=True, blank=True)
    #: When the runner confirmed that a clinician has seen them and cleared them to start.
    clinician_cleared_on = models.DateField(null=True, blank=True)

    objects: ClassVar[AssessmentQuerySet] = AssessmentQuerySet.as_manager()  # type: ignore[assignment]  # custom queryset manager

    class Meta:
        ordering = ("-started_at",)

    def __str__(self) -> str:
        return f"Assessment {self.pk} of {self.runner_id}"

    @property
    def next_step(self) -> str | None:
        """The first step not yet answered, or ``None`` when all are."""
        answered = {
            "profile": self.profile is not None,
            "red_flags": self.red_flags is not None,
            "symptoms": self.symptoms is not None and self.pain is not None,
            "kujala": self.kujala_scores.exists(),
        }
        return next((step for step in STEPS if not answered[step]), None)


class KujalaRecord(models.Model):
    """One completed Kujala questionnaire: the 13 option letters and their total."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="kujala_scores"
    )
    taken_at = models.DateTimeField(auto_now_add=True)
    taken_on = models.DateField()
    #: Which questionnaire version the letters answer (never mix versions).
    version = models.CharField(max_length=20, default="akps-13")
    letters = models.JSONField()
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("taken_at", "pk")

    def __str__(self) -> str:
        return f"Kujala {self.score} on {self.taken_on}"
