from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "hipfirst.web.ui"
    label = "ui"
    verbose_name = "Presentation"
