from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    """App config for cms.workflow (审核流程)."""

    name = "cms.workflow"
    label = "workflow"
    verbose_name = "审核流程"
    default_auto_field = "django.db.models.BigAutoField"
