"""Spreadsheet import and export of the standard catalog (基层政务公开标准目录)."""

from __future__ import annotations

from import_export.fields import Field

from cms.catalog import directory_paths
from cms.catalog.models import CatalogDirectoryPage, CatalogItem
from cms.core.imports import widgets
from cms.core.imports.resources import ImportAbort, SpreadsheetResource


class DirectoryPathWidget(widgets.PathWidget):
    """所属目录 as "一级/二级/三级", matched against the township's existing directories.

    The resource fills ``directories`` (path → page) before importing and ``paths``
    (id → path) before exporting, so neither direction queries per row.
    """

    def __init__(self):
        super().__init__(required=False)
        self.directories: dict[tuple[str, ...], CatalogDirectoryPage] = {}
        self.paths: dict[int, tuple[str, ...]] = {}

    def clean(self, value, row=None, **kwargs):
        path = super().clean(value, row, **kwargs)
        if not path:
            return None
        directory = self.directories.get(path)
        if directory is None:
            raise ValueError(f"找不到公开目录「{'/'.join(path)}」，请先在页面树中建立该目录，或检查名称是否一致")
        return directory

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "/".join(self.paths.get(value.pk, (value.title,)))


class CatalogItemResource(SpreadsheetResource):
    """Rows of the standard catalog, with the Chinese headers the published catalogs use.

    A row is matched to an existing item of the township by 序号 (then updated or
    reported unchanged); 公开渠道和载体 takes several values separated by 、 , or ；.
    """

    sequence = Field("sequence", "序号", widgets.IntegerWidget(required=True))
    area = Field("area", "一级事项", widgets.TextWidget(required=True, max_length=100))
    matter = Field("matter", "二级事项", widgets.TextWidget(required=True, max_length=200))
    content = Field("content", "公开内容(要素)", widgets.TextWidget())
    basis = Field("basis", "公开依据", widgets.TextWidget())
    time_limit = Field(
        "time_limit",
        "公开时限",
        widgets.TextWidget(max_length=200),
        default=CatalogItem._meta.get_field("time_limit").default,
    )
    subject = Field("subject", "公开主体", widgets.TextWidget(max_length=200))
    channels = Field("channels", "公开渠道和载体", widgets.ListWidget(CatalogItem.CHANNELS))
    audience = Field(
        "audience", "公开对象", widgets.ChoiceWidget(CatalogItem.Audience.values, default=CatalogItem.Audience.PUBLIC)
    )
    mode = Field(
        "mode",
        "公开方式",
        widgets.ChoiceWidget(
            CatalogItem.Mode.values,
            default=CatalogItem.Mode.PROACTIVE,
            aliases={"主动公开": "主动", "依申请公开": "依申请"},
        ),
    )
    tier = Field(
        "tier",
        "公开层级",
        widgets.ChoiceWidget(
            CatalogItem.Tier.values, default=CatalogItem.Tier.TOWNSHIP, aliases={"乡镇级": "乡级", "乡镇": "乡级"}
        ),
    )
    directory = Field("directory", "所属目录", DirectoryPathWidget())

    required_columns = ("序号", "一级事项", "二级事项")
    label_column = "二级事项"

    class Meta:
        model = CatalogItem
        fields = (
            "sequence",
            "area",
            "matter",
            "content",
            "basis",
            "time_limit",
            "subject",
            "channels",
            "audience",
            "mode",
            "tier",
            "directory",
        )
        import_id_fields = ("sequence",)
        skip_unchanged = True
        clean_model_instances = True

    def __init__(self, *, township=None, **options):
        super().__init__(**options)
        self.township = township
        self._sequences: dict[int, int] = {}

    def get_queryset(self):
        queryset = CatalogItem.objects.select_related("directory")
        return queryset.filter(township=self.township) if self.township is not None else queryset

    def init_instance(self, row=None):
        return CatalogItem(township=self.township)

    def prepare(self) -> None:
        if self.township is None:
            raise ImportAbort("请指定要导入的乡镇。")
        self.fields["directory"].widget.directories = directory_paths.directories_by_path(self.township)

    def check_row(self, instance, row, *, errors, **kwargs):
        if "sequence" in errors or instance.sequence is None:
            return {}
        number = self.excel_row(kwargs["row_number"])
        first = self._sequences.setdefault(instance.sequence, number)
        if first != number:
            return {"sequence": f"序号「{instance.sequence}」与第 {first} 行重复"}
        return {}

    def before_export(self, queryset, **kwargs):
        directories = CatalogDirectoryPage.objects.filter(path__in=_ancestor_tree_paths(queryset)).only(
            "id", "path", "depth", "title"
        )
        self.fields["directory"].widget.paths = directory_paths.paths_by_id(directories)
        super().before_export(queryset, **kwargs)


def _ancestor_tree_paths(queryset) -> set[str]:
    """Tree paths of the items' directories and all their ancestors (for path names)."""
    from wagtail.models import Page

    own = set(CatalogDirectoryPage.objects.filter(pk__in=queryset.values("directory")).values_list("path", flat=True))
    result = set()
    for tree_path in own:
        for end in range(Page.steplen, len(tree_path) + 1, Page.steplen):
            result.add(tree_path[:end])
    return result
