"""Groups 管理员 / 编辑 / 审核员 with their exact permissions, and the 政务公开审核 workflow.

The table lives in cms.workflow.roles (read it for the exact permissions);
Wagtail's default Editors/Moderators groups and its "Moderators approval"
workflow are removed/deactivated so nothing can publish around the review.
"""

from django.db import migrations

from cms.workflow import roles

#: Apps whose models exist at this point of the migration graph (see dependencies).
ADMIN_APP_LABELS = ("core", "catalog", "disclosure")


def forwards(apps, schema_editor):
    using = schema_editor.connection.alias
    roles.ensure_permissions(
        apps,
        (
            "auth",
            "contenttypes",
            "wagtailcore",
            "wagtailadmin",
            "wagtaildocs",
            "wagtailimages",
            "workflow",
            *ADMIN_APP_LABELS,
        ),
        using=using,
    )
    roles.remove_wagtail_default_groups(apps)
    roles.apply_roles(apps, admin_app_labels=ADMIN_APP_LABELS, content_app_labels=roles.CONTENT_APP_LABELS)
    roles.install_review_workflow(apps)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")
    Task = apps.get_model("wagtailcore", "Task")
    # Removing the workflow also removes its pages' workflow states; the task rows go with their table.
    Workflow.objects.filter(name=roles.REVIEW_WORKFLOW_NAME).delete()
    Task.objects.filter(content_type__app_label="workflow").delete()
    default = Workflow.objects.filter(name=roles.WAGTAIL_DEFAULT_WORKFLOW).first()
    root = Page.objects.filter(depth=1).first()
    if default is not None and root is not None:
        default.active = True
        default.save(update_fields=["active"])
        Task.objects.filter(workflow_tasks__workflow=default).update(active=True)
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": default})
    Group.objects.filter(name__in=roles.ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("core", "0001_initial"),
        ("catalog", "0002_initial"),
        ("disclosure", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
