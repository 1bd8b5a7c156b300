"""Admin menu entry of the dashboards: 网格化管理 → 统计.

Imported by grid/dashboards/urls.py (so it is registered before the first admin menu is
built). GRID_SUBMENU_HOOK is the submenu hook of the 网格化管理 menu group; until that
group exists the entry stands in the main menu on its own.
"""

from __future__ import annotations

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

GRID_SUBMENU_HOOK = "register_grid_menu_item"
VIEW_PERMISSION = "grid.view_appeal"


class StatisticsMenuItem(MenuItem):
    """Shown only to users who may see the appeal figures."""

    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


def statistics_menu_item() -> MenuItem:
    return StatisticsMenuItem(
        "统计", reverse_lazy("grid_dashboard"), name="grid-statistics", icon_name="table", order=900
    )


hooks.register(GRID_SUBMENU_HOOK, statistics_menu_item)
