"""Writes of the sharing app: invitations, access granted and revoked, notes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hipfirst.core.errors import HipfirstError
from hipfirst.web.accounts.models import User
from hipfirst.web.sharing.models import ClinicianAccess, ClinicianNote, Invitation

#: How long an invitation link works.
INVITATION_LIFETIME = timedelta(days=7)


class InvitationUnusable(HipfirstError):
    """The link was used already, has expired, or never existed."""

    code = "invitation_unusable"


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_clinician(runner: User, email: str, *, site_url: str) -> Invitation:
    """Create a single-use invitation and email its link; only the token's hash is stored."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        runner=runner,
        email=email.lower(),
        token_sha256=_sha256(token),
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    link = site_url.rstrip("/") + reverse("sharing:accept", args=[token])
    send_mail(
        subject=f"{runner.email} would like you to see their hipfirst knee programme",
        message=(
            f"Hello,\n\n{runner.email} uses hipfirst for their knee pain and invites you, as "
            "their physiotherapist or coach, to see their answers, scores, training and "
            f"progress (read-only).\n\nAccept here (the link works once, for 7 days):\n{link}\n\n"
            "If you don't know this person, ignore this email.\n\nhipfirst"
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )
    return invitation


def usable_invitation(token: str) -> Invitation:
    """The invitation behind a link, if it can still be accepted."""
    invitation = (
        Invitation.objects.select_related("runner").filter(token_sha256=_sha256(token)).first()
    )
    if invitation is None or invitation.used_at is not None:
        raise InvitationUnusable("This invitation link has been used already or does not exist.")
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable("This invitation link has expired. Ask the runner for a new one.")
    return invitation


@transaction.atomic
def accept_invitation(token: str, clinician: User) -> ClinicianAccess:
    """Use the invitation: the clinician may now see the runner's data, read-only."""
    invitation = usable_invitation(token)
    if invitation.runner_id == clinician.pk:
        raise InvitationUnusable("You cannot accept your own invitation.")
    Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
        used_at=timezone.now(), used_by=clinician
    )
    if not clinician.is_clinician:
        clinician.is_clinician = True
        clinician.save(update_fields=["is_clinician"])
    access, _ = ClinicianAccess.objects.get_or_create(
        runner=invitation.runner, clinician=clinician, revoked_at=None
    )
    return access


def revoke_access(runner: User, access_id: int) -> bool:
    """The runner ends a clinician's access; from now on the clinician gets 404s.

    ``False`` when the access is not the runner's. Ending one already ended is ``True``
    and changes nothing: a double tap on "Remove access" is not an error.
    """
    access = ClinicianAccess.objects.filter(pk=access_id, runner=runner)
    access.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    return access.exists()


def add_note(clinician: User, runner: User, text: str) -> ClinicianNote:
    """A clinician's note to a runner they may see."""
    return ClinicianNote.objects.create(clinician=clinician, runner=runner, text=text)
