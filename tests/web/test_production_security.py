"""In production the site sends CSP and HSTS, marks its cookies Secure and redirects to HTTPS.

The checks run in a child process with ``HIPFIRST_ENV=production`` (settings are read once
per process), which drives the real middleware with Django's test client and prints what
came back as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.web.factories import PASSWORD

HOST = "hipfirst.example.org"
PRODUCTION = {
    "HIPFIRST_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-ZWq8Jv3nT0pX7yR2mL5sK9dF4hB6cA1e",
    "ALLOWED_HOSTS": HOST,
    "DATABASE_URL": "sqlite:///:memory:",
    "DJANGO_SETTINGS_MODULE": "hipfirst.web.settings",
}
CHILD = f"""
import json
import django

django.setup()
from django.core.management import call_command
from django.conf import settings
from django.test import Client, override_settings

from hipfirst.web.accounts.models import User

# Pages name their static files; production's manifest storage would need collectstatic
# first. Only this storage is swapped: every security setting stays production's.
override_settings(
    STORAGES={{**settings.STORAGES, "staticfiles": {{
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }}}}
).enable()
call_command("migrate", verbosity=0)
User.objects.create_user("ana@example.org", {PASSWORD!r})
https = {{"HTTP_X_FORWARDED_PROTO": "https"}}  # as the proxy in front of gunicorn says
client = Client(HTTP_HOST={HOST!r})
plain = client.get("/accounts/login/")
page = client.get("/accounts/login/", **https)
login = client.post(
    "/accounts/login/", {{"username": "ana@example.org", "password": {PASSWORD!r}}}, **https
)
api = client.get("/api/v1/openapi.json", **https)


def cookies(response):
    return {{
        name: {{"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"])}}
        for name, morsel in response.cookies.items()
    }}


print(json.dumps({{
    "plain": {{"status": plain.status_code, "location": plain.get("Location")}},
    "page": {{"headers": dict(page.headers), "cookies": cookies(page)}},
    "login": {{"status": login.status_code, "cookies": cookies(login)}},
    "api": {{"headers": dict(api.headers)}},
}}))
"""


@pytest.fixture(scope="module")
def production() -> dict[str, Any]:
    """What the production site answered, from a child process."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=environment | PRODUCTION,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answered: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answered


def test_plain_http_is_redirected_to_https(production: dict[str, Any]) -> None:
    """The SSL redirect is on."""
    assert production["plain"]["status"] == 301
    assert production["plain"]["location"].startswith(f"https://{HOST}/")


def test_pages_and_the_api_send_hsts_for_a_year_with_subdomains(production: dict[str, Any]) -> None:
    """Strict-Transport-Security on a page and on an API answer."""
    for answer in (production["page"], production["api"]):
        hsts = answer["headers"]["Strict-Transport-Security"]

        assert "max-age=31536000" in hsts
        assert "includeSubDomains" in hsts


def test_pages_and_the_api_send_a_csp_without_inline_scripts(production: dict[str, Any]) -> None:
    """Scripts from our own origin only: no inline script, no CDN."""
    for answer in (production["page"], production["api"]):
        csp = answer["headers"]["Content-Security-Policy"]

        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp


def test_the_csrf_and_session_cookies_are_secure(production: dict[str, Any]) -> None:
    """Both cookies carry Secure; the session cookie is also HttpOnly."""
    csrf = production["page"]["cookies"]["csrftoken"]
    session = production["login"]["cookies"]["sessionid"]

    assert production["login"]["status"] == 302
    assert csrf["secure"]
    assert session["secure"]
    assert session["httponly"]


def test_answers_say_nosniff_and_deny_framing(production: dict[str, Any]) -> None:
    """The other security headers of settings.py are sent too."""
    headers = production["page"]["headers"]

    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
