"""Admin for the catalog: standard catalog items, negative list, organisations, and the imports.

Everything sits under one menu group "公开目录管理"; the import pages live at
/admin/imports/catalog-items/ and /admin/imports/disclosures/.
"""

from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cms.catalog.models import CatalogItem, NegativeListEntry
from cms.catalog.resources import CatalogItemResource
from cms.core.imports.admin import ResourceExportMixin, SpreadsheetImport
from cms.core.imports.forms import TownshipImportForm
from cms.core.models import Organisation
from cms.disclosure.models import DisclosureItemPage
from cms.disclosure.resources import DisclosureImportForm, DisclosureItemResource

CATALOG_MENU_HOOK = "register_catalog_admin_menu_item"

catalog_item_import = SpreadsheetImport(
    slug="catalog-items",
    title="导入标准目录事项",
    model=CatalogItem,
    resource_class=CatalogItemResource,
    form_class=TownshipImportForm,
    listing_url_name="wagtailsnippets_catalog_catalogitem:list",
    listing_label="标准目录事项",
)

disclosure_import = SpreadsheetImport(
    slug="disclosures",
    title="导入公开信息",
    model=DisclosureItemPage,
    resource_class=DisclosureItemResource,
    form_class=DisclosureImportForm,
    listing_label="公开信息",
    # Pages are governed by page permissions: anyone who may add pages somewhere.
    permission_policy=PagePermissionPolicy(),
)


class CatalogItemIndexView(ResourceExportMixin, IndexView):
    """Listing of catalog items whose download uses the import columns, plus an "导入" button."""

    export_resource_class = CatalogItemResource
    spreadsheet_import = catalog_item_import


class CatalogItemViewSet(SnippetViewSet):
    """标准目录事项: filter by township, mode, tier and audience; export and import as spreadsheets."""

    model = CatalogItem
    icon = "list-ol"
    menu_label = "标准目录事项"
    menu_order = 100
    index_view_class = CatalogItemIndexView
    list_display = ["sequence", "area", "matter", "mode", "tier", "directory"]
    list_filter = ["township", "mode", "tier", "audience"]
    search_fields = ["area", "matter", "content"]
    search_backend_name = None
    list_per_page = 50
    export_filename = "标准目录事项"

    def get_queryset(self, request):
        return CatalogItem.objects.select_related("directory", "township")


class NegativeListEntryViewSet(SnippetViewSet):
    """负面清单: what is never disclosed, with its legal basis."""

    model = NegativeListEntry
    icon = "cross"
    menu_label = "负面清单"
    menu_order = 200
    list_display = ["matter", "township", "directory"]
    list_filter = ["township"]
    list_export = ["matter", "description", "legal_basis", "township", "directory"]
    export_filename = "负面清单"
    search_fields = ["matter", "description", "legal_basis"]
    search_backend_name = None

    def get_queryset(self, request):
        return NegativeListEntry.objects.select_related("directory", "township")


class OrganisationViewSet(SnippetViewSet):
    """发布机构: spelt one way everywhere; imports create the ones they are missing."""

    model = Organisation
    icon = "group"
    menu_label = "发布机构"
    menu_order = 300
    list_display = ["name", "short_name", "credit_code", "document_prefix"]
    list_export = ["name", "short_name", "credit_code", "document_prefix"]
    export_filename = "发布机构"
    search_fields = ["name", "short_name"]
    search_backend_name = None


class CatalogAdminGroup(SnippetViewSetGroup):
    """The menu group "公开目录管理"; import links join it through ``CATALOG_MENU_HOOK``."""

    menu_label = "公开目录管理"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    submenu_hook = CATALOG_MENU_HOOK
    items = (CatalogItemViewSet, NegativeListEntryViewSet, OrganisationViewSet)


register_snippet(CatalogAdminGroup)


@hooks.register("register_admin_urls")
def register_import_urls():
    return catalog_item_import.get_urls() + disclosure_import.get_urls()


@hooks.register(CATALOG_MENU_HOOK)
def catalog_item_import_menu_item():
    return catalog_item_import.menu_item(label="导入标准目录", order=400)


@hooks.register(CATALOG_MENU_HOOK)
def disclosure_import_menu_item():
    return disclosure_import.menu_item(label="导入公开信息", order=410)
