"""Spreadsheet import of disclosed items (公开信息) into the township's catalog tree."""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from import_export.fields import Field
from wagtail.log_actions import log

from cms.catalog import directory_paths
from cms.core.imports import widgets
from cms.core.imports.forms import TownshipImportForm
from cms.core.imports.resources import ImportAbort, SpreadsheetResource
from cms.core.models import Organisation
from cms.disclosure.models import DisclosureItemPage, DisclosureMode, Validity, normalise_document_number

# Excel's own limit for one cell: a long policy document's 正文 still fits.
BODY_MAX_LENGTH = 32_767


class DocumentNumberWidget(widgets.TextWidget):
    """文号 with its year in 〔〕, as the model stores it (富政办发[2018]60号 → 富政办发〔2018〕60号)."""

    def clean(self, value, row=None, **kwargs):
        return normalise_document_number(super().clean(value, row, **kwargs))


class ParagraphsWidget(widgets.TextWidget):
    """Plain text → rich text: every non-empty line becomes one escaped paragraph."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)


class DisclosureItemResource(SpreadsheetResource):
    """One row = one DisclosureItemPage, created as a child of its catalog directory.

    Missing directories (目录 "一级/二级/三级") are created under the township's
    catalog and unknown publishers (发布机构) are created too; the preview lists both.
    Each page gets a revision; with ``publish`` the revision is published (which is
    what allocates the 索引号), otherwise the page stays a draft.
    """

    title = Field("title", "标题", widgets.TextWidget(required=True, max_length=255))
    catalog_path = Field("_import_catalog_path", "目录", widgets.PathWidget(required=True, max_depth=3))
    publisher_name = Field("_import_publisher_name", "发布机构", widgets.TextWidget(required=True, max_length=120))
    document_number = Field("document_number", "文号", DocumentNumberWidget(max_length=80))
    created_on = Field("created_on", "成文日期", widgets.DateWidget(required=True))
    disclosed_on = Field("disclosed_on", "公开日期", widgets.DateWidget())
    disclosure_mode = Field(
        "disclosure_mode",
        "公开方式",
        widgets.ChoiceWidget(
            DisclosureMode.values,
            default=DisclosureMode.PROACTIVE,
            aliases={"主动": "主动公开", "依申请": "依申请公开"},
        ),
    )
    validity = Field("validity", "有效性", widgets.ChoiceWidget(Validity.values, default=Validity.IN_FORCE))
    validity_date = Field("validity_date", "废止/失效日期", widgets.DateWidget())
    topic = Field("topic", "主题分类", widgets.TextWidget(max_length=60))
    keywords = Field("keywords", "主题词", widgets.TextWidget(max_length=200))
    summary = Field("summary", "内容概述", widgets.TextWidget())
    body = Field("body", "正文", ParagraphsWidget())

    required_columns = ("标题", "目录", "发布机构", "成文日期")
    max_cell_length = BODY_MAX_LENGTH
    error_columns = {"publisher": "发布机构", "slug": "标题", "draft_title": "标题"}

    class Meta:
        model = DisclosureItemPage
        fields = (
            "title",
            "catalog_path",
            "publisher_name",
            "document_number",
            "created_on",
            "disclosed_on",
            "disclosure_mode",
            "validity",
            "validity_date",
            "topic",
            "keywords",
            "summary",
            "body",
        )
        force_init_instance = True
        skip_diff = True
        clean_model_instances = False  # the page is validated once it sits in the tree (save_row)

    def __init__(self, *, township=None, publish: bool = False, **options: Any):
        super().__init__(**options)
        self.township = township
        self.publish = publish
        self.catalog_index = None
        self._document_numbers: dict[str, int] = {}
        self._organisations: dict[str, Organisation] = {}
        self._addable: dict[int, bool] = {}

    def init_instance(self, row=None):
        return DisclosureItemPage()

    def prepare(self) -> None:
        if self.township is None:
            raise ImportAbort("请指定要导入的乡镇。")
        self.catalog_index = directory_paths.catalog_index_for(self.township)
        if self.catalog_index is None:
            raise ImportAbort(f"乡镇「{self.township.title}」下还没有“政府信息公开目录”页面，请先创建后再导入。")

    # -- checks -----------------------------------------------------------------------
    def check_row(self, instance, row, *, errors, **kwargs) -> dict[str, str]:
        number = instance.document_number
        if "document_number" in errors or not number:
            return {}
        here = self.excel_row(kwargs["row_number"])
        first = self._document_numbers.setdefault(number, here)
        if first != here:
            return {"document_number": f"文号「{number}」与第 {first} 行重复"}
        existing = (
            DisclosureItemPage.objects.descendant_of(self.township)
            .filter(document_number=number)
            .values_list("title", flat=True)
            .first()
        )
        if existing is not None:
            return {"document_number": f"文号「{number}」已被已有信息「{existing}」使用"}
        return {}

    # -- saving -----------------------------------------------------------------------
    def save_row(self, instance, is_create) -> None:
        """Create the publisher and directories if needed, then the page and its revision.

        Runs inside the row's savepoint: if the page is invalid, the organisation and
        directories made for it disappear with it, and so do their notices.
        """
        publisher, publisher_created = self._publisher(instance._import_publisher_name)
        directory, created_paths = directory_paths.directory_get_or_create(
            catalog_index=self.catalog_index, path=instance._import_catalog_path, user=self.user
        )
        self._check_can_add(directory)
        instance.publisher = publisher
        instance.live = False
        instance.has_unpublished_changes = True
        directory.add_child(instance=instance)
        # save_revision(clean=True) runs full_clean now that the page has a parent.
        revision = instance.save_revision(user=self.user)
        log(instance=instance, action="wagtail.create", user=self.user, content_changed=True)
        if self.publish:
            revision.publish(user=self.user)

        if publisher_created:
            self._organisations[publisher.name] = publisher
            self.add_notice("新建发布机构", publisher.name)
        for path in created_paths:
            self.add_notice("新建目录", "/".join(path))

    def _publisher(self, name: str) -> tuple[Organisation, bool]:
        known = self._organisations.get(name)
        if known is not None:
            return known, False
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is not None:
            self._organisations[name] = organisation
            return organisation, False
        return Organisation.objects.create(name=name), True

    def _check_can_add(self, directory) -> None:
        if self.user is None:
            return
        allowed = self._addable.get(directory.pk)
        if allowed is None:
            allowed = directory.permissions_for_user(self.user).can_add_subpage()
            self._addable[directory.pk] = allowed
        if not allowed:
            raise PermissionDenied(f"没有在目录「{directory.title}」下新建信息的权限")


class DisclosureImportForm(TownshipImportForm):
    """Upload form of the disclosure import: township and whether to publish at once."""

    publish = forms.BooleanField(
        label="导入后立即发布",
        required=False,
        help_text="勾选后每条信息导入即发布并分配索引号；不勾选则保存为草稿，待审核后发布。",
    )

    def get_resource_kwargs(self) -> dict[str, Any]:
        return {**super().get_resource_kwargs(), "publish": self.cleaned_data.get("publish", False)}
