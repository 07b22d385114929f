"""The OpenAPI schema is served, checked in, and documented on a page with no script."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from hipfirst.web import api as api_package
from hipfirst.web.api.management.commands.write_openapi import SCHEMA_FILE


def test_the_served_schema_is_the_checked_in_file(client: Client) -> None:
    """Regenerate with `python -m django write_openapi` when the API changes."""
    served = client.get("/api/v1/openapi.json")

    assert served.status_code == 200
    assert served.json() == json.loads(SCHEMA_FILE.read_text("utf-8"))


def test_the_write_openapi_check_agrees() -> None:
    """`write_openapi --check` passes on the checked-in file (what `make check` can run)."""
    out = io.StringIO()

    call_command("write_openapi", check=True, stdout=out)

    assert "up to date" in out.getvalue()


def test_every_operation_documents_its_errors_and_security() -> None:
    """Each operation names 401 and its auth; each error answer uses ErrorOut."""
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    operations = [op for item in schema["paths"].values() for op in item.values()]

    assert all("401" in op["responses"] for op in operations)
    assert all(op["security"] for op in operations)
    assert all(
        response["content"]["application/json"]["schema"]
        == {"$ref": "#/components/schemas/ErrorOut"}
        for op in operations
        for status, response in op["responses"].items()
        if int(status) >= 400
    )


@pytest.mark.django_db
def test_the_docs_page_lists_every_operation_and_runs_no_script(client: Client) -> None:
    """A plain page: every path listed, no <script>, nothing from another site, our CSP."""
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))

    response = client.get("/api/v1/docs")
    page = response.content.decode()

    assert response.status_code == 200
    assert all(path in page for path in schema["paths"])
    assert "<script" not in page
    assert "cdn" not in page.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_no_two_schemas_share_a_name() -> None:
    """The OpenAPI components are keyed by class name: a clash would swap one for another."""
    routers = Path(api_package.__file__).parent / "routers"
    names = [
        node.name
        for path in routers.glob("*.py")
        for node in ast.parse(path.read_text("utf-8")).body
        if isinstance(node, ast.ClassDef)
    ]

    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
