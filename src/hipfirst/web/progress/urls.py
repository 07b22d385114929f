from django.urls import path

from hipfirst.web.progress import views

app_name = "progress"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.pdf", views.report, name="report"),
    path("settings/", views.your_data, name="settings"),
    path("settings/hipfirst-data.zip", views.export, name="export"),
    path("settings/delete/", views.delete, name="delete"),
]
