"""The API's documentation page: every endpoint, listed server-side, with no script.

ninja's Swagger and Redoc pages run JavaScript (Swagger from a CDN unless ninja is an
installed app, both with inline set-up), which our Content Security Policy forbids. This
page lists each operation from the OpenAPI schema instead, and links to the schema itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

METHODS = ("get", "post", "put", "patch", "delete")


class EndpointList(DocsBase):
    """A plain HTML list of the API's operations."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = [
            {
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "tag": (operation.get("tags") or [""])[0],
                "statuses": sorted(operation.get("responses", {})),
            }
            for path, item in schema["paths"].items()
            for method, operation in item.items()
            if method in METHODS
        ]
        context = {
            "api": api,
            "operations": sorted(operations, key=lambda op: (op["tag"], op["path"])),
            "openapi_url": self.get_openapi_url(api, kwargs),
        }
        return render(request, "api/docs.html", context)
