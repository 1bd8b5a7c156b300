from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate


def project_app_labels(apps) -> list[str]:
    """Labels of the apps that live in this repository (not in the virtualenv)."""
    base = Path(settings.BASE_DIR).resolve()
    labels = []
    for app_config in apps.get_app_configs():
        path = Path(app_config.path).resolve()
        if path.is_relative_to(base) and ".venv" not in path.relative_to(base).parts:
            labels.append(app_config.label)
    return labels


def grant_permissions_of_new_models(sender, app_config=None, using="default", apps=None, **kwargs):
    """After every migrate, give 管理员 the permissions of project models added since the roles.

    Creates those permissions first (Django's own post_migrate handler may run
    later), then only adds — it never takes a permission away.
    """
    from django.apps import apps as live_apps

    from cms.workflow import roles

    labels = [label for label in project_app_labels(live_apps) if label not in roles.ADMIN_EXCLUDED_APP_LABELS]
    roles.ensure_permissions(live_apps, labels, using=using)
    roles.grant_new_model_permissions(live_apps, admin_app_labels=labels, content_app_labels=roles.CONTENT_APP_LABELS)


class WorkflowConfig(AppConfig):
    """App config for cms.workflow (审核流程): roles, the review workflow and its actions."""

    name = "cms.workflow"
    label = "workflow"
    verbose_name = "审核流程"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(grant_permissions_of_new_models, sender=self, dispatch_uid="workflow.grant_new_models")
