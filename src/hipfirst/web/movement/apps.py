from django.apps import AppConfig


class MovementConfig(AppConfig):
    name = "hipfirst.web.movement"
    label = "movement"
    verbose_name = "Movement check"
