from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Directory"

    def ready(self) -> None:
        from . import caching, models

        caching.connect_signals(
            [
                models.Category,
                models.Program,
                models.Contact,
                models.Link,
                models.FieldOffice,
                models.CoverageArea,
                models.FAQ,
            ]
        )
