"""Spreadsheet import of grid units and grid workers (django-import-export, cms/core/imports).

Grid units (网格), one row each: 网格编码*, 网格名称*, 行政村*, 自然村*, 户数, 人口, 网格长
(a grid worker's name or phone). Grid workers (网格员), one row each: 姓名*, 手机号*, 角色
(网格长 / 专职网格员 / 兼职网格员), 网格编码*, 登录账号 (an existing username).

Rows are matched to what exists in the township — units by 网格编码, workers by 手机号 — and
updated, or created. Every lookup table (natural villages, grid codes, workers, users,
existing rows) is loaded once before the first row, and the rows are written with
import-export's ``use_bulk`` (bulk INSERT / UPDATE per 1,000 rows, no per-row savepoint,
no per-row diff): a 10,000-row file costs a few dozen queries. The widgets check every
cell against those tables, so every bad row gets its own message; once a row has failed
no further batch is written, a database refusal of a batch becomes a file-level message,
and either way the whole transaction is rolled back — the import stays all-or-nothing. Import units first, then workers:
a worker whose role is 网格长 becomes the leader of a grid unit that has none yet.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.db.models import OuterRef, Subquery
from import_export import widgets as base_widgets
from import_export.fields import Field
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import RowResult

from cms.core.imports import widgets
from cms.core.imports.resources import ImportAbort, SpreadsheetResource
from grid.models import GridUnit, GridWorker
from villages.models import NaturalVillage

#: An 11-digit mobile number, or a landline with its area code: 0xxx-xxxxxxx (0xx-xxxxxxxx).
PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-\d{7,8})$")
PHONE_MESSAGE = "电话号码格式有误「{}」，应为11位手机号（如 13812345678）或带区号的固定电话（如 0871-1234567）"
ROLE_LABELS = {str(label): value for value, label in GridWorker.Role.choices}
ROLE_NAMES = {value: label for label, value in ROLE_LABELS.items()}


def normalise_phone(value) -> str:
    """Cell → phone text: Excel's 13812345678.0 and spaces are tidied away."""
    return widgets.cell_text(value).replace(" ", "").replace("－", "-")


