from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    """App config for cms.disclosure (政务公开); connects the publish receivers."""

    name = "cms.disclosure"
    label = "disclosure"
    verbose_name = "政务公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.disclosure import signals  # noqa: F401
