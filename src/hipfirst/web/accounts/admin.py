from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from hipfirst.web.accounts.models import User


@admin.register(User)
class HipfirstUserAdmin(UserAdmin[User]):
    ordering = ("email",)
    list_display = ("email", "is_staff", "date_joined")
    search_fields = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
