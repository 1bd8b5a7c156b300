from django.apps import AppConfig


class CoreConfig(AppConfig):
    """App config for cms.core (核心)."""

    name = "cms.core"
    label = "core"
    verbose_name = "核心"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.core.signals import connect_calendar_receivers

        connect_calendar_receivers()
