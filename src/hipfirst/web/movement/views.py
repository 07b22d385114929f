"""Movement-check pages: upload, the filming guide, progress and results, pictures, delete.

A check and its pictures are reached only through ``visible_to`` (the runner, and
clinicians they invited, read-only); the pictures are served through this view, never
from a public media URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from hipfirst.web.accounts.views import signed_in_user
from hipfirst.web.movement import services
from hipfirst.web.movement.forms import MovementUploadForm
from hipfirst.web.movement.models import MovementCheckRecord, MovementPicture


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checks(request: HttpRequest) -> HttpResponse:
    """The runner's checks and the upload form; a valid upload is analysed in the background."""
    runner = signed_in_user(request)
    form = MovementUploadForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    if form.is_valid():
        record = services.create_check(
            runner,
            form.cleaned_data["video"],
            exercise=form.cleaned_data["exercise"],
            side=form.cleaned_data["side"],
        )
        return redirect("movement:check", pk=record.pk)
    context = {"form": form, "checks": MovementCheckRecord.objects.owned_by(runner)}
    return render(request, "movement/checks.html", context)


@require_safe
def guide(request: HttpRequest) -> HttpResponse:
    """How to film: phone at hip height, 2–3 m away, whole body in frame, five reps a leg."""
    return render(request, "movement/guide.html")


@login_required
@require_safe
def check(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while the analysis runs, then the table, the verdict and the pictures."""
    record = get_object_or_404(MovementCheckRecord.objects.visible_to(request.user), pk=pk)
    context = {
        "check": record,
        "result": record.result or {},
        "pictures": record.pictures.all(),
        "is_owner": record.runner_id == request.user.pk,
    }
    return render(request, "movement/check.html", context)


@login_required
@require_safe
def progress(request: HttpRequest, pk: int) -> JsonResponse:
    """Frames done of total, for the page's progress bar."""
    record = get_object_or_404(MovementCheckRecord.objects.visible_to(request.user), pk=pk)
    return JsonResponse(
        {
            "status": record.status,
            "files_done": record.frames_done,
            "files_total": record.frames_total,
            "is_finished": record.is_finished,
        }
    )


@login_required
@require_safe
def picture(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """One annotated picture, to those who may see the check."""
    found = get_object_or_404(
        MovementPicture.objects.filter(
            movement_check__in=MovementCheckRecord.objects.visible_to(request.user)
        ),
        movement_check_id=pk,
        number=number,
    )
    return FileResponse(found.image.open("rb"), content_type="image/jpeg")


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a check with its video and pictures (the runner only)."""
    record = get_object_or_404(MovementCheckRecord.objects.owned_by(request.user), pk=pk)
    services.delete_check(record)
    messages.success(request, "Deleted, with the video and its pictures.")
    return redirect("movement:checks")
