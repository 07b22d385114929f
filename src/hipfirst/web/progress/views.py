"""Progress pages: the dashboard, the physio report (PDF), and the runner's own data.

Every page shows the logged-in runner's own data only; nothing here takes another
runner's id, so there is nothing of anyone else to reach.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from hipfirst.web.accounts.models import User
from hipfirst.web.progress import services
from hipfirst.web.progress.dashboard import runner_progress
from hipfirst.web.progress.export import export_filename, export_zip
from hipfirst.web.progress.figures import progress_charts
from hipfirst.web.progress.forms import DeleteAccountForm
from hipfirst.web.progress.report import physio_report
from hipfirst.web.progress.sources import progress_sources


class AuthenticatedHttpRequest(HttpRequest):
    """A request that ``login_required`` let through: its user is a runner."""

    user: User


@login_required
@require_safe
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Pain, Kujala, adherence, distance, cadence and movement checks, each over time."""
    progress = runner_progress(request.user, viewer=request.user, now=timezone.now())
    context = {
        "progress": progress,
        "charts": progress_charts(progress),
        "sources": progress_sources(),
    }
    return render(request, "progress/dashboard.html", context)


@login_required
@require_safe
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The report for the runner's physio, as a PDF download."""
    drawn = physio_report(request.user, viewer=request.user, now=timezone.now())
    response = HttpResponse(drawn.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{drawn.filename}"'
    return response


@login_required
@require_safe
def your_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Download everything, or delete the account."""
    return render(request, "progress/settings.html")


@login_required
@require_safe
def export(request: AuthenticatedHttpRequest) -> FileResponse:
    """Everything that belongs to the runner, as a zip of JSON and CSV files."""
    now = timezone.now()
    return FileResponse(
        export_zip(request.user, exported_at=now),
        as_attachment=True,
        filename=export_filename(timezone.localtime(now)),
        content_type="application/zip",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ask for the password; a right one deletes the account and all its data."""
    form = DeleteAccountForm(request.user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.delete_account(request.user)
        logout(request)
        messages.success(request, "Your account and all your data have been deleted.")
        return redirect("home")
    status = 400 if form.errors else 200
    return render(request, "progress/delete.html", {"form": form}, status=status)
