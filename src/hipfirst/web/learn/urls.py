from django.urls import path

from hipfirst.web.learn import views

app_name = "learn"

urlpatterns = [
    path("", views.index, name="index"),
    path("shoes/", views.shoes, name="shoes"),
    path("shoes/results/", views.shoe_results, name="shoe_results"),
    path("<slug:slug>/", views.page, name="page"),
]
