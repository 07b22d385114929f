"""Project-wide pages: the home page and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """What hipfirst does, in plain words, and what to do first."""
    return render(request, "home.html")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 in the house style; says nothing about what exists."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 in the house style; no details reach the runner.

    Rendered without the request's context processors and from a template that extends
    nothing: the error may be the database gone, and this page must not need it (the
    logged-in header would look the user up). Were it to fail too, the runner would get
    gunicorn's bare error instead.
    """
    return HttpResponseServerError(loader.render_to_string("500.html"))
