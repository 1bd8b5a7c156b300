"""The three roles of a township CMS and exactly what each may do.

管理员 runs the whole CMS, 编辑 writes and submits, 审核员 does the 保密审查 and
publishes. The table below is the single source of truth: the data migration
applies it, ``manage.py sync_roles`` re-applies it, and after every ``migrate``
the 管理员 group picks up the permissions of models added since (see apps.py).

Every function takes an ``apps`` registry so the same code serves the data
migration (historical models) and the live project.
"""

from __future__ import annotations

from collections.abc import Iterable

ADMINISTRATORS = "管理员"
EDITORS = "编辑"
REVIEWERS = "审核员"
ROLE_NAMES = (ADMINISTRATORS, EDITORS, REVIEWERS)

REVIEW_WORKFLOW_NAME = "政务公开审核"
REVIEW_TASK_NAME = "保密审查"

#: Wagtail's defaults, replaced by the three roles above (see remove_wagtail_default_groups).
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

#: Page permissions granted on the tree root (depth 1), so they cover every township site.
PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    ADMINISTRATORS: ("add", "change", "bulk_delete", "lock", "publish", "unlock"),
    EDITORS: ("add", "change", "lock"),
    REVIEWERS: ("change", "publish", "lock", "unlock"),
}

#: Collection permissions granted on the root collection (documents and images).
COLLECTION_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    ADMINISTRATORS: {
        "wagtaildocs.document": ("add", "change", "delete", "choose"),
        "wagtailimages.image": ("add", "change", "delete", "choose"),
    },
    EDITORS: {
        "wagtaildocs.document": ("add", "change", "choose"),
        "wagtailimages.image": ("add", "change", "choose"),
    },
    REVIEWERS: {
        "wagtaildocs.document": ("choose",),
        "wagtailimages.image": ("choose",),
    },
}

#: Plain model permissions ("app_label.codename").
MODEL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    ADMINISTRATORS: (
        "wagtailadmin.access_admin",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.delete_site",
        "wagtailcore.view_site",
    ),
    EDITORS: ("wagtailadmin.access_admin",),
    REVIEWERS: ("wagtailadmin.access_admin",),
}

#: Apps whose reference data (organisations, catalog, calendar …) editors and reviewers may view.
CONTENT_APP_LABELS = ("core", "catalog", "disclosure")

#: Project apps whose every model permission 管理员 holds (``None`` = every app in this repository).
ADMIN_EXCLUDED_APP_LABELS = ("workflow",)


def ensure_permissions(apps, app_labels: Iterable[str], using: str = "default") -> None:
    """Create content types and permissions now: Django only does so after the whole migrate."""
    from django.contrib.auth.management import create_permissions

    for label in app_labels:
        try:
            app_config = apps.get_app_config(label)
        except LookupError:
            continue
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0, using=using)
        finally:
            app_config.models_module = original


def _permissions(apps, dotted: Iterable[str]):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in dotted:
        app_label, codename = name.split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def _app_permissions(apps, app_labels: Iterable[str], *, view_only: bool = False):
    Permission = apps.get_model("auth", "Permission")
    queryset = Permission.objects.filter(content_type__app_label__in=list(app_labels))
    if view_only:
        queryset = queryset.filter(codename__startswith="view_")
    return list(queryset)


def _page_permission(apps, action: str):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    permission, _ = Permission.objects.get_or_create(
        content_type=page_type, codename=f"{action}_page", defaults={"name": f"Can {action} page"}
    )
    return permission


def apply_roles(apps, *, admin_app_labels: Iterable[str] = (), content_app_labels: Iterable[str] = ()) -> None:
    """Create the three groups and set their permissions to exactly the table above.

    ``admin_app_labels``: project apps whose every model permission 管理员 gets;
    ``content_app_labels``: apps whose view permissions 编辑 and 审核员 get.
    """
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    admin_app_labels = list(admin_app_labels)
    content_app_labels = list(content_app_labels)

    for name in ROLE_NAMES:
        group, _ = Group.objects.get_or_create(name=name)

        model_permissions = _permissions(apps, MODEL_PERMISSIONS[name])
        if name == ADMINISTRATORS:
            model_permissions += _app_permissions(apps, admin_app_labels)
        else:
            model_permissions += _app_permissions(apps, content_app_labels, view_only=True)
        group.permissions.set(model_permissions)

        GroupPagePermission.objects.filter(group=group).delete()
        if root_page is not None:
            for action in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.create(
                    group=group, page=root_page, permission=_page_permission(apps, action)
                )

        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            for model, actions in COLLECTION_PERMISSIONS[name].items():
                app_label, model_name = model.split(".")
                for action in actions:
                    permission = Permission.objects.filter(
                        content_type__app_label=app_label, codename=f"{action}_{model_name}"
                    ).first()
                    if permission is not None:
                        GroupCollectionPermission.objects.create(
                            group=group, collection=root_collection, permission=permission
                        )


def grant_new_model_permissions(apps, *, admin_app_labels: Iterable[str], content_app_labels: Iterable[str]) -> int:
    """Add (never remove) permissions of models created after the roles: 管理员 all, others view.

    Does nothing when the groups do not exist (e.g. a test database flushed empty).
    Returns how many permissions were added.
    """
    Group = apps.get_model("auth", "Group")
    added = 0
    wanted = {
        ADMINISTRATORS: _app_permissions(apps, admin_app_labels),
        EDITORS: _app_permissions(apps, content_app_labels, view_only=True),
        REVIEWERS: _app_permissions(apps, content_app_labels, view_only=True),
    }
    for group in Group.objects.filter(name__in=ROLE_NAMES):
        held = set(group.permissions.values_list("pk", flat=True))
        missing = [permission for permission in wanted[group.name] if permission.pk not in held]
        group.permissions.add(*missing)
        added += len(missing)
    return added


def install_review_workflow(apps) -> None:
    """Create the 政务公开审核 workflow (one 保密审查 task for 审核员) on the tree root."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    SecrecyReviewTask = apps.get_model("workflow", "SecrecyReviewTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="workflow", model="secrecyreviewtask")
    task = SecrecyReviewTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = SecrecyReviewTask.objects.create(name=REVIEW_TASK_NAME, content_type=task_type, active=True)
    task.groups.set([Group.objects.get(name=REVIEWERS)])

    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    for default in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).exclude(pk=workflow.pk):
        WorkflowPage.objects.filter(workflow=default).delete()
        default.active = False
        default.save(update_fields=["active"])
        Task = apps.get_model("wagtailcore", "Task")
        Task.objects.filter(workflow_tasks__workflow=default).update(active=False)


def remove_wagtail_default_groups(apps) -> None:
    """Delete Wagtail's English Editors/Moderators groups, whose page rights would bypass review."""
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()
