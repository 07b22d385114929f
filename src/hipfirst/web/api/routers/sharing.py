"""Sharing: a runner's clinicians (list, invite, revoke), and a clinician's runners.

Writes go through ``sharing.services``; the invitation is checked as the Sharing page
checks it (``sharing.forms.InviteForm``) and emailed the same way.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from hipfirst.web.accounts.models import User
from hipfirst.web.api.auth import caller, readable_runner
from hipfirst.web.api.errors import NOT_FOUND, Errors, InvalidRequest, NotFound
from hipfirst.web.api.schemas import InSchema, KujalaChangeOut, ObjectId
from hipfirst.web.sharing import services
from hipfirst.web.sharing.forms import InviteForm
from hipfirst.web.sharing.models import ClinicianAccess
from hipfirst.web.sharing.summary import runner_summary

router = Router(tags=["sharing"])
runners_router = Router(tags=["runners"])


class ClinicianAccessOut(Schema):
    id: int
    clinician_id: int
    clinician_email: str
    granted_at: datetime


class InvitationIn(InSchema):
    email: str = Field(..., max_length=254, json_schema_extra={"format": "email"})


class InvitationOut(Schema):
    id: int
    email: str
    created_at: datetime
    expires_at: datetime  # the emailed link works once, until then


class RunnerSummaryOut(Schema):
    """A runner's key figures at a glance, as on the clinician's Sharing page."""

    runner_id: int
    email: str
    latest_assessment_id: int | None  # the latest finished one
    kujala_score: int | None
    kujala_change: KujalaChangeOut | None
    usual_pain_0_10: int | None
    open_red_flags: list[str]  # answered yes and not cleared by a clinician
    load_level: str | None  # None: not enough data yet


def _summary_out(runner: User) -> RunnerSummaryOut:
    summary = runner_summary(runner, now=timezone.now())
    change = summary.kujala_change
    return RunnerSummaryOut(
        runner_id=runner.pk,
        email=runner.email,
        latest_assessment_id=summary.latest.pk if summary.latest else None,
        kujala_score=summary.kujala_score,
        kujala_change=KujalaChangeOut.model_validate(change, from_attributes=True)
        if change
        else None,
        usual_pain_0_10=summary.usual_pain_0_10,
        open_red_flags=list(summary.open_red_flags),
        load_level=summary.load_level,
    )


@router.get("/clinicians", response={200: list[ClinicianAccessOut], **Errors.READ})
def list_clinicians(request: HttpRequest) -> list[ClinicianAccessOut]:
    """The clinicians who can see the caller's data now, newest first."""
    accesses = ClinicianAccess.objects.filter(
        runner=caller(request), revoked_at__isnull=True
    ).select_related("clinician")
    return [
        ClinicianAccessOut(
            id=access.pk,
            clinician_id=access.clinician_id,
            clinician_email=access.clinician.email,
            granted_at=access.granted_at,
        )
        for access in accesses
    ]


@router.post("/invitations", response={201: InvitationOut, **Errors.WRITE})
def invite_clinician(request: HttpRequest, payload: InvitationIn) -> Status[InvitationOut]:
    """Email a clinician a single-use link (7 days) to see the caller's data, read-only."""
    user = caller(request)
    form = InviteForm({"email": payload.email}, runner=user)
    if not form.is_valid():
        problems = [str(message) for message in form.errors.get("email", [])]
        raise InvalidRequest(" ".join(problems) or "Enter an email address.", field="email")
    invitation = services.invite_clinician(
        user, form.cleaned_data["email"], site_url=request.build_absolute_uri("/")
    )
    return Status(
        201,
        InvitationOut(
            id=invitation.pk,
            email=invitation.email,
            created_at=invitation.created_at,
            expires_at=invitation.expires_at,
        ),
    )


@router.delete("/clinicians/{access_id}", response={204: None, **Errors.WRITE})
def revoke_clinician(request: HttpRequest, access_id: ObjectId) -> Status[None]:
    """End one clinician's access; from then on they get 404s."""
    user = caller(request)
    if not ClinicianAccess.objects.filter(
        pk=access_id, runner=user, revoked_at__isnull=True
    ).exists():
        raise NotFound(NOT_FOUND)
    services.revoke_access(user, access_id)
    return Status(204, None)


@runners_router.get("", response={200: list[RunnerSummaryOut], **Errors.READ})
def list_runners(request: HttpRequest) -> list[RunnerSummaryOut]:
    """A clinician's runners (those who invited them), each with their key figures."""
    accesses = ClinicianAccess.objects.filter(
        clinician=caller(request), revoked_at__isnull=True
    ).select_related("runner")
    return [_summary_out(access.runner) for access in accesses]


@runners_router.get("/{runner_id}", response={200: RunnerSummaryOut, **Errors.READ})
def get_runner(request: HttpRequest, runner_id: ObjectId) -> RunnerSummaryOut:
    """One runner's key figures: the caller's own, or an inviting runner's."""
    return _summary_out(readable_runner(request, runner_id))
