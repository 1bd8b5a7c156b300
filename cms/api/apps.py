from django.apps import AppConfig


class ApiConfig(AppConfig):
    """App config for cms.api (接口)."""

    name = "cms.api"
    label = "api"
    verbose_name = "接口"
    default_auto_field = "django.db.models.BigAutoField"
