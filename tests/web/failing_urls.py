"""A URL whose view fails, to see what a runner gets from an unexpected error."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from hipfirst.web.urls import handler404, handler500, urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug the runner must never see")


urlpatterns = [*urlpatterns, path("boom/", boom)]
__all__ = ["handler404", "handler500", "urlpatterns"]
