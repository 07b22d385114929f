from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "hipfirst.web.assessment"
    label = "assessment"
    verbose_name = "Assessment"
