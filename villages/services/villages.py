"""Setting a village up: its board page, its two groups and their page permissions, the workflow.

``village_create`` (and ``village_setup`` for an existing village, idempotent) is the one
way a village comes to life — the import, the admin and the demo all call it — so every
village has the same shape:

* the 村务公开 index page (VillagesIndexPage, slug ``cwgk``) under the township, with the
  workflow 村务公开审核 assigned to it;
* a VillageBoardPage for the village under it;
* group "<村名>村务公开员": admin access, add/change/lock on the board page only (no publish);
* group "<村名>村务监督委员会": admin access and lock on the board page only — no publish
  permission. It approves through VillageCommitteeReviewTask, and its approval publishes
  the notice when no township review follows (villages.permissions lets Wagtail publish
  as the approving member for that approval only). So the committee can neither publish
  a draft directly (admin, bulk publish) nor retract a posted notice: 撤回 belongs to the
  township's 审核员/管理员, with a written reason (cms.workflow RetractAction).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from cms.core.models import TownshipPage
from villages.models import (
    TownshipNoticeReviewTask,
    Village,
    VillageBoardPage,
    VillageCommitteeReviewTask,
    VillagesIndexPage,
)

WORKFLOW_NAME = "村务公开审核"
COMMITTEE_TASK_NAME = "村务监督委员会审核"
TOWNSHIP_TASK_NAME = "乡镇审核"
TOWNSHIP_REVIEWERS = "审核员"
SECRETARY_PERMISSIONS = ("add_page", "change_page", "lock_page")
COMMITTEE_PERMISSIONS = ("lock_page",)


def secretaries_group_name(village: Village) -> str:
    return f"{village.name}村务公开员"


def committee_group_name(village: Village) -> str:
    return f"{village.name}村务监督委员会"


def village_workflow() -> Workflow:
    """The workflow 村务公开审核: committee, then township (skipped for kinds that do not need it)."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created or not workflow.workflow_tasks.exists():
        committee = VillageCommitteeReviewTask.objects.filter(name=COMMITTEE_TASK_NAME).first()
        if committee is None:
            committee = VillageCommitteeReviewTask.objects.create(name=COMMITTEE_TASK_NAME)
        township = TownshipNoticeReviewTask.objects.filter(name=TOWNSHIP_TASK_NAME).first()
        if township is None:
            township = TownshipNoticeReviewTask.objects.create(name=TOWNSHIP_TASK_NAME)
            township.groups.set(Group.objects.filter(name=TOWNSHIP_REVIEWERS))
        WorkflowTask.objects.create(workflow=workflow, task=committee, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=township, sort_order=1)
    return workflow


def villages_index_for(township: TownshipPage) -> VillagesIndexPage:
    """The township's 村务公开 page, created (published, with the workflow) when missing."""
    index = VillagesIndexPage.objects.child_of(township).first()
    if index is None:
        index = VillagesIndexPage(title="村务公开", slug="cwgk")
        township.add_child(instance=index)
        index.save_revision().publish()
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": village_workflow()})
    return index


def _grant(group: Group, page: Page, codenames: tuple[str, ...]) -> None:
    """Exactly ``codenames`` on ``page`` for ``group`` (a permission dropped from the table is revoked)."""
    GroupPagePermission.objects.filter(group=group, page=page).exclude(permission__codename__in=codenames).delete()
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _board_slug(village: Village) -> str:
    return slugify(village.code) or f"village-{village.pk}"


@transaction.atomic
def village_setup(*, village: Village) -> Village:
    """Give ``village`` its board page, groups and permissions (idempotent; renames follow the village)."""
    index = villages_index_for(village.township)
    board = VillageBoardPage.objects.filter(village=village).first()
    if board is None:
        board = VillageBoardPage(title=f"{village.name}村务公开栏", slug=_board_slug(village), village=village)
        index.add_child(instance=board)
        board.save_revision().publish()
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for attr, name, codenames in (
        ("secretaries_group", secretaries_group_name(village), SECRETARY_PERMISSIONS),
        ("committee_group", committee_group_name(village), COMMITTEE_PERMISSIONS),
    ):
        group = getattr(village, attr)
        if group is None:
            group, _ = Group.objects.get_or_create(name=name)
            setattr(village, attr, group)
        elif group.name != name:
            group.name = name
            group.save(update_fields=["name"])
        group.permissions.add(access_admin)
        _grant(group, board, codenames)
    Village.objects.filter(pk=village.pk).update(
        secretaries_group=village.secretaries_group, committee_group=village.committee_group
    )
    return village


@transaction.atomic
def village_create(
    *, township: TownshipPage, code: str, name: str, households: int = 0, population: int = 0
) -> Village:
    """Create a village and set it up (board page, groups, permissions)."""
    village = Village(township=township, code=code, name=name, households=households, population=population)
    village.full_clean()
    village.save()  # the post_save signal runs village_setup
    village.refresh_from_db()
    return village


def village_add_member(*, village: Village, user, role: str) -> None:
    """Put ``user`` into the village's 村务公开员 ("secretary") or 村务监督委员会 ("committee") group."""
    group = village.secretaries_group if role == "secretary" else village.committee_group
    if group is None:
        village_setup(village=village)
        village.refresh_from_db()
        group = village.secretaries_group if role == "secretary" else village.committee_group
    user.groups.add(group)
