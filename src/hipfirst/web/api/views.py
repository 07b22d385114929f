"""The API tokens page: make a personal token (shown once), see and revoke your tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from hipfirst.core.errors import HipfirstError
from hipfirst.web.accounts.views import signed_in_user
from hipfirst.web.api import services
from hipfirst.web.api.errors import NOT_FOUND, NotFound
from hipfirst.web.api.forms import TokenForm
from hipfirst.web.api.models import ApiToken


@never_cache  # the page may show a new token: no copy in any cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The runner's open tokens and a form for a new one; a new token is shown only here."""
    user = signed_in_user(request)
    form = TokenForm(request.POST if request.method == "POST" else None)
    new_token = None
    if form.is_valid():
        try:
            new_token = services.create_token(user, form.cleaned_data["name"]).token
        except HipfirstError as exc:
            form.add_error("name", exc.message)
        else:
            form = TokenForm()
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": ApiToken.objects.owned_by(user),
    }
    status = 201 if new_token else 400 if form.errors else 200
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the runner's tokens; scripts using it get 401 from now on."""
    if not services.revoke_token(signed_in_user(request), pk, now=timezone.now()):
        raise Http404("no such token")
    messages.success(request, "Token revoked. Anything using it can no longer reach your data.")
    return redirect("api:tokens")


def api_not_found(request: HttpRequest) -> JsonResponse:
    """Any address under /api/v1/ that is no endpoint: a 404 in the API's error shape."""
    error = NotFound(NOT_FOUND)
    body = {"error": {"code": error.code, "field": error.field, "message": error.message}}
    return JsonResponse(body, status=404)