class TolerantCachedInstanceLoader(ModelInstanceLoader):
    """import-export's CachedInstanceLoader (one query for all existing rows) that survives bad id cells.

    The stock loader cleans every row's id cell while it is built, so one empty or
    malformed 网格编码 / 手机号 would abort the whole file instead of becoming that row's
    message; here such a row simply matches nothing and its widget reports it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pk_field = self.resource.fields[self.resource.get_import_id_fields()[0]]
        ids = []
        for row in self.dataset.dict:
            try:
                ids.append(self.pk_field.clean(row))
            except (ValueError, KeyError):
                continue
        queryset = self.get_queryset().filter(**{f"{self.pk_field.attribute}__in": ids}) if ids else []
        self.all_instances = {getattr(instance, self.pk_field.attribute): instance for instance in queryset}

    def get_instance(self, row):
        return self.all_instances.get(self.pk_field.clean(row))


class PhoneWidget(widgets.TextWidget):
    """A required (or optional) phone number in one of the two accepted shapes."""

    def clean(self, value, row=None, **kwargs):
        text = normalise_phone(value)
        if not text:
            if self.required:
                raise ValueError(widgets.REQUIRED_MESSAGE)
            return ""
        if not PHONE_RE.match(text):
            raise ValueError(PHONE_MESSAGE.format(text))
        return text


class LookupWidget(base_widgets.Widget):
    """A cell naming an existing object, looked up in a table the resource fills before the first row."""

    def __init__(self, *, required: bool = False):
        super().__init__()
        self.required = required
        self.table: dict = {}

    def clean(self, value, row=None, **kwargs):
        text = widgets.cell_text(value)
        if not text:
            if self.required:
                raise ValueError(widgets.REQUIRED_MESSAGE)
            return None
        return self.find(text, row or {})

    def find(self, text: str, row):
        raise NotImplementedError


class NaturalVillageWidget(LookupWidget):
    """自然村, within the 行政村 of the same row (by the village's name or code)."""

    def find(self, text, row):
        village = widgets.cell_text(row.get("行政村"))
        if not village:
            raise ValueError("请同时填写【行政村】")
        found = self.table.get((village, text))
        if found is None:
            raise ValueError(f"找不到自然村「{village}{text}」，请先在“村务公开管理 › 自然村”中建立，或检查名称")
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class LeaderWidget(LookupWidget):
    """网格长 as a grid worker's phone or name in the township; a name shared by two workers is refused."""

    def find(self, text, row):
        phone = normalise_phone(text)
        if PHONE_RE.match(phone):
            worker = self.table.get(("phone", phone))
            if worker is None:
                raise ValueError(f"找不到手机号为「{phone}」的网格员，请先导入网格员或留空")
            return worker
        workers = self.table.get(("name", text), [])
        if not workers:
            raise ValueError(f"找不到网格员「{text}」，请先导入网格员或留空")
        if len(workers) > 1:
            raise ValueError(f"有 {len(workers)} 位网格员叫「{text}」，请改填其手机号")
        return workers[0]

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class GridCodeWidget(LookupWidget):
    """网格编码 of a grid unit of the township."""

    def find(self, text, row):
        unit = self.table.get(text)
        if unit is None:
            raise ValueError(f"找不到网格编码「{text}」，请先导入网格或检查编码")
        return unit

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


class UserWidget(LookupWidget):
    """登录账号: the username of an existing user (accounts are not created by the import)."""

    def find(self, text, row):
        user = self.table.get(text)
        if user is None:
            raise ValueError(f"找不到登录账号「{text}」，请先在“设置 › 用户”中建立账号，或留空")
        return user

    def render(self, value, obj=None, **kwargs):
        return value.get_username() if value else ""


class RoleWidget(widgets.ChoiceWidget):
    """角色 by its Chinese label; empty means 专职网格员."""

    def __init__(self):
        super().__init__(ROLE_LABELS, default=str(GridWorker.Role.FULL_TIME.label), aliases={"网格员": "专职网格员"})

    def clean(self, value, row=None, **kwargs):
        return ROLE_LABELS[super().clean(value, row, **kwargs)]

    def render(self, value, obj=None, **kwargs):
        return str(GridWorker.Role(value).label) if value else ""


class WorkerRowResult(RowResult):
    """A row result labelled "张三（网格长）" without GridWorker.__str__.

    ``get_role_display()`` hashes every translated choice label on each call; over
    10,000 rows that alone was a quarter of the import's time.
    """

    def add_instance_info(self, instance):
        if instance is not None:
            self.object_id = instance.pk
            self.object_repr = f"{instance.name}（{ROLE_NAMES.get(instance.role, '')}）"


class GridResourceBase(SpreadsheetResource):
    """What both grid imports share: the township, a cached instance loader, per-file duplicate checks, bulk writes.

    Bulk writes: the rows are collected and written 1,000 at a time, each batch in its own
    savepoint (a database error rolls back that batch only and is reported as a file
    error, which rolls back the whole import). Once any row has failed, no batch is
    written any more: the import will be rolled back anyway.
    """

    #: (column, message) of the value that must not repeat within one file
    unique_column: str = ""

    def __init__(self, *, township=None, **options):
        super().__init__(**options)
        self.township = township
        self._first_rows: dict[str, int] = {}

    def prepare(self) -> None:
        if self.township is None:
            raise ImportAbort("请指定要导入的乡镇。")

    def _write_batch(self, pending: list, write, result, raise_errors) -> None:
        failed = result is not None and (result.has_errors() or result.has_validation_errors())
        try:
            if pending and not failed:
                with transaction.atomic(using=self.get_db_connection_name()):
                    write(pending)
        except DatabaseError as exc:
            self.handle_import_error(result, exc, raise_errors)
        finally:
            pending.clear()

    def get_bulk_update_fields(self) -> list[str]:
        """The model fields the columns write (行政村 of the units is only checked, not stored)."""
        ids = set(self._meta.import_id_fields)
        return [field.attribute for name, field in self.fields.items() if field.attribute and name not in ids]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        model = self._meta.model
        self._write_batch(
            self.create_instances,
            lambda rows: model.objects.bulk_create(rows, batch_size=batch_size),
            result,
            raise_errors,
        )

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        model, fields = self._meta.model, self.get_bulk_update_fields()
        self._write_batch(
            self.update_instances,
            lambda rows: model.objects.bulk_update(rows, fields, batch_size=batch_size),
            result,
            raise_errors,
        )

    def check_unique_in_file(self, value, kwargs) -> str | None:
        if not value:
            return None
        number = self.excel_row(kwargs["row_number"])
        first = self._first_rows.setdefault(value, number)
        if first != number:
            return f"{self.unique_column}「{value}」与第 {first} 行重复"
        return None


class GridUnitResource(GridResourceBase):
    """网格 rows, matched by 网格编码 within the township."""

    code = Field("code", "网格编码", widgets.TextWidget(required=True, max_length=30))
    name = Field("name", "网格名称", widgets.TextWidget(required=True, max_length=80))
    village = Field(attribute=None, column_name="行政村", widget=widgets.TextWidget(required=True, max_length=60))
    natural_village = Field("natural_village", "自然村", NaturalVillageWidget(required=True))
    households = Field("households", "户数", widgets.IntegerWidget(minimum=0), default=0)
    population = Field("population", "人口", widgets.IntegerWidget(minimum=0), default=0)
    leader = Field("leader", "网格长", LeaderWidget())

    required_columns = ("网格编码", "网格名称", "行政村", "自然村")
    label_column = "网格名称"
    unique_column = "网格编码"

    class Meta:
        model = GridUnit
        fields = ("code", "name", "village", "natural_village", "households", "population", "leader")
        import_id_fields = ("code",)
        instance_loader_class = TolerantCachedInstanceLoader
        skip_unchanged = False
        clean_model_instances = False  # the widgets check every cell; no per-row uniqueness queries
        use_bulk = True
        skip_diff = True
        batch_size = 1000

    def get_queryset(self):
        return GridUnit.objects.filter(township=self.township)

    def init_instance(self, row=None):
        return GridUnit(township=self.township)

    def prepare(self) -> None:
        super().prepare()
        naturals = {}
        for natural in NaturalVillage.objects.filter(village__township=self.township).select_related("village"):
            naturals[(natural.village.name, natural.name)] = natural
            if natural.village.code:
                naturals[(natural.village.code, natural.name)] = natural
        self.fields["natural_village"].widget.table = naturals
        leaders: dict = {}
        for worker in GridWorker.objects.filter(township=self.township).only("pk", "name", "phone"):
            if worker.phone:
                leaders[("phone", worker.phone)] = worker
            leaders.setdefault(("name", worker.name), []).append(worker)
        self.fields["leader"].widget.table = leaders

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute is None:
            field.clean(row)  # 行政村: checked (required, length) but not stored on the unit
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def check_row(self, instance, row, *, errors, **kwargs):
        if "code" in errors:
            return {}
        duplicate = self.check_unique_in_file(instance.code, kwargs)
        return {"code": duplicate} if duplicate else {}


class GridWorkerResource(GridResourceBase):
    """网格员 rows, matched by 手机号 within the township; a 网格长 leads a unit that has no leader yet."""

    name = Field("name", "姓名", widgets.TextWidget(required=True, max_length=40))
    phone = Field("phone", "手机号", PhoneWidget(required=True, max_length=20))
    role = Field("role", "角色", RoleWidget())
    grid_unit = Field("grid_unit", "网格编码", GridCodeWidget(required=True))
    user = Field("user", "登录账号", UserWidget())

    required_columns = ("姓名", "手机号", "网格编码")
    label_column = "姓名"
    unique_column = "手机号"

    class Meta:
        model = GridWorker
        fields = ("name", "phone", "role", "grid_unit", "user")
        import_id_fields = ("phone",)
        instance_loader_class = TolerantCachedInstanceLoader
        skip_unchanged = False
        clean_model_instances = False  # the widgets check every cell; no per-row uniqueness queries
        use_bulk = True
        skip_diff = True
        batch_size = 1000

    def __init__(self, **options):
        super().__init__(**options)
        self._leader_rows: dict[int, int] = {}
        self._new_leaders: dict[int, tuple[GridUnit, GridWorker]] = {}

    def get_queryset(self):
        return GridWorker.objects.filter(township=self.township)

    def init_instance(self, row=None):
        return GridWorker(township=self.township)

    def prepare(self) -> None:
        super().prepare()
        units = GridUnit.objects.filter(township=self.township).only("pk", "code", "name", "leader_id")
        self.fields["grid_unit"].widget.table = {unit.code: unit for unit in units}
        self.fields["user"].widget.table = {
            user.get_username(): user for user in get_user_model().objects.only("pk", "username")
        }

    def check_row(self, instance, row, *, errors, **kwargs):
        problems = {}
        if "phone" not in errors:
            duplicate = self.check_unique_in_file(instance.phone, kwargs)
            if duplicate:
                problems["phone"] = duplicate
        if "role" not in errors and "grid_unit" not in errors and instance.role == GridWorker.Role.LEADER:
            number = self.excel_row(kwargs["row_number"])
            first = self._leader_rows.setdefault(instance.grid_unit.pk, number)
            if first != number:
                problems["role"] = (
                    f"网格「{instance.grid_unit.code}」在第 {first} 行已有网格长，一个网格只能有一位网格长"
                )
        return problems

    def after_save_instance(self, instance, row, **kwargs):
        """A 网格长 leads his unit if it has none; written in after_import, once the workers have ids."""
        super().after_save_instance(instance, row, **kwargs)
        unit = instance.grid_unit
        if instance.role == GridWorker.Role.LEADER and unit is not None and unit.leader_id is None:
            if unit.pk not in self._new_leaders:
                self._new_leaders[unit.pk] = (unit, instance)
                self.add_notice("设为网格长", f"{unit.code} {unit.name}：{instance.name}")

    def get_row_result_class(self):
        return WorkerRowResult

    def after_import(self, dataset, result, **kwargs):
        """Set the new leaders in one UPDATE (a unit's leader is the 网格长 row of the file that names it)."""
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors() or not self._new_leaders:
            return
        worker_ids = []
        for unit, worker in self._new_leaders.values():
            unit.leader = worker  # the worker has its id now: bulk_create returned it
            worker_ids.append(worker.pk)
        leader = GridWorker.objects.filter(pk__in=worker_ids, grid_unit=OuterRef("pk")).values("pk")[:1]
        GridUnit.objects.filter(pk__in=list(self._new_leaders), leader__isnull=True).update(leader=Subquery(leader))
