"""Spreadsheet import and export of service guides (办事指南), both directions in one Resource.

One row = one ServiceGuidePage under the township's 办事指南 section (created if missing).
Rows are matched to existing guides by 事项编码, else by 事项名称, so an exported
workbook can be edited and imported again without duplicating guides.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.utils.text import slugify
from import_export import widgets as ie_widgets
from import_export.fields import Field
from wagtail.log_actions import log

from cms.core.imports import widgets
from cms.core.imports.forms import TownshipImportForm
from cms.core.imports.resources import ImportAbort, SpreadsheetResource
from cms.core.imports.widgets import cell_text
from cms.guides import cells
from cms.guides.completeness import incomplete_message, missing_from_values
from cms.guides.models import GuideMaterial, GuideStep, ItemType, ServiceGuideIndexPage, ServiceGuidePage, Topic

#: 设定依据 / 受理条件: long legal texts are fine, a pasted document is not.
LONG_TEXT_MAX_LENGTH = 5_000
SLUG_MAX_LENGTH = 60


class CellParserWidget(ie_widgets.Widget):
    """Wraps one of the cms.guides.cells parsers; its ValueError becomes the column's message."""

    def __init__(self, parse):
        super().__init__()
        self.parse = parse

    def clean(self, value, row=None, **kwargs):
        return self.parse(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class TopicWidget(ie_widgets.Widget):
    """主题 by its Chinese name (社会救助) or its code (social_assistance); empty is 其他."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return Topic.OTHER
        by_label = {str(label): code for code, label in Topic.choices}
        if text in by_label:
            return by_label[text]
        if text in Topic.values:
            return text
        raise ValueError(f"无效的主题「{text}」，应为：{'、'.join(by_label)}")

    def render(self, value, obj=None, **kwargs):
        return str(Topic(value).label) if value in Topic.values else (value or "")


class GuideResource(SpreadsheetResource):
    """Columns of the guide spreadsheet (import and export); see cms.guides.cells for the cell formats."""

    title = Field("title", "事项名称", widgets.TextWidget(required=True, max_length=255))
    code = Field("code", "事项编码", widgets.TextWidget(max_length=60))
    audience = Field("_import_audience", "服务对象", CellParserWidget(cells.parse_audience))
    topic = Field("topic", "主题", TopicWidget())
    legal_basis = Field("legal_basis", "设定依据", widgets.TextWidget(max_length=LONG_TEXT_MAX_LENGTH))
    conditions = Field("conditions", "受理条件", widgets.TextWidget(max_length=LONG_TEXT_MAX_LENGTH))
    materials = Field("_import_materials", "办理材料", CellParserWidget(cells.parse_materials))
    steps = Field("_import_steps", "办理流程", CellParserWidget(cells.parse_steps))
    location = Field("location", "办理地点", widgets.TextWidget(max_length=200))
    office_hours = Field("office_hours", "办理时间", widgets.TextWidget(max_length=200))
    phone = Field("phone", "联系电话", widgets.TextWidget(max_length=60))
    complaint_phone = Field("complaint_phone", "监督电话", widgets.TextWidget(max_length=60))
    legal_time_limit = Field("legal_time_limit", "法定办结时限", CellParserWidget(cells.parse_working_days))
    promised_time_limit = Field("promised_time_limit", "承诺办结时限", CellParserWidget(cells.parse_working_days))
    fees = Field("fees", "收费标准", widgets.TextWidget(max_length=200))
    visits = Field("visits", "到现场次数", CellParserWidget(cells.parse_visits))
    item_type = Field("item_type", "事项类型", widgets.ChoiceWidget(ItemType.values, default=ItemType.PUBLIC_SERVICE))
    implementer = Field("implementer", "实施主体", widgets.TextWidget(max_length=120))
    window = Field("window", "办理窗口", widgets.TextWidget(max_length=100))
    delivery = Field("delivery", "结果送达", widgets.TextWidget(max_length=200))

    required_columns = ("事项名称",)
    max_cell_length = 32_767
    error_columns = {
        "slug": "事项名称",
        "draft_title": "事项名称",
        "for_personal": "服务对象",
        "for_enterprise": "服务对象",
        "materials": "办理材料",
        "steps": "办理流程",
    }

    class Meta:
        model = ServiceGuidePage
        fields = (
            "title",
            "code",
            "audience",
            "topic",
            "legal_basis",
            "conditions",
            "materials",
            "steps",
            "location",
            "office_hours",
            "phone",
            "complaint_phone",
            "legal_time_limit",
            "promised_time_limit",
            "fees",
            "visits",
            "item_type",
            "implementer",
            "window",
            "delivery",
        )
        export_order = fields
        skip_diff = True
        clean_model_instances = False  # validated by save_revision(clean=True) once in the tree

    def __init__(self, *, township=None, publish: bool = False, **options: Any):
        super().__init__(**options)
        self.township = township
        self.publish = publish
        self._seen: dict[str, int] = {}

    # -- lookups ----------------------------------------------------------------------
    def prepare(self) -> None:
        if self.township is None:
            raise ImportAbort("请指定要导入的乡镇。")

    def guides(self):
        return ServiceGuidePage.objects.descendant_of(self.township)

    def init_instance(self, row=None):
        return ServiceGuidePage()

    def get_instance(self, instance_loader, row):
        """The township's guide with this 事项编码 (or, without a code, this 事项名称), as its latest draft."""
        if self.township is None:
            return None
        code = cell_text(row.get("事项编码"))
        title = cell_text(row.get("事项名称"))
        found = None
        if code:
            found = self.guides().filter(code=code).first()
        elif title:
            found = self.guides().filter(title=title).first()
        return found.get_latest_revision_as_object() if found is not None else None

    # -- checks -----------------------------------------------------------------------
    def check_row(self, instance, row, *, errors, **kwargs) -> dict[str, str]:
        problems: dict[str, str] = {}
        here = self.excel_row(kwargs["row_number"])
        key = f"code:{instance.code}" if instance.code else f"title:{instance.title}"
        if "title" not in errors and "code" not in errors and (instance.code or instance.title):
            first = self._seen.setdefault(key, here)
            if first != here:
                what = f"事项编码「{instance.code}」" if instance.code else f"事项名称「{instance.title}」"
                problems["code" if instance.code else "title"] = f"{what}与第 {first} 行重复"
        if errors or problems:
            return problems
        missing = missing_from_values(
            {
                "title": instance.title,
                **{f: getattr(instance, f) for f in ("legal_basis", "conditions", "location", "office_hours", "phone")},
            },
            material_count=len(getattr(instance, "_import_materials", None) or []),
            step_count=len(getattr(instance, "_import_steps", None) or []),
        )
        if missing and self.publish:
            problems[NON_FIELD_ERRORS] = incomplete_message(missing)
        elif missing:
            self.add_notice("按草稿保存的要素不全指南", instance.title[:40])
        return problems

    # -- saving -----------------------------------------------------------------------
    def save_row(self, instance, is_create) -> None:
        """Put the guide in the tree (or update it), save a revision, publish if asked."""
        instance.for_personal, instance.for_enterprise = getattr(instance, "_import_audience", None) or (True, False)
        self._set_rows(instance)
        if instance.pk is None:
            index = self._guide_index()
            self._check_permission(
                index.permissions_for_user(self.user).can_add_subpage() if self.user else True, index
            )
            instance.slug = self._free_slug(index, instance)
            instance.live = False
            instance.has_unpublished_changes = True
            index.add_child(instance=instance)
            action = "wagtail.create"
        else:
            self._check_permission(instance.permissions_for_user(self.user).can_edit() if self.user else True, instance)
            action = "wagtail.edit"
        revision = instance.save_revision(user=self.user, log_action=False)
        log(instance=instance, action=action, user=self.user, revision=revision, content_changed=True)
        if self.publish:
            revision.publish(user=self.user)

    def _set_rows(self, instance) -> None:
        """Replace materials and steps, keeping the form attachments of materials that keep their name."""
        kept = {}
        if instance.pk is not None:
            kept = {m.name: m for m in instance.materials.all()}
        materials = []
        for position, row in enumerate(getattr(instance, "_import_materials", None) or []):
            old = kept.get(row.name)
            materials.append(
                GuideMaterial(
                    sort_order=position,
                    name=row.name,
                    original_or_copy=row.original_or_copy,
                    copies=row.copies,
                    source=row.source,
                    medium=row.medium,
                    required=row.required,
                    blank_form_id=old.blank_form_id if old else None,
                    sample_form_id=old.sample_form_id if old else None,
                    note=old.note if old else "",
                )
            )
        instance.materials = materials
        instance.steps = [
            GuideStep(sort_order=position, name=s.name, description=s.description, time_limit=s.time_limit)
            for position, s in enumerate(getattr(instance, "_import_steps", None) or [])
        ]

    def _guide_index(self) -> ServiceGuideIndexPage:
        index = ServiceGuideIndexPage.objects.child_of(self.township).first()
        if index is None:
            index = ServiceGuideIndexPage(title="办事指南", slug="bszn")
            self.township.add_child(instance=index)
            index.save_revision(user=self.user).publish(user=self.user, skip_permission_checks=True)
            self.add_notice("新建栏目", "办事指南")
        return index

    @staticmethod
    def _free_slug(index, instance) -> str:
        base = slugify(instance.code or instance.title, allow_unicode=True)[:SLUG_MAX_LENGTH].strip("-") or "guide"
        taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    @staticmethod
    def _check_permission(allowed: bool, page) -> None:
        if not allowed:
            raise PermissionDenied(f"没有在「{page.title}」新建或修改办事指南的权限")

    # -- export -----------------------------------------------------------------------
    def dehydrate_audience(self, guide) -> str:
        return cells.render_audience(guide.for_personal, guide.for_enterprise)

    def dehydrate_materials(self, guide) -> str:
        return cells.render_materials(guide.materials.all())

    def dehydrate_steps(self, guide) -> str:
        return cells.render_steps(guide.steps.all())


class GuideImportForm(TownshipImportForm):
    """Upload form of the guide import: township and whether to publish at once."""

    publish = forms.BooleanField(
        label="导入后立即发布",
        required=False,
        help_text="勾选后要素齐全的指南导入即发布（要素不全的行会报错）；不勾选则保存为草稿。",
    )

    def get_resource_kwargs(self) -> dict[str, Any]:
        return {**super().get_resource_kwargs(), "publish": self.cleaned_data.get("publish", False)}


def export_queryset(township=None):
    """Guides in tree order with their rows prefetched (what export_guides and the admin export write)."""
    queryset = ServiceGuidePage.objects.order_by("path").prefetch_related("materials", "steps")
    return queryset.descendant_of(township) if township is not None else queryset
