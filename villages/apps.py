from django.apps import AppConfig


class VillagesConfig(AppConfig):
    """App config for villages (村务公开); connects the signal that sets a new village up."""

    name = "villages"
    label = "villages"
    verbose_name = "村务公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from villages import signals  # noqa: F401
