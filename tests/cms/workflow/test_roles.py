"""The data migration's groups, permissions and review workflow."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Workflow

from cms.workflow import roles
from cms.workflow.models import SecrecyReviewTask


def page_permissions(name: str) -> set[str]:
    root = Page.get_first_root_node()
    return {
        gpp.permission.codename
        for gpp in GroupPagePermission.objects.filter(group__name=name, page=root).select_related("permission")
    }


def collection_permissions(name: str) -> set[str]:
    root = Collection.get_first_root_node()
    return {
        gcp.permission.codename
        for gcp in GroupCollectionPermission.objects.filter(group__name=name, collection=root).select_related(
            "permission"
        )
    }


def model_permissions(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


@pytest.mark.django_db
class TestRoleGroups:
    def test_the_three_groups_exist_and_wagtail_defaults_are_gone(self):
        names = set(Group.objects.values_list("name", flat=True))
        assert {"管理员", "编辑", "审核员"} <= names
        assert not names & {"Editors", "Moderators"}

    def test_page_permissions_on_the_tree_root_are_exact(self):
        assert page_permissions("管理员") == {
            "add_page",
            "change_page",
            "bulk_delete_page",
            "lock_page",
            "publish_page",
            "unlock_page",
        }
        assert page_permissions("编辑") == {"add_page", "change_page", "lock_page"}
        assert page_permissions("审核员") == {"change_page", "publish_page", "lock_page", "unlock_page"}
        # Nothing granted on other pages.
        assert not GroupPagePermission.objects.filter(group__name__in=roles.ROLE_NAMES).exclude(page__depth=1).exists()

    def test_collection_permissions_are_exact(self):
        assert collection_permissions("管理员") == {
            "add_document",
            "change_document",
            "delete_document",
            "choose_document",
            "add_image",
            "change_image",
            "delete_image",
            "choose_image",
        }
        assert collection_permissions("编辑") == {
            "add_document",
            "change_document",
            "choose_document",
            "add_image",
            "change_image",
            "choose_image",
        }
        assert collection_permissions("审核员") == {"choose_document", "choose_image"}

    def test_every_role_may_enter_the_admin(self):
        for name in roles.ROLE_NAMES:
            assert "wagtailadmin.access_admin" in model_permissions(name)

    def test_administrators_manage_users_sites_and_content_models(self):
        perms = model_permissions("管理员")
        assert {"auth.add_user", "auth.change_user", "auth.delete_user", "wagtailcore.add_site"} <= perms
        assert {"catalog.add_catalogitem", "catalog.change_negativelistentry", "core.change_calendarday"} <= perms
        assert "auth.change_group" not in perms  # the role table itself is not editable from the admin

    def test_editors_and_reviewers_only_view_reference_data(self):
        for name in ("编辑", "审核员"):
            perms = model_permissions(name) - {"wagtailadmin.access_admin"}
            assert "core.view_organisation" in perms
            assert all(p.split(".")[1].startswith("view_") for p in perms), perms
            assert all(p.split(".")[0] in roles.CONTENT_APP_LABELS for p in perms), perms


@pytest.mark.django_db
class TestReviewWorkflowInstalled:
    def test_review_workflow_is_on_the_tree_root_with_one_secrecy_task(self):
        workflow = Workflow.objects.get(name="政务公开审核")
        assert workflow.active
        assert Page.get_first_root_node().get_workflow() == workflow
        tasks = [task.specific for task in workflow.tasks]
        assert len(tasks) == 1
        assert isinstance(tasks[0], SecrecyReviewTask)
        assert tasks[0].name == "保密审查"
        assert list(tasks[0].groups.values_list("name", flat=True)) == ["审核员"]

    def test_wagtail_default_workflow_is_deactivated(self):
        default = Workflow.objects.filter(name="Moderators approval").first()
        assert default is None or (not default.active and not default.workflow_pages.exists())

    def test_every_township_page_uses_the_review_workflow(self, tree):
        township, *_rest, level3 = tree
        assert township.get_workflow().name == "政务公开审核"
        assert level3.get_workflow().name == "政务公开审核"


@pytest.mark.django_db
class TestSyncRoles:
    def test_sync_roles_restores_a_tampered_group_and_is_idempotent(self):
        editors = Group.objects.get(name="编辑")
        GroupPagePermission.objects.create(group=editors, page=Page.get_first_root_node(), permission_type="publish")
        assert "publish_page" in page_permissions("编辑")
        before = {name: model_permissions(name) for name in roles.ROLE_NAMES}

        out = StringIO()
        call_command("sync_roles", stdout=out)
        call_command("sync_roles", stdout=out)

        assert page_permissions("编辑") == {"add_page", "change_page", "lock_page"}
        assert {name: model_permissions(name) for name in roles.ROLE_NAMES} == before
        assert "政务公开审核" in out.getvalue()
        assert Workflow.objects.filter(name="政务公开审核").count() == 1

    def test_new_model_permissions_are_granted_after_migrate(self):
        from django.apps import apps
        from django.contrib.auth.models import Permission

        admins = Group.objects.get(name="管理员")
        removed = Permission.objects.get(content_type__app_label="catalog", codename="add_catalogitem")
        admins.permissions.remove(removed)

        added = roles.grant_new_model_permissions(apps, admin_app_labels=["catalog"], content_app_labels=["catalog"])

        assert added == 1
        assert admins.permissions.filter(pk=removed.pk).exists()
