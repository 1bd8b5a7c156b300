"""Appeals in the Wagtail admin: listed and viewed, never added, edited or deleted through the generic views.

An appeal is created only by intake (ReceiveAction) and changed only by the transition
actions (grid/actions/), which check ``grid.add_appeal`` / ``grid.change_appeal`` with
``user.has_perm`` themselves. The snippet's generic add / edit / copy / delete views
would bypass the serial number, the due date and the timeline, so they answer 404 and
the policy below hides their buttons and bulk actions — for superusers too.
"""

from __future__ import annotations

from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy

GENERIC_WRITE_ACTIONS = frozenset({"add", "change", "delete"})
NOT_AVAILABLE_MESSAGE = "诉求只能通过受理表单创建，并通过办理操作变更，不能在此新增、编辑或删除"


class AppealAdminPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for viewing; add / change / delete are never granted to the generic snippet views."""

    def user_has_permission(self, user, action):
        if action in GENERIC_WRITE_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in GENERIC_WRITE_ACTIONS])


def generic_view_not_available(request, *args, **kwargs):
    """Stands in for the snippet's add / edit / copy / delete views."""
    raise Http404(NOT_AVAILABLE_MESSAGE)
