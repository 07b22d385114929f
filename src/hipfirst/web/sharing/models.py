"""Invitations, the access they grant, and clinicians' notes to runners."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Invitation(models.Model):
    """A single-use, expiring link a runner sends to a clinician. Only its hash is kept."""

    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_sent"
    )
    email = models.EmailField()
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"Invitation of {self.runner_id} to {self.email}"


class ClinicianAccess(models.Model):
    """A clinician may see a runner's data, read-only, until the runner revokes it."""

    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician_access"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runner_access"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-granted_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("runner", "clinician"),
                condition=models.Q(revoked_at__isnull=True),
                name="one_open_access_per_pair",
            ),
        )

    def __str__(self) -> str:
        return f"{self.clinician_id} sees {self.runner_id}"


class ClinicianNote(models.Model):
    """A note a clinician leaves on a runner's page; the runner sees it."""

    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician_notes"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes_written"
    )
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"Note from {self.clinician_id} to {self.runner_id}"
