"""Sign up; the other account pages are Django's own views with our templates."""

from __future__ import annotations

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hipfirst.web.accounts.forms import SignUpForm


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
