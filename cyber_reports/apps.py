from django.apps import AppConfig


class CyberReportsConfig(AppConfig):
    name = "cyber_reports"
    verbose_name = "Cyber-incident reports"
