from django.urls import path

from hipfirst.web.cadence import views

app_name = "cadence"

urlpatterns = [
    path("", views.cadence, name="page"),
    path("track.wav", views.track, name="track"),
]
