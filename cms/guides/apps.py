from django.apps import AppConfig


class GuidesConfig(AppConfig):
    """App config for cms.guides (办事指南)."""

    name = "cms.guides"
    label = "guides"
    verbose_name = "办事指南"
    default_auto_field = "django.db.models.BigAutoField"
