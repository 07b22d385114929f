from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "hipfirst.web.progress"
    label = "progress"
    verbose_name = "Progress"
