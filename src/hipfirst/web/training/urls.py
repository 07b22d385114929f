from django.urls import path

from hipfirst.web.training import views

app_name = "training"

urlpatterns = [
    path("", views.runs, name="runs"),
    path("load/", views.load, name="load"),
    path("import/", views.upload, name="upload"),
    path("imports/<int:pk>/", views.batch, name="batch"),
    path("imports/<int:pk>/progress.json", views.batch_progress, name="batch_progress"),
    path("runs/<int:pk>/", views.run, name="run"),
]
