"""Admin wiring of the review workflow: the 撤回 view and buttons, guards, audit-log labels."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from cms.workflow.actions import RETRACT_LOG_ACTION, RetractAction
from cms.workflow.selectors import user_is_administrator
from cms.workflow.views import RetractView

RETRACT_LABEL = "撤回（需填写理由）"
RETRACT_URL_NAME = "workflow_retract"


def _can_retract(page, user) -> bool:
    return RetractAction(page, user).is_allowed()


@hooks.register("register_admin_urls")
def register_retract_url():
    return [path("workflow/pages/<int:page_id>/retract/", RetractView.as_view(), name=RETRACT_URL_NAME)]


@hooks.register("register_log_actions")
def register_retract_log_action(actions):
    @actions.register_action(RETRACT_LOG_ACTION)
    class RetractLogFormatter(LogFormatter):
        """Shows 撤回 and its reason in the page history and the site history report."""

        label = "撤回"
        message = "撤回（取消发布）"

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("comment", "")


class RetractMenuItem(ActionMenuItem):
    """Footer action of the edit view, replacing Wagtail's reason-less "Unpublish"."""

    label = RETRACT_LABEL
    name = "action-retract"
    icon_name = "download"
    order = 50

    def is_shown(self, context):
        return context["view"] == "edit" and _can_retract(context["page"], context["request"].user)

    def get_url(self, parent_context):
        return reverse(RETRACT_URL_NAME, args=(parent_context["page"].pk,))


@hooks.register("construct_page_action_menu")
def replace_unpublish_with_retract(menu_items, request, context):
    if context.get("view") != "edit":
        return
    if not user_is_administrator(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "action-unpublish"]
    retract = RetractMenuItem()
    if retract.is_shown(context):
        menu_items.append(retract)


class RetractButton(PageMenuItem):
    """ "撤回（需填写理由）" in the page header and the explorer's "more" menu."""

    label = RETRACT_LABEL
    icon_name = "download"
    url_name = RETRACT_URL_NAME
    priority = 61

    def is_shown(self, user):
        return _can_retract(self.page, user)


@hooks.register("register_page_header_buttons")
def retract_header_button(page, user, view_name, next_url=None):
    yield RetractButton(page=page, next_url=next_url)


@hooks.register("register_page_listing_more_buttons")
def retract_listing_button(page, user, next_url=None):
    yield RetractButton(page=page, next_url=next_url)


@hooks.register("construct_page_listing_buttons")
def hide_plain_unpublish_in_listing(buttons, page, user, context=None):
    """The explorer's "more" menu keeps 撤回 and drops the reason-less "Unpublish" for non-admins."""
    if user_is_administrator(user):
        return
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=(page.pk,))
    for button in buttons:
        if hasattr(button, "dropdown_buttons"):
            button.dropdown_buttons = [
                item for item in button.dropdown_buttons if not (item.url or "").startswith(unpublish_url)
            ]


@hooks.register("before_unpublish_page")
def require_reason_to_unpublish(request, page):
    """Wagtail's plain unpublish asks no reason: only 管理员 may use it (e.g. to take down a subtree)."""
    if user_is_administrator(request.user):
        return None
    messages.warning(request, "撤回已发布的页面须填写理由。")
    return redirect(reverse(RETRACT_URL_NAME, args=(page.pk,)))


@hooks.register("before_bulk_action")
def refuse_bulk_unpublish(request, action_type, objects, action_class_instance):
    """Bulk unpublish would take pages down without a reason: only 管理员 may use it."""
    if action_type != "unpublish" or user_is_administrator(request.user):
        return None
    if not any(isinstance(obj, Page) for obj in objects):
        return None
    messages.error(request, "批量撤回不可用：请逐个撤回页面并填写理由。")
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root"))
