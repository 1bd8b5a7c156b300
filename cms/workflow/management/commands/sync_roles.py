"""Re-apply the role table of cms.workflow.roles to the groups 管理员, 编辑 and 审核员."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.workflow import roles
from cms.workflow.apps import project_app_labels


class Command(BaseCommand):
    """Repairs the roles after hand edits in the admin; safe to run any number of times."""

    help = "按 cms/workflow/roles.py 重设 管理员、编辑、审核员 的权限，并把“政务公开审核”流程挂在页面树根上。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-wagtail-groups",
            action="store_true",
            help="保留 Wagtail 默认的 Editors / Moderators 用户组（默认删除）",
        )

    def handle(self, *args, **options):
        labels = [label for label in project_app_labels(apps) if label not in roles.ADMIN_EXCLUDED_APP_LABELS]
        with transaction.atomic():
            roles.ensure_permissions(apps, ["wagtailcore", "wagtailadmin", "wagtaildocs", "wagtailimages", *labels])
            if not options["keep_wagtail_groups"]:
                roles.remove_wagtail_default_groups(apps)
            roles.apply_roles(apps, admin_app_labels=labels, content_app_labels=roles.CONTENT_APP_LABELS)
            roles.install_review_workflow(apps)
        for name in roles.ROLE_NAMES:
            self.stdout.write(f"已设置用户组：{name}")
        self.stdout.write(self.style.SUCCESS(f"审核流程“{roles.REVIEW_WORKFLOW_NAME}”已挂在页面树根上。"))
