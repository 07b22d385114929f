from django.urls import path

from hipfirst.web.sharing import views

app_name = "sharing"

urlpatterns = [
    path("", views.home, name="home"),
    path("access/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("invitations/<str:token>/", views.accept, name="accept"),
    path("runners/<int:runner_id>/", views.runner, name="runner"),
    path("runners/<int:runner_id>/notes/", views.note, name="note"),
]
