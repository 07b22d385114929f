"""A cadence the runner counted by hand: steps in 30 seconds, for runners without a watch."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from hipfirst.web.training.models import OwnedQuerySet


class CountedCadence(models.Model):
    """Steps counted over 30 s of an easy run; twice that is steps per minute."""

    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counted_cadences"
    )
    counted_on = models.DateField()
    steps_in_30_s = models.PositiveSmallIntegerField()

    objects: ClassVar[OwnedQuerySet[CountedCadence]] = OwnedQuerySet.as_manager()  # type: ignore[assignment]  # custom queryset manager

    class Meta:
        ordering = ("-counted_on", "-pk")

    def __str__(self) -> str:
        return f"{self.steps_in_30_s} steps in 30 s on {self.counted_on}"
