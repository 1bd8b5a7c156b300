"""A page's review history, read from Wagtail's audit log (PageLogEntry)."""

from __future__ import annotations

from wagtail.models import Page, PageLogEntry

from cms.workflow.actions.retract import RETRACT_LOG_ACTION

#: Wagtail log action → (short action name for the API, Chinese title).
HISTORY_ACTIONS: dict[str, tuple[str, str]] = {
    "wagtail.create": ("create", "创建"),
    "wagtail.workflow.start": ("submit", "提交审核"),
    "wagtail.workflow.resume": ("submit", "重新提交审核"),
    "wagtail.workflow.approve": ("approve", "审核通过"),
    "wagtail.workflow.reject": ("reject", "退回修改"),
    "wagtail.workflow.cancel": ("cancel", "取消审核"),
    "wagtail.publish": ("publish", "发布"),
    "wagtail.publish.schedule": ("schedule", "定时发布已排期"),
    "wagtail.publish.scheduled": ("scheduled_publish", "定时发布"),
    "wagtail.unpublish": ("unpublish", "取消发布"),
    "wagtail.unpublish.scheduled": ("expire", "到期下线"),
    RETRACT_LOG_ACTION: ("retract", "撤回"),
}

SYSTEM_ACTOR = "系统"


def actor_name(entry: PageLogEntry) -> str:
    user = entry.user
    if user is None:
        return f"已删除用户（{entry.user_id}）" if entry.user_id else SYSTEM_ACTOR
    return user.get_full_name().strip() or user.get_username()


def workflow_history(page: Page) -> list[dict]:
    """Every transition of the page, oldest first: action, title, actor, time, comment (one query)."""
    entries = (
        PageLogEntry.objects.filter(page_id=page.pk, action__in=HISTORY_ACTIONS)
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    history = []
    for entry in entries:
        action, title = HISTORY_ACTIONS[entry.action]
        history.append(
            {
                "action": action,
                "title": title,
                "actor": actor_name(entry),
                "time": entry.timestamp,
                "comment": str((entry.data or {}).get("comment") or ""),
            }
        )
    return history
