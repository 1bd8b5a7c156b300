"""URLs of the grid dashboards.

``admin_urlpatterns`` are included at /admin/grid/ by cms/urls.py (before Wagtail's
admin), decorated as Wagtail decorates its own (admin access required, never cached);
importing them also registers the menu item 网格化管理 → 统计 (grid/dashboards/wagtail_hooks.py).
``public_urlpatterns`` are included at /grid/statistics/.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from grid.dashboards import views, wagtail_hooks  # noqa: F401 - registers the admin menu item

admin_urlpatterns = decorate_urlpatterns(
    decorate_urlpatterns(
        [
            path("statistics/", views.DashboardAdminView.as_view(), name="grid_dashboard"),
            path("statistics/export.xlsx", views.dashboard_export, name="grid_dashboard_export"),
            path("appeals/export.xlsx", views.appeals_export, name="grid_appeals_export"),
        ],
        require_admin_access,
    ),
    never_cache,
)

public_urlpatterns = [
    path("", views.public_statistics, name="grid_statistics"),
]
