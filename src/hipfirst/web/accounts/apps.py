from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hipfirst.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
