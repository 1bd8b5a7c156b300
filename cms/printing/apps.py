from django.apps import AppConfig


class PrintingConfig(AppConfig):
    """App config for cms.printing (打印): connects the guide signals that keep booklets fresh."""

    name = "cms.printing"
    label = "printing"
    verbose_name = "打印"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.printing import signals

        signals.connect()
