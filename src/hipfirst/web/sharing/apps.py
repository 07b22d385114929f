from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "hipfirst.web.sharing"
    label = "sharing"
    verbose_name = "Sharing"
