from django.apps import AppConfig


class StakeholderFormsConfig(AppConfig):
    name = "stakeholder_forms"
    verbose_name = "Criminal Justice Stakeholder requests"

    def ready(self) -> None:
        from . import retention

        retention.register()
