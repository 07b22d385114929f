from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from hipfirst.web.accounts import views
from hipfirst.web.accounts.forms import LoginForm

app_name = "accounts"

# Django's form views take PUT as they take POST; ours are posted by HTML forms only.
FORM = ["get", "head", "post"]
PAGE = ["get", "head"]

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True, http_method_names=FORM
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            http_method_names=FORM,
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(http_method_names=PAGE),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete"), http_method_names=FORM
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(http_method_names=PAGE),
        name="password_reset_complete",
    ),
]
