from django.apps import AppConfig


class CadenceConfig(AppConfig):
    name = "hipfirst.web.cadence"
    label = "cadence"
    verbose_name = "Cadence"
