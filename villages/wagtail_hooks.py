"""Admin of the villages app: villages and natural villages, the import, the schedule dashboard, one-step masking.

Menu group "村务公开管理": 行政村, 自然村, 公开进度 (/admin/villages/schedule/), 导入行政村
(/admin/imports/villages/). Notices themselves are pages under 村务公开 in the page tree.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.core.imports.admin import SpreadsheetImport
from cms.core.imports.forms import TownshipImportForm
from villages import views
from villages.models import NaturalVillage, Village, VillageNoticePage
from villages.resources import VillageResource

VILLAGES_MENU_HOOK = "register_villages_admin_menu_item"

village_import = SpreadsheetImport(
    slug="villages",
    title="导入行政村和自然村",
    model=Village,
    resource_class=VillageResource,
    form_class=TownshipImportForm,
    listing_url_name="wagtailsnippets_villages_village:list",
    listing_label="行政村",
)


class VillageViewSet(SnippetViewSet):
    """行政村: creating one creates its 村务公开栏 page and its two groups."""

    model = Village
    icon = "home"
    menu_label = "行政村"
    menu_order = 100
    list_display = ["name", "code", "township", "households", "population"]
    list_filter = ["township"]
    search_fields = ["name", "code"]
    search_backend_name = None
    list_export = ["code", "name", "households", "population"]
    export_filename = "行政村"


class NaturalVillageViewSet(SnippetViewSet):
    """自然村: each grid unit of the grid module points at one."""

    model = NaturalVillage
    icon = "site"
    menu_label = "自然村"
    menu_order = 200
    list_display = ["name", "village", "code", "households", "population"]
    list_filter = ["village__township", "village"]
    search_fields = ["name", "code"]
    search_backend_name = None

    def get_queryset(self, request):
        return NaturalVillage.objects.select_related("village")


class VillagesAdminGroup(SnippetViewSetGroup):
    """The menu group 村务公开管理."""

    menu_label = "村务公开管理"
    menu_icon = "home"
    menu_order = 260
    submenu_hook = VILLAGES_MENU_HOOK
    items = (VillageViewSet, NaturalVillageViewSet)


register_snippet(VillagesAdminGroup)


@hooks.register("register_admin_urls")
def register_village_urls():
    return village_import.get_urls() + [
        path("villages/schedule/", views.compliance_dashboard, name="villages_schedule"),
        path("villages/notices/<int:page_id>/mask/", views.mask_notice, name="villages_mask_notice"),
    ]


class ScheduleMenuItem(MenuItem):
    """公开进度, for the township (see villages.permissions.may_view_schedule)."""

    def is_shown(self, request):
        from villages.permissions import may_view_schedule

        return may_view_schedule(request.user)


@hooks.register(VILLAGES_MENU_HOOK)
def schedule_menu_item():
    return ScheduleMenuItem(
        "公开进度", reverse("villages_schedule"), name="villages-schedule", icon_name="date", order=300
    )


@hooks.register(VILLAGES_MENU_HOOK)
def village_import_menu_item():
    return village_import.menu_item(label="导入行政村", order=400)


@hooks.register("register_page_header_buttons")
def mask_button(page, user, view_name, next_url=None):
    """一键打码 on the edit view of a village notice (a POST form, see templates/villages/admin)."""
    if isinstance(page.specific_deferred, VillageNoticePage) and view_name == "edit":
        if page.permissions_for_user(user).can_edit():
            yield HeaderButton(
                "一键打码",
                url=reverse("villages_mask_notice", args=[page.pk]),
                icon_name="view",
                attrs={"data-village-mask": "1"},
                priority=50,
            )
