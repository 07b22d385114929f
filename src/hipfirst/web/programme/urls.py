from datetime import date

from django.urls import path, register_converter

from hipfirst.web.programme import views

app_name = "programme"


class SessionDateConverter:
    """A session's date in a URL, as YYYY-MM-DD; anything else is no match (404)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)  # ValueError (e.g. 2025-02-30) means no match

    def to_url(self, value: date) -> str:
        return value.isoformat()


register_converter(SessionDateConverter, "session_date")

urlpatterns = [
    path("", views.plan_home, name="home"),
    path("start/", views.start, name="start"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/sessions/<session_date:on>/", views.session, name="session"),
    path("plans/<int:pk>/hipfirst-plan.ics", views.plan_ics, name="plan_ics"),
    path("exercises/<slug:exercise_id>/", views.exercise, name="exercise"),
    path("primer/", views.primer, name="primer"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/new-address/", views.calendar_renew, name="calendar_renew"),
    path("calendar/turn-off/", views.calendar_revoke, name="calendar_revoke"),
    # A slug, as tokens are URL-safe base64: anything else (a NUL, which PostgreSQL refuses
    # in a query) is no match, so a 404.
    path("calendar/<slug:token>.ics", views.feed, name="feed"),
]
