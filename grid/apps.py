from django.apps import AppConfig


class GridConfig(AppConfig):
    """App config for grid (网格化管理): connects the calendar receiver that keeps due dates honest."""

    name = "grid"
    label = "grid"
    verbose_name = "网格化管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from grid import signals  # noqa: F401
