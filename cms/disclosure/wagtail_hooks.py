"""Admin wiring for disclosed items: the "公开信息" listing with timeliness flags."""

from __future__ import annotations

from django.conf import settings
from django.utils.html import format_html
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn, ParentPageColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.disclosure import selectors
from cms.disclosure.models import DisclosureItemPage, DisclosureMode, ItemKind

LATE = "late"
ON_TIME = "on_time"


class TimelinessColumn(Column):
    """时效: working days from 成文日期 to 公开日期, flagged 超时 beyond the legal limit (条例第二十六条)."""

    def get_value(self, instance):
        days = instance.timeliness_working_days
        if days is None:
            return "未公开"
        if days > settings.DISCLOSURE_TIMELINESS_WORKING_DAYS:
            return format_html('{}个工作日 <span class="w-status w-status--label">超时</span>', days)
        return f"{days}个工作日"


class ReviewStateColumn(Column):
    """审核状态: the current workflow task (prefetched by the listing), else the publishing state."""

    def get_value(self, instance):
        state = instance.current_workflow_state
        if state is not None:
            task_state = state.current_task_state
            task_name = task_state.task.name if task_state is not None else ""
            if state.status == state.STATUS_NEEDS_CHANGES:
                return f"退回修改（{task_name}）" if task_name else "退回修改"
            return f"审核中（{task_name}）" if task_name else "审核中"
        if instance.live:
            return "已发布，有未发布修改" if instance.has_unpublished_changes else "已发布"
        return "已过期" if instance.expired else "草稿"


class TimelinessFilter(ChoiceFilter):
    """Filters on 时效 exactly, using the working-day calendar (not a calendar-day shortcut)."""

    def filter(self, qs, value):
        if value not in (LATE, ON_TIME):
            return qs
        late_ids = selectors.late_item_ids(qs)
        if value == LATE:
            return qs.filter(pk__in=late_ids)
        return qs.filter(disclosed_on__isnull=False).exclude(pk__in=late_ids)


class DisclosureItemFilterSet(PageFilterSet):
    """The standard page filters plus 时效, 公开方式 and 信息类别."""

    timeliness = TimelinessFilter(
        label="时效",
        empty_label="全部",
        choices=[(LATE, f"超时（超过{settings.DISCLOSURE_TIMELINESS_WORKING_DAYS}个工作日）"), (ON_TIME, "按时")],
    )
    disclosure_mode = ChoiceFilter(label="公开方式", empty_label="全部", choices=DisclosureMode.choices)
    kind = ChoiceFilter(label="信息类别", empty_label="全部", choices=ItemKind.choices)

    class Meta(PageFilterSet.Meta):
        model = DisclosureItemPage


class DisclosureItemIndexView(IndexView):
    """The flat listing of every item the user may explore, publishers fetched in one query."""

    default_ordering = "-latest_revision_created_at"

    def annotate_queryset(self, pages):
        # Prefetch, not select_related: Wagtail's .specific() re-fetches rows and drops joins.
        return super().annotate_queryset(pages).prefetch_related("publisher")


class DisclosureItemListingViewSet(PageListingViewSet):
    """公开信息: all disclosed items in one sortable, filterable list, late ones flagged 超时."""

    model = DisclosureItemPage
    index_view_class = DisclosureItemIndexView
    name = "disclosure_items"
    icon = "doc-full"
    menu_label = "公开信息"
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = DisclosureItemFilterSet
    columns = [
        PageTitleColumn("title", label="标题", sort_key="title", classname="title"),
        Column("index_number", label="索引号", sort_key="index_number", width="14%"),
        Column("publisher", label="发布机构", accessor="publisher.name", width="12%"),
        ParentPageColumn("parent", label="所属目录", width="12%"),
        DateColumn("disclosed_on", label="公开日期", sort_key="disclosed_on", width="10%"),
        TimelinessColumn("timeliness", label="时效", width="10%"),
        ReviewStateColumn("review_state", label="审核状态", width="12%"),
        PageStatusColumn("status", label="状态", sort_key="live", width="10%"),
    ]


@hooks.register("register_admin_viewset")
def register_disclosure_item_listing():
    return DisclosureItemListingViewSet()
