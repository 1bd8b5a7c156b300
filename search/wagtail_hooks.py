"""Admin menu 全文检索: the editors' synonym list (同义词) and the index status page (索引状态)."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from search.admin_views import STATUS_PERMISSION, IndexStatusView
from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    """同义词: one row per group of interchangeable terms, applied at query time (no reindex)."""

    model = SynonymGroup
    icon = "list-ul"
    menu_label = "同义词"
    menu_name = "synonyms"
    list_display = ["terms", "note", "updated_at"]
    search_fields = ["terms", "note"]
    ordering = ["id"]


class StatusMenuItem(MenuItem):
    """Shown only to users who may see the index status (管理员)."""

    def is_shown(self, request):
        return request.user.has_perm(STATUS_PERMISSION)


class IndexStatusViewSet(ViewSet):
    """索引状态: counts, pending outbox operations and the last rebuild."""

    name = "search_index_status"
    icon = "search"
    menu_label = "索引状态"
    menu_name = "search-index-status"
    menu_item_class = StatusMenuItem

    def get_urlpatterns(self):
        return [path("", IndexStatusView.as_view(), name="index")]


class SearchAdminGroup(ViewSetGroup):
    """The 全文检索 menu."""

    menu_label = "全文检索"
    menu_name = "search"
    menu_icon = "search"
    menu_order = 800
    items = (SynonymGroupViewSet, IndexStatusViewSet)


@hooks.register("register_admin_viewset")
def register_search_admin():
    return SearchAdminGroup()
