from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "hipfirst.web.learn"
    label = "learn"
    verbose_name = "Learn"
