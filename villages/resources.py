"""Spreadsheet import of villages and natural villages (one row per natural village).

Columns: 村代码*, 村名*, 户数, 人口, 自然村名, 自然村代码, 自然村户数, 自然村人口. Rows
with the same 村代码 belong to one village; a row without 自然村名 only creates or
updates the village. New villages get their board page and groups (see services.villages).
"""

from __future__ import annotations

from import_export.fields import Field

from cms.core.imports import widgets
from cms.core.imports.resources import ImportAbort, SpreadsheetResource
from villages.models import NaturalVillage, Village


class VillageResource(SpreadsheetResource):
    """Villages matched by 村代码 within the township; natural villages by name within their village."""

    code = Field("code", "村代码", widgets.TextWidget(required=True, max_length=20))
    name = Field("name", "村名", widgets.TextWidget(required=True, max_length=60))
    households = Field("households", "户数", widgets.IntegerWidget(minimum=0), default=0)
    population = Field("population", "人口", widgets.IntegerWidget(minimum=0), default=0)
    natural_name = Field(attribute=None, column_name="自然村名", widget=widgets.TextWidget(max_length=60))
    natural_code = Field(attribute=None, column_name="自然村代码", widget=widgets.TextWidget(max_length=20))
    natural_households = Field(attribute=None, column_name="自然村户数", widget=widgets.IntegerWidget(minimum=0))
    natural_population = Field(attribute=None, column_name="自然村人口", widget=widgets.IntegerWidget(minimum=0))

    required_columns = ("村代码", "村名")
    label_column = "村名"

    class Meta:
        model = Village
        fields = (
            "code",
            "name",
            "households",
            "population",
            "natural_name",
            "natural_code",
            "natural_households",
            "natural_population",
        )
        import_id_fields = ("code",)
        skip_unchanged = False
        clean_model_instances = True

    def __init__(self, *, township=None, **options):
        super().__init__(**options)
        self.township = township
        self._names: dict[str, str] = {}
        self._naturals: dict[tuple[str, str], int] = {}

    def get_queryset(self):
        return Village.objects.filter(township=self.township)

    def init_instance(self, row=None):
        return Village(township=self.township)

    def prepare(self) -> None:
        if self.township is None:
            raise ImportAbort("请指定要导入的乡镇。")

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute is None:
            return
        if field.attribute in ("households", "population") and instance.pk and not row.get(field.column_name):
            return  # a natural-village row need not repeat the village's figures
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def check_row(self, instance, row, *, errors, **kwargs):
        problems = {}
        number = self.excel_row(kwargs["row_number"])
        code, name = instance.code, instance.name
        if code and name:
            first = self._names.setdefault(code, name)
            if first != name:
                problems["name"] = f"村代码「{code}」在前面的行中是「{first}」，同一村代码只能对应一个村名"
        natural = widgets.cell_text(row.get("自然村名"))
        if natural:
            key = (code, natural)
            seen = self._naturals.setdefault(key, number)
            if seen != number:
                problems["自然村名"] = f"自然村「{natural}」与第 {seen} 行重复"
            for column in ("自然村户数", "自然村人口"):
                try:
                    widgets.IntegerWidget(minimum=0).clean(row.get(column))
                except ValueError as exc:
                    problems[column] = str(exc)
        return problems

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        natural = widgets.cell_text(row.get("自然村名"))
        if not natural:
            return
        number = widgets.IntegerWidget(minimum=0)
        NaturalVillage.objects.update_or_create(
            village=instance,
            name=natural,
            defaults={
                "code": widgets.cell_text(row.get("自然村代码")),
                "households": number.clean(row.get("自然村户数")) or 0,
                "population": number.clean(row.get("自然村人口")) or 0,
            },
        )
        self.add_notice("新建或更新自然村", f"{instance.name}{natural}")
