from django.urls import path

from hipfirst.web.movement import views

app_name = "movement"

urlpatterns = [
    path("", views.checks, name="checks"),
    path("guide/", views.guide, name="guide"),
    path("<int:pk>/", views.check, name="check"),
    path("<int:pk>/progress.json", views.progress, name="progress"),
    path("<int:pk>/pictures/<int:number>.jpg", views.picture, name="picture"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
