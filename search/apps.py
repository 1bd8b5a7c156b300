from django.apps import AppConfig


class SearchConfig(AppConfig):
    """App config for search (全文检索); connects the indexing receivers."""

    name = "search"
    label = "sitesearch"
    verbose_name = "全文检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import signals  # noqa: F401
