from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hipfirst.web.api"
    label = "api"
    verbose_name = "API"
