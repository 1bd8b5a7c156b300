"""Spreadsheet import of grid units and grid workers: command, admin preview → confirm, all-or-nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from grid.management.commands.import_grid import detect_kind
from grid.models import GridUnit, GridWorker
from tests.grid.factories import make_user
from villages.models import NaturalVillage, Village

pytestmark = pytest.mark.django_db

UNIT_HEADERS = ["网格编码", "网格名称", "行政村", "自然村", "户数", "人口", "网格长"]
WORKER_HEADERS = ["姓名", "手机号", "角色", "网格编码", "登录账号"]


@pytest.fixture
def villages(township):
    village = Village.objects.create(township=township, code="530581104201", name="大村")
    for name in ("上寨", "下寨"):
        NaturalVillage.objects.create(village=village, name=name)
    return village


def csv_bytes(headers, rows, *, encoding="utf-8") -> bytes:
    lines = [",".join(headers)] + [",".join(str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def xlsx_bytes(headers, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def run_command(tmp_path, content: bytes, *args, name="grid.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_grid", str(path), *args, stdout=out, stderr=err)
    except CommandError as exc:
        return False, out.getvalue(), err.getvalue() + str(exc)
    return True, out.getvalue(), err.getvalue()


UNITS = [
    ["MG-01", "上寨网格", "大村", "上寨", 120, 480, ""],
    ["MG-02", "下寨网格", "530581104201", "下寨", "95", "", ""],
]


class TestUnitImport:
    def test_units_are_created_with_their_natural_village(self, tmp_path, township, villages):
        ok, out, err = run_command(tmp_path, csv_bytes(UNIT_HEADERS, UNITS))
        assert ok, err
        first, second = GridUnit.objects.order_by("code")
        assert (first.code, first.name, first.natural_village.name, first.households, first.population) == (
            "MG-01",
            "上寨网格",
            "上寨",
            120,
            480,
        )
        assert second.natural_village.name == "下寨" and second.population == 0
        assert "新建 2" in out and "导入类型：网格" in err

    def test_reimport_updates_by_code(self, tmp_path, township, villages):
        run_command(tmp_path, csv_bytes(UNIT_HEADERS, UNITS))
        rows = [["MG-01", "上寨一网格", "大村", "上寨", 130, 500, ""]]
        ok, out, _ = run_command(tmp_path, csv_bytes(UNIT_HEADERS, rows))
        assert ok and "更新 1" in out
        assert GridUnit.objects.count() == 2 and GridUnit.objects.get(code="MG-01").households == 130

    def test_gbk_csv_and_xlsx_read_alike(self, tmp_path, township, villages):
        ok, _, err = run_command(tmp_path, csv_bytes(UNIT_HEADERS, UNITS, encoding="gbk"))
        assert ok, err
        assert set(GridUnit.objects.values_list("name", flat=True)) == {"上寨网格", "下寨网格"}
        rows = [["MG-03", "第三网格", "大村", "上寨", 10, 40, None]]
        ok, _, err = run_command(tmp_path, xlsx_bytes(UNIT_HEADERS, rows), name="grid.xlsx")
        assert ok, err
        assert GridUnit.objects.get(code="MG-03").natural_village.name == "上寨"

    def test_leader_by_name_or_phone(self, tmp_path, township, villages):
        GridWorker.objects.create(township=township, name="王网格长", phone="13811112222")
        rows = [
            ["MG-01", "上寨网格", "大村", "上寨", "", "", "王网格长"],
            ["MG-02", "下寨网格", "大村", "下寨", "", "", "13811112222"],
        ]
        ok, _, err = run_command(tmp_path, csv_bytes(UNIT_HEADERS, rows))
        assert ok, err
        assert set(GridUnit.objects.values_list("leader__name", flat=True)) == {"王网格长"}

    def test_bad_rows_are_all_reported_and_nothing_saved(self, tmp_path, township, villages):
        rows = [
            ["MG-01", "上寨网格", "大村", "上寨", 120, 480, ""],
            ["MG-01", "重复网格", "大村", "下寨", "", "", ""],
            ["MG-05", "无名网格", "大村", "后山", "", "", ""],
            ["MG-06", "", "小村", "上寨", "三十", "", "赵六"],
        ]
        ok, _, err = run_command(tmp_path, csv_bytes(UNIT_HEADERS, rows))
        assert not ok
        assert "第 3 行【网格编码】：网格编码「MG-01」与第 2 行重复" in err
        assert "第 4 行【自然村】：找不到自然村「大村后山」" in err
        assert "第 5 行【网格名称】：必填，不能为空" in err
        assert "第 5 行【自然村】：找不到自然村「小村上寨」" in err
        assert "第 5 行【户数】：应为整数「三十」" in err
        assert "第 5 行【网格长】：找不到网格员「赵六」" in err
        assert "未保存任何数据" in err
        assert not GridUnit.objects.exists()

    def test_empty_rows_are_skipped_and_row_numbers_stay_excel_numbers(self, tmp_path, township, villages):
        rows = [UNITS[0], ["", "", "", "", "", "", ""], ["MG-09", "第九网格", "大村", "无此村", "", "", ""]]
        ok, _, err = run_command(tmp_path, csv_bytes(UNIT_HEADERS, rows))
        assert not ok and "第 4 行【自然村】" in err
        assert not GridUnit.objects.exists()
        ok, out, _ = run_command(tmp_path, csv_bytes(UNIT_HEADERS, rows[:2]))
        assert ok and "共 1 行" in out and GridUnit.objects.count() == 1

    def test_file_with_only_headers_is_refused(self, tmp_path, township, villages):
        ok, _, err = run_command(tmp_path, csv_bytes(UNIT_HEADERS, [["", "", "", "", "", "", ""]]))
        assert not ok and "没有数据行" in err

    def test_dry_run_saves_nothing(self, tmp_path, township, villages):
        ok, out, _ = run_command(tmp_path, csv_bytes(UNIT_HEADERS, UNITS), "--dry-run")
        assert ok and "预检通过" in out
        assert not GridUnit.objects.exists()


def make_units(township, villages):
    natural = villages.natural_villages.get(name="上寨")
    return [
        GridUnit.objects.create(township=township, code=code, name=f"网格{code}", natural_village=natural)
        for code in ("MG-01", "MG-02")
    ]


class TestWorkerImport:
    def test_workers_are_created_and_a_leader_leads_his_unit(self, tmp_path, township, villages):
        make_units(township, villages)
        user = make_user("zhangsan")
        rows = [
            ["张三", "13812345678", "网格长", "MG-01", "zhangsan"],
            ["李四", "0871-1234567", "兼职网格员", "MG-01", ""],
            ["王五", "139 1234 5678", "", "MG-02", ""],
        ]
        ok, out, err = run_command(tmp_path, csv_bytes(WORKER_HEADERS, rows))
        assert ok, err
        assert "导入类型：网格员" in err and "已设为网格长：MG-01" in out
        zhang = GridWorker.objects.get(phone="13812345678")
        assert zhang.role == "leader" and zhang.user == user
        assert GridWorker.objects.get(name="李四").role == "part_time"
        assert GridWorker.objects.get(name="王五").phone == "13912345678"
        assert GridWorker.objects.get(name="王五").role == "full_time"
        assert GridUnit.objects.get(code="MG-01").leader == zhang
        assert GridUnit.objects.get(code="MG-02").leader is None

    def test_reimport_matches_by_phone(self, tmp_path, township, villages):
        make_units(township, villages)
        run_command(tmp_path, csv_bytes(WORKER_HEADERS, [["张三", "13812345678", "", "MG-01", ""]]))
        ok, out, _ = run_command(tmp_path, csv_bytes(WORKER_HEADERS, [["张三丰", "13812345678", "", "MG-02", ""]]))
        assert ok and "更新 1" in out
        worker = GridWorker.objects.get()
        assert (worker.name, worker.grid_unit.code) == ("张三丰", "MG-02")

    def test_bad_rows_are_all_reported_and_nothing_saved(self, tmp_path, township, villages):
        make_units(township, villages)
        rows = [
            ["张三", "13812345678", "网格长", "MG-01", ""],
            ["李四", "12345", "专职网格员", "MG-01", ""],
            ["王五", "13812345678", "组长", "MG-99", "nobody"],
            ["赵六", "", "网格长", "MG-01", ""],
            ["钱七", "0871-123", "", "MG-02", ""],
        ]
        ok, _, err = run_command(tmp_path, csv_bytes(WORKER_HEADERS, rows), "--kind", "workers")
        assert not ok
        assert "第 3 行【手机号】：电话号码格式有误「12345」" in err
        assert "第 4 行【手机号】：手机号「13812345678」与第 2 行重复" in err
        assert "第 4 行【角色】：无效的取值「组长」" in err
        assert "第 4 行【网格编码】：找不到网格编码「MG-99」" in err
        assert "第 4 行【登录账号】：找不到登录账号「nobody」" in err
        assert "第 5 行【手机号】：必填，不能为空" in err
        assert "第 5 行【角色】：网格「MG-01」在第 2 行已有网格长" in err
        assert "第 6 行【手机号】：电话号码格式有误「0871-123」" in err
        assert not GridWorker.objects.exists()
        assert GridUnit.objects.filter(leader__isnull=False).count() == 0

    def test_gbk_workers_file(self, tmp_path, township, villages):
        make_units(township, villages)
        content = csv_bytes(WORKER_HEADERS, [["张三", "13812345678", "专职网格员", "MG-01", ""]], encoding="gbk")
        ok, _, err = run_command(tmp_path, content)
        assert ok, err
        assert GridWorker.objects.get().name == "张三"


class TestKind:
    def test_detected_from_headers(self):
        assert detect_kind(UNIT_HEADERS) == "units"
        assert detect_kind(WORKER_HEADERS) == "workers"
        assert detect_kind(["编号", "名称"]) is None

    def test_unknown_headers_need_kind(self, tmp_path, township):
        ok, _, err = run_command(tmp_path, csv_bytes(["编号", "名称"], [["1", "x"]]))
        assert not ok and "--kind" in err

    def test_wrong_kind_lists_missing_columns(self, tmp_path, township, villages):
        ok, _, err = run_command(tmp_path, csv_bytes(UNIT_HEADERS, UNITS), "--kind", "workers")
        assert not ok and "姓名" in err
        assert not GridWorker.objects.exists()


class TestAdminImport:
    URL = "/admin/imports/grid-units/"

    def test_preview_then_confirm(self, client, township, villages):
        client.force_login(make_user(superuser=True))
        assert client.get(self.URL).status_code == 200
        upload = SimpleUploadedFile("grid.csv", csv_bytes(UNIT_HEADERS, UNITS, encoding="gbk"))
        response = client.post(self.URL, {"township": township.pk, "import_file": upload})
        body = response.content.decode()
        assert response.status_code == 200 and "上寨网格" in body
        assert not GridUnit.objects.exists()  # the preview is a dry run
        stored = response.context["stored_name"]
        assert stored
        response = client.post(self.URL, {"township": township.pk, "stored_name": stored, "original_name": "grid.csv"})
        assert response.status_code == 302
        assert GridUnit.objects.count() == 2

    def test_preview_with_errors_offers_no_confirm(self, client, township, villages):
        client.force_login(make_user(superuser=True))
        rows = [UNITS[0], ["MG-01", "重复", "大村", "下寨", "", "", ""]]
        upload = SimpleUploadedFile("grid.csv", csv_bytes(UNIT_HEADERS, rows))
        response = client.post(self.URL, {"township": township.pk, "import_file": upload})
        assert "与第 2 行重复" in response.content.decode()
        assert response.context["stored_name"] == ""
        assert not GridUnit.objects.exists()

    def test_workers_import_page_and_menu(self, client, township):
        client.force_login(make_user(superuser=True))
        assert client.get("/admin/imports/grid-workers/").status_code == 200
        assert client.get("/admin/imports/grid-workers/template/").status_code == 200

    def test_needs_add_permission(self, client, township):
        client.force_login(make_user("viewer", "grid.view_gridunit", "wagtailadmin.access_admin"))
        response = client.get(self.URL)
        assert response.status_code in (302, 403)


def run_resource(resource_class, township, content: bytes, *, dry_run=False):
    from cms.core.imports.reading import read_spreadsheet
    from cms.core.imports.running import run_import

    return run_import(resource_class(township=township), read_spreadsheet(content, "grid.csv"), dry_run=dry_run)


def worker_rows(count: int, *, unit="MG-01") -> list[list]:
    return [[f"网格员{n}", f"199{n:08d}", "专职网格员", unit, ""] for n in range(count)]


class TestBulkImport:
    """Rows are written in bulk batches of 1,000; the import stays all-or-nothing and row-by-row in its messages."""

    def test_a_bad_row_after_a_written_batch_still_saves_nothing(self, township, villages):
        from grid.resources import GridWorkerResource

        make_units(township, villages)
        rows = worker_rows(1200) + [["坏行", "1234", "", "MG-77", ""]]
        report = run_resource(GridWorkerResource, township, csv_bytes(WORKER_HEADERS, rows))
        assert not report.saved
        assert report.errors == [
            "第 1202 行【手机号】：电话号码格式有误「1234」，"
            "应为11位手机号（如 13812345678）或带区号的固定电话（如 0871-1234567）",
            "第 1202 行【网格编码】：找不到网格编码「MG-77」，请先导入网格或检查编码",
        ]
        assert not GridWorker.objects.exists()

    def test_queries_do_not_grow_with_the_rows(self, township, villages, django_assert_max_num_queries):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from grid.resources import GridWorkerResource

        make_units(township, villages)
        with CaptureQueriesContext(connection) as small:
            assert run_resource(GridWorkerResource, township, csv_bytes(WORKER_HEADERS, worker_rows(3))).saved
        GridWorker.objects.all().delete()
        rows = worker_rows(60, unit="MG-02")
        rows[0][2] = "网格长"
        with django_assert_max_num_queries(len(small) + 1):  # + the one UPDATE that sets the new leader
            assert run_resource(GridWorkerResource, township, csv_bytes(WORKER_HEADERS, rows)).saved
        assert GridWorker.objects.count() == 60
        assert GridUnit.objects.get(code="MG-02").leader.phone == "19900000000"

    def test_mixed_new_and_updated_rows(self, township, villages):
        from grid.resources import GridUnitResource

        GridUnit.objects.create(township=township, code="MG-01", name="旧名", households=1)
        rows = [["MG-01", "新名", "大村", "上寨", 5, 20, ""], ["MG-02", "下寨网格", "大村", "下寨", "", "", ""]]
        report = run_resource(GridUnitResource, township, csv_bytes(UNIT_HEADERS, rows))
        assert report.saved and report.totals == {"new": 1, "update": 1, "skip": 0, "error": 0}
        updated = GridUnit.objects.get(code="MG-01")
        assert (updated.name, updated.households, updated.population, updated.natural_village.name) == (
            "新名",
            5,
            20,
            "上寨",
        )
        assert GridUnit.objects.get(code="MG-02").natural_village.name == "下寨"

    def test_a_database_refusal_is_a_file_error_and_saves_nothing(self, township, villages, monkeypatch):
        from django.db import IntegrityError

        from grid.resources import GridUnitResource

        def refuse(*args, **kwargs):
            raise IntegrityError("duplicate key value violates unique constraint")

        monkeypatch.setattr(GridUnit.objects, "bulk_create", refuse)
        report = run_resource(GridUnitResource, township, csv_bytes(UNIT_HEADERS, UNITS))
        assert not report.saved
        assert report.file_errors == ["数据库拒绝保存（duplicate key value violates unique constraint）"]
        assert not GridUnit.objects.exists()

    def test_dry_run_announces_the_leader_and_saves_nothing(self, township, villages):
        from grid.resources import GridWorkerResource

        make_units(township, villages)
        rows = [["张三", "13812345678", "网格长", "MG-01", ""]]
        report = run_resource(GridWorkerResource, township, csv_bytes(WORKER_HEADERS, rows), dry_run=True)
        assert report.notices == ["将设为网格长：MG-01 网格MG-01：张三"]
        assert [row.label for row in report.rows] == ["张三（网格长）"]
        assert not GridWorker.objects.exists()
        assert GridUnit.objects.get(code="MG-01").leader is None
