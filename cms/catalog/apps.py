from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """App config for cms.catalog (公开目录)."""

    name = "cms.catalog"
    label = "catalog"
    verbose_name = "公开目录"
    default_auto_field = "django.db.models.BigAutoField"
