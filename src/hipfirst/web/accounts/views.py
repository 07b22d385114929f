"""Sign up; the other account pages are Django's own views with our templates."""

from __future__ import annotations

from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hipfirst.web.accounts.forms import SignUpForm
from hipfirst.web.accounts.models import User


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account and log straight in; a bad form re-renders with its errors."""
    if request.user.is_authenticated:
        return redirect("home")
    # Not `request.POST or None`: an empty POST must still be validated, not ignored.
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


def signed_in_user(request: HttpRequest) -> User:
    """The logged-in user as our model (views behind ``login_required`` only)."""
    if not isinstance(request.user, User):
        raise PermissionDenied("log in first")
    return request.user
