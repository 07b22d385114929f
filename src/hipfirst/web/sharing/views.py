"""Sharing pages: invite and revoke (runner), accept, the clinician's runners, notes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from hipfirst.web.accounts.models import User
from hipfirst.web.accounts.views import signed_in_user
from hipfirst.web.assessment.models import Assessment
from hipfirst.web.sharing import services
from hipfirst.web.sharing.access import can_see_runner
from hipfirst.web.sharing.forms import ClinicianSignUpForm, InviteForm, NoteForm
from hipfirst.web.sharing.models import ClinicianAccess, ClinicianNote
from hipfirst.web.sharing.summary import runner_summary
from hipfirst.web.training.models import Activity


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    """A runner's clinicians and notes, with the invite form; a clinician's runners."""
    user = signed_in_user(request)
    form = InviteForm(request.POST if request.method == "POST" else None, runner=user)
    if form.is_valid():
        services.invite_clinician(
            user, form.cleaned_data["email"], site_url=request.build_absolute_uri("/")
        )
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("sharing:home")
    runners = [
        runner_summary(access.runner, now=timezone.now())
        for access in ClinicianAccess.objects.filter(
            clinician=user, revoked_at__isnull=True
        ).select_related("runner")
    ]
    context = {
        "form": form,
        "accesses": ClinicianAccess.objects.filter(
            runner=user, revoked_at__isnull=True
        ).select_related("clinician"),
        "notes": ClinicianNote.objects.filter(runner=user).select_related("clinician")[:20],
        "runners": runners,
    }
    return render(request, "sharing/home.html", context)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """The runner ends one clinician's access; anyone else's is a 404."""
    if not services.revoke_access(signed_in_user(request), pk):
        raise Http404("no such access")
    messages.success(request, "Access removed. That clinician can no longer see your data.")
    return redirect("sharing:home")


@require_http_methods(["GET", "HEAD", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link: sign up as a clinician, or accept while logged in."""
    try:
        invitation = services.usable_invitation(token)
    except services.InvitationUnusable as exc:
        return render(request, "sharing/unusable.html", {"message": exc.message}, status=410)
    signup = ClinicianSignUpForm(
        request.POST if request.method == "POST" and not request.user.is_authenticated else None,
        initial={"email": invitation.email},
    )
    if request.method == "POST":
        if request.user.is_authenticated:
            clinician = signed_in_user(request)
        elif signup.is_valid():
            clinician = User.objects.create_user(
                signup.cleaned_data["email"], signup.cleaned_data["password"], is_clinician=True
            )
            login(request, clinician, backend="django.contrib.auth.backends.ModelBackend")
        else:
            return render(
                request, "sharing/accept.html", {"invitation": invitation, "form": signup}
            )
        try:
            services.accept_invitation(token, clinician)
        except services.InvitationUnusable as exc:
            return render(request, "sharing/unusable.html", {"message": exc.message}, status=410)
        return redirect("sharing:runner", runner_id=invitation.runner_id)
    return render(request, "sharing/accept.html", {"invitation": invitation, "form": signup})


@login_required
@require_safe
def runner(request: HttpRequest, runner_id: int) -> HttpResponse:
    """One runner's key figures and links to their pages, read-only, with notes."""
    if not can_see_runner(request.user, runner_id):
        raise Http404("not shared")
    shown = get_object_or_404(User, pk=runner_id)
    context = {
        "summary": runner_summary(shown, now=timezone.now()),
        "assessments": Assessment.objects.filter(runner=shown, completed_on__isnull=False),
        "runs": Activity.objects.filter(runner=shown, is_running=True)[:20],
        "notes": ClinicianNote.objects.filter(runner=shown).select_related("clinician"),
        "note_form": NoteForm(),
        "is_clinician_view": request.user.pk != runner_id,
    }
    return render(request, "sharing/runner.html", context)


@login_required
@require_POST
def note(request: HttpRequest, runner_id: int) -> HttpResponse:
    """An invited clinician leaves a note the runner sees."""
    if request.user.pk == runner_id or not can_see_runner(request.user, runner_id):
        raise Http404("not shared")
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(
            signed_in_user(request),
            get_object_or_404(User, pk=runner_id),
            form.cleaned_data["text"],
        )
        messages.success(request, "Note saved. Your runner sees it on their Sharing page.")
    return redirect("sharing:runner", runner_id=runner_id)
