from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "hipfirst.web.training"
    label = "training"
    verbose_name = "Training"
