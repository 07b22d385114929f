from django.urls import path

from hipfirst.web.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("start/", views.start, name="start"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/clearance/", views.clearance, name="clearance"),
    path("<int:pk>/<slug:step>/", views.step, name="step"),
]
