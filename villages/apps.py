from django.apps import AppConfig


class VillagesConfig(AppConfig):
    """App config for villages (村务公开)."""

    name = "villages"
    label = "villages"
    verbose_name = "村务公开"
    default_auto_field = "django.db.models.BigAutoField"
