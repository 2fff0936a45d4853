from django.apps import AppConfig


class LeaCornerConfig(AppConfig):
    name = "leacorner"
    verbose_name = "LEA Corner"
