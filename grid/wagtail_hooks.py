"""Admin wiring of the grid module: the 网格化管理 menu group, snippets and the appeal pages."""

from __future__ import annotations

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.core.imports.admin import SpreadsheetImport
from cms.core.imports.forms import TownshipImportForm
from grid import admin_views
from grid.admin_permissions import AppealAdminPermissionPolicy, generic_view_not_available
from grid.models import OPEN_STATUSES, Appeal, AppealCategory, AppealStatus, GridUnit, GridWorker, HandlingUnit
from grid.resources import GridUnitResource, GridWorkerResource
from grid.services.privacy import masked_identity

GRID_SUBMENU_HOOK = "register_grid_menu_item"

# Before any viewset asks for Appeal's policy (else Wagtail has already made a fallback one).
register_permission_policy(Appeal, AppealAdminPermissionPolicy(Appeal))

grid_unit_import = SpreadsheetImport(
    slug="grid-units",
    title="导入网格",
    model=GridUnit,
    resource_class=GridUnitResource,
    form_class=TownshipImportForm,
    listing_url_name="wagtailsnippets_grid_gridunit:list",
    listing_label="网格",
)
grid_worker_import = SpreadsheetImport(
    slug="grid-workers",
    title="导入网格员",
    model=GridWorker,
    resource_class=GridWorkerResource,
    form_class=TownshipImportForm,
    listing_url_name="wagtailsnippets_grid_gridworker:list",
    listing_label="网格员",
)


class GridUnitViewSet(SnippetViewSet):
    """网格: code, natural village, households, leader."""

    model = GridUnit
    icon = "site"
    menu_label = "网格"
    list_display = ["code", "name", "natural_village", "households", "population", "leader"]
    list_filter = ["township"]
    search_fields = ["code", "name"]
    panels = [
        FieldPanel("township"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("natural_village"),
        FieldPanel("households"),
        FieldPanel("population"),
        FieldPanel("leader"),
        FieldPanel("boundary"),
    ]


class GridWorkerViewSet(SnippetViewSet):
    """网格员 and 网格长."""

    model = GridWorker
    icon = "user"
    menu_label = "网格员"
    list_display = ["name", "role", "grid_unit", "phone", "user"]
    list_filter = ["role", "township"]
    search_fields = ["name", "phone"]
    panels = [
        FieldPanel("township"),
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("grid_unit"),
        FieldPanel("phone"),
        FieldPanel("user"),
    ]


class HandlingUnitViewSet(SnippetViewSet):
    """承办单位 (departments and teams)."""

    model = HandlingUnit
    icon = "group"
    menu_label = "承办单位"
    list_display = ["name", "kind", "phone"]
    list_filter = ["kind"]
    panels = [FieldPanel("township"), FieldPanel("name"), FieldPanel("kind"), FieldPanel("phone")]


class AppealCategoryViewSet(SnippetViewSet):
    """诉求分类 with their working-day limits."""

    model = AppealCategory
    icon = "list-ul"
    menu_label = "诉求分类"
    list_display = ["code", "name", "parent", "time_limit_days", "default_handling_unit", "is_active"]
    list_filter = ["is_active"]
    panels = [
        FieldPanel("township"),
        FieldPanel("parent"),
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("time_limit_days"),
        FieldPanel("default_handling_unit"),
        FieldPanel("is_active"),
    ]


class AppealFilterSet(WagtailFilterSet):
    """Filters of the appeal listing: status, overdue, grid, category, source."""

    overdue = django_filters.BooleanFilter(label="是否超期", method="filter_overdue")

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Appeal.objects.overdue(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    class Meta:
        model = Appeal
        fields = ["status", "grid_unit", "category", "source"]


class MaskedColumn(Column):
    """The appellant as the listing shows it: always masked (the full identity is on the detail page)."""

    def get_value(self, instance):
        identity = masked_identity(instance)
        return f"{identity.name} {identity.phone}".strip()


class SerialColumn(Column):
    """The serial, linking to the detail page with the timeline and the action buttons."""

    def get_value(self, instance):
        url = reverse("grid_appeal_detail", args=[instance.pk])
        overdue = " ⚠超期" if instance.is_overdue() else ""
        return format_html('<a href="{}">{}</a>{}', url, instance.serial, overdue)


class AppealViewSet(SnippetViewSet):
    """诉求 listing: masked identity, filters by status / overdue / grid; edits go through the actions only.

    The generic add / edit / copy / delete views answer 404 (see grid/admin_permissions.py);
    the listing links each serial to the custom detail page with the timeline and action buttons.
    """

    model = Appeal
    icon = "mail"
    menu_label = "诉求工单"
    filterset_class = AppealFilterSet
    search_fields = ["serial", "description", "address"]
    list_per_page = 50
    list_display = [
        SerialColumn("serial", label="诉求编号"),
        "category",
        "grid_unit",
        "status",
        "received_at",
        "due_on",
        MaskedColumn("appellant", label="诉求人"),
    ]
    panels = [FieldPanel("description", read_only=True)]

    def get_queryset(self, request):
        return Appeal.objects.select_related("category", "category__parent", "grid_unit")

    @property
    def add_view(self):
        return generic_view_not_available

    @property
    def edit_view(self):
        return generic_view_not_available

    @property
    def copy_view(self):
        return generic_view_not_available

    @property
    def delete_view(self):
        return generic_view_not_available


class GridViewSetGroup(SnippetViewSetGroup):
    """The 网格化管理 menu; other parts of the module (statistics) add items through GRID_SUBMENU_HOOK."""

    menu_label = "网格化管理"
    menu_icon = "site"
    menu_name = "grid"
    menu_order = 350
    submenu_hook = GRID_SUBMENU_HOOK
    items = (AppealViewSet, GridUnitViewSet, GridWorkerViewSet, HandlingUnitViewSet, AppealCategoryViewSet)


register_snippet(GridViewSetGroup)


@hooks.register("register_admin_urls")
def register_grid_admin_urls():
    return (
        grid_unit_import.get_urls()
        + grid_worker_import.get_urls()
        + [
            path("grid/appeals/<int:pk>/", admin_views.appeal_detail, name="grid_appeal_detail"),
            path("grid/appeals/<int:pk>/action/<str:name>/", admin_views.appeal_action, name="grid_appeal_action"),
            path("grid/hotline/", admin_views.hotline_form, name="grid_hotline"),
        ]
    )


@hooks.register(GRID_SUBMENU_HOOK)
def hotline_menu_item():
    from wagtail.admin.menu import MenuItem

    class HotlineMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("grid.add_appeal")

    return HotlineMenuItem("热线受理", reverse("grid_hotline"), name="grid-hotline", icon_name="mail", order=50)


__all__ = ["OPEN_STATUSES", "AppealStatus"]


@hooks.register(GRID_SUBMENU_HOOK)
def grid_unit_import_menu_item():
    return grid_unit_import.menu_item(label="导入网格", order=900)


@hooks.register(GRID_SUBMENU_HOOK)
def grid_worker_import_menu_item():
    return grid_worker_import.menu_item(label="导入网格员", order=910)
