from django.urls import include, path

from hipfirst.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("hipfirst.web.accounts.urls")),
    path("assessment/", include("hipfirst.web.assessment.urls")),
    path("training/", include("hipfirst.web.training.urls")),
    path("cadence/", include("hipfirst.web.cadence.urls")),
    path("sharing/", include("hipfirst.web.sharing.urls")),
    path("movement/", include("hipfirst.web.movement.urls")),
    path("programme/", include("hipfirst.web.programme.urls")),
    path("learn/", include("hipfirst.web.learn.urls")),
    path("progress/", include("hipfirst.web.progress.urls")),
    path("api/", include("hipfirst.web.api.urls")),
]

handler404 = "hipfirst.web.views.page_not_found"
handler500 = "hipfirst.web.views.server_error"
