from django.urls import path, re_path

from hipfirst.web.api import views
from hipfirst.web.api.api import api

app_name = "api"

urlpatterns = [
    path("v1/", api.urls),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="revoke_token"),
    re_path(r"^v1/", views.api_not_found),  # after the API's own paths: JSON, not HTML
]
