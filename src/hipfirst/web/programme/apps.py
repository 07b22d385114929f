from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "hipfirst.web.programme"
    label = "programme"
    verbose_name = "Programme"
