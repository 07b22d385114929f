"""Personal API tokens: made on a page or by the session, shown once, stored as a hash,
revoked for good; and CSRF, which session requests need and token requests do not."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.web.api import services
from hipfirst.web.api.models import ApiToken
from hipfirst.web.ratelimit import TOKEN_CREATION
from tests.web.api.people import token_for
from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db

COUNT = {"steps_in_30_s": 85}


def _logged_in(*, enforce_csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(make_runner("ines@example.org"))
    return client


def _post_json(client: Client, url: str, body: object, **headers: str):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_the_tokens_page_shows_a_new_token_once_and_keeps_only_its_hash() -> None:
    """The page shows the token after making it; the database holds its SHA-256 only."""
    client = _logged_in()

    made = client.post(reverse("api:tokens"), {"name": "my export script"})
    token = made.context["new_token"]
    again = client.get(reverse("api:tokens"))

    assert made.status_code == 201
    assert token.startswith("hf_")
    assert token in made.content.decode()
    assert token not in again.content.decode()
    assert "my export script" in again.content.decode()
    assert ApiToken.objects.get().token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert not ApiToken.objects.filter(token_sha256=token).exists()


def test_the_tokens_page_is_never_cached() -> None:
    """A page that may show a token tells every cache not to keep it."""
    response = _logged_in().post(reverse("api:tokens"), {"name": "script"})

    assert "no-store" in response["Cache-Control"]


def test_a_token_calls_the_api_until_it_is_revoked_on_the_page() -> None:
    """Revoking on the page turns the token's next request into a 401."""
    client = _logged_in()
    token = client.post(reverse("api:tokens"), {"name": "script"}).context["new_token"]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    before = api.get("/api/v1/me").status_code

    client.post(reverse("api:revoke_token", args=[ApiToken.objects.get().pk]))

    assert before == 200
    assert api.get("/api/v1/me").status_code == 401


def test_revoking_another_runners_token_on_the_page_is_a_404() -> None:
    """A runner cannot revoke (or learn about) someone else's token."""
    theirs = services.create_token(make_runner("other@example.org"), "theirs").row

    response = _logged_in().post(reverse("api:revoke_token", args=[theirs.pk]))

    assert response.status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None


def test_the_session_makes_a_token_through_the_api_and_it_works() -> None:
    """POST /api/v1/tokens by the logged-in session answers the token once, no-store."""
    response = _post_json(_logged_in(), "/api/v1/tokens", {"name": "laptop"})
    token = response.json()["token"]

    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/me").status_code == 200


def test_a_token_cannot_make_another_token() -> None:
    """Making a token needs the session: a leaked token cannot outlive its revocation."""
    token = token_for(make_runner())

    response = _post_json(
        Client(), "/api/v1/tokens", {"name": "x"}, Authorization=f"Bearer {token}"
    )

    assert response.status_code == 401
    assert ApiToken.objects.count() == 1


def test_a_token_of_a_deactivated_account_is_refused() -> None:
    """An account switched off loses its API access at once."""
    runner = make_runner()
    token = token_for(runner)
    runner.is_active = False
    runner.save()

    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/me").status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer hf_not-a-real-token", "Bearer ", "Token abc", "Basic YTpi", "Bearer"]
)
def test_a_wrong_or_malformed_authorization_header_is_a_401(header: str) -> None:
    """Anything but a known token is a 401 in the API's error shape."""
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/me")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_using_a_token_notes_when_it_was_last_used() -> None:
    """The tokens list shows when each token was last used."""
    token = token_for(make_runner())

    Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/me")

    assert ApiToken.objects.get().last_used_at is not None


def test_the_token_after_the_limit_is_refused_with_a_429() -> None:
    """Only TOKEN_CREATION.attempts new tokens an hour; then a plain 429."""
    client = _logged_in()
    made = [
        _post_json(client, "/api/v1/tokens", {"name": f"t{n}"}).status_code
        for n in range(TOKEN_CREATION.attempts)
    ]

    refused = _post_json(client, "/api/v1/tokens", {"name": "one too many"})

    assert made == [201] * TOKEN_CREATION.attempts
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert ApiToken.objects.count() == TOKEN_CREATION.attempts


def test_the_page_says_plainly_when_the_token_limit_is_reached() -> None:
    """On the page the limit is an error on the name field, and no token is made."""
    client = _logged_in()
    for n in range(TOKEN_CREATION.attempts):
        client.post(reverse("api:tokens"), {"name": f"t{n}"})

    response = client.post(reverse("api:tokens"), {"name": "one too many"})

    assert response.status_code == 400
    assert "Wait a while" in response.content.decode()
    assert response.context["new_token"] is None


def test_a_session_request_that_changes_data_needs_the_csrf_token() -> None:
    """Without X-CSRFToken a logged-in POST is a 403 and nothing is stored."""
    response = _post_json(_logged_in(enforce_csrf=True), "/api/v1/cadence/counts", COUNT)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"


def test_a_session_request_with_the_csrf_token_is_accepted() -> None:
    """The csrftoken cookie's value in X-CSRFToken lets the session POST."""
    client = _logged_in(enforce_csrf=True)
    client.get(reverse("api:tokens"))  # a page with a form sets the cookie
    csrf = client.cookies["csrftoken"].value

    response = _post_json(client, "/api/v1/cadence/counts", COUNT, **{"X-CSRFToken": csrf})

    assert response.status_code == 201


def test_a_session_read_needs_no_csrf_token() -> None:
    """GET is safe: the session reads without a CSRF token."""
    assert _logged_in(enforce_csrf=True).get("/api/v1/cadence").status_code == 200


def test_a_token_request_that_changes_data_needs_no_csrf_token() -> None:
    """A bearer token is not sent by a browser on its own, so no CSRF check applies."""
    client = Client(enforce_csrf_checks=True)
    token = token_for(make_runner())

    response = _post_json(client, "/api/v1/cadence/counts", COUNT, Authorization=f"Bearer {token}")

    assert response.status_code == 201


def test_an_anonymous_post_is_a_401_not_a_csrf_error() -> None:
    """Without a session or token the answer is 'log in', whatever the method."""
    response = _post_json(Client(enforce_csrf_checks=True), "/api/v1/cadence/counts", COUNT)

    assert response.status_code == 401


def test_revoking_through_the_api_ends_the_token_at_once() -> None:
    """DELETE /api/v1/tokens/{id} with the token itself: its next request is a 401."""
    token = token_for(make_runner())
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    deleted = client.delete(f"/api/v1/tokens/{ApiToken.objects.get().pk}")

    assert deleted.status_code == 204
    assert client.get("/api/v1/me").status_code == 401
    revoked_at = ApiToken.objects.get().revoked_at
    assert revoked_at is not None
    assert revoked_at <= timezone.now()
