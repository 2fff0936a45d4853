from django.apps import AppConfig


class CyberReportsConfig(AppConfig):
    name = "cyber_reports"
    verbose_name = "Cyber-incident reports"

    def ready(self) -> None:
        from . import retention

        retention.register()
