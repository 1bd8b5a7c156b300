"""Admin wiring for service guides: the 办事指南 listing (filters, xlsx export) and the import page.

The listing lives at /admin/guides/ (menu "办事指南"); the import at /admin/imports/guides/
(upload → dry-run preview → confirm), with a blank template at /admin/imports/guides/template/.
"""

from __future__ import annotations

from django.utils.html import format_html
from django_filters import BooleanFilter, ChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.core.imports.admin import ResourceExportMixin, SpreadsheetImport
from cms.guides.models import ServiceGuidePage, Topic
from cms.guides.resources import GuideImportForm, GuideResource

guide_import = SpreadsheetImport(
    slug="guides",
    title="导入办事指南",
    model=ServiceGuidePage,
    resource_class=GuideResource,
    form_class=GuideImportForm,
    listing_url_name="service_guides:index",
    listing_label="办事指南",
    permission_policy=PagePermissionPolicy(),
)


class CompletenessColumn(Column):
    """要素: 齐全, or the required categories still missing (publishing is refused until then)."""

    def get_value(self, instance):
        missing = instance.missing_elements
        if not missing:
            return "齐全"
        return format_html('<span class="w-status w-status--label">缺{}</span>', "、".join(missing))


class ServiceGuideFilterSet(PageFilterSet):
    """The standard page filters plus 主题 and 服务对象."""

    topic = ChoiceFilter(label="主题", empty_label="全部", choices=Topic.choices)
    for_personal = BooleanFilter(label="面向个人")
    for_enterprise = BooleanFilter(label="面向企业")

    class Meta(PageFilterSet.Meta):
        model = ServiceGuidePage


class ServiceGuideIndexView(ResourceExportMixin, IndexView):
    """Every guide in one list; "下载 XLSX" writes the import columns, "导入" opens the import."""

    export_resource_class = GuideResource
    spreadsheet_import = guide_import
    default_ordering = "title"

    def annotate_queryset(self, pages):
        return super().annotate_queryset(pages).prefetch_related("materials", "steps")


class ServiceGuideListingViewSet(PageListingViewSet):
    """办事指南: all guides with topic, audience and completeness; export and import as spreadsheets."""

    model = ServiceGuidePage
    index_view_class = ServiceGuideIndexView
    name = "service_guides"
    icon = "help"
    menu_label = "办事指南"
    menu_order = 160
    add_to_admin_menu = True
    filterset_class = ServiceGuideFilterSet
    export_filename = "办事指南"
    columns = [
        PageTitleColumn("title", label="事项名称", sort_key="title", classname="title"),
        Column("code", label="事项编码", sort_key="code", width="12%"),
        Column("topic", label="主题", accessor="get_topic_display", width="10%"),
        Column("audience", label="服务对象", accessor="audience_display", width="10%"),
        CompletenessColumn("complete", label="要素", width="18%"),
        PageStatusColumn("status", label="状态", sort_key="live", width="10%"),
    ]


@hooks.register("register_admin_viewset")
def register_guide_listing():
    return ServiceGuideListingViewSet()


@hooks.register("register_admin_urls")
def register_guide_import_urls():
    return guide_import.get_urls()
