"""Guide import/export: columns, cell formats, bad input with clear messages, xlsx round trip."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from cms.core.imports.reading import read_spreadsheet
from cms.core.imports.running import run_import
from cms.guides import cells
from cms.guides.models import ServiceGuidePage
from cms.guides.resources import GuideResource

pytestmark = pytest.mark.django_db

HEADERS = [
    "事项名称", "事项编码", "服务对象", "主题", "设定依据", "受理条件", "办理材料", "办理流程",
    "办理地点", "办理时间", "联系电话", "监督电话", "法定办结时限", "承诺办结时限", "收费标准", "到现场次数",
]  # fmt: skip


def row(**overrides) -> list[str]:
    values = {
        "事项名称": "最低生活保障审核确认",
        "事项编码": "SHJZ-001",
        "服务对象": "个人",
        "主题": "社会救助",
        "设定依据": "《社会救助暂行办法》第九条",
        "受理条件": "家庭人均收入低于当地低保标准",
        "办理材料": "居民身份证|原件|1|公安机关核发\n户口簿|复印件|2|申请人自备\n收入证明",
        "办理流程": "申请：向村委会提出→审核|10个工作日→审批→公示",
        "办理地点": "明光镇便民服务中心",
        "办理时间": "工作日 9:00-17:00",
        "联系电话": "0875-5551234",
        "监督电话": "0875-5551000",
        "法定办结时限": "30",
        "承诺办结时限": "20个工作日",
        "收费标准": "不收费",
        "到现场次数": "1次",
    }
    values.update(overrides)
    return [values[h] for h in HEADERS]


def csv_bytes(rows, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def run(content: bytes, township, *, name="guides.csv", publish=False, dry_run=False):
    data = read_spreadsheet(content, name, max_cell_length=GuideResource.max_cell_length)
    return run_import(GuideResource(township=township, publish=publish), data, dry_run=dry_run)


class TestCells:
    def test_materials_with_and_without_details(self):
        rows = cells.parse_materials("居民身份证|原件和复印件|2|公安机关核发\n户口簿")
        assert [(r.name, r.original_or_copy, r.copies, r.source) for r in rows] == [
            ("居民身份证", "原件和复印件", 2, "公安机关核发"),
            ("户口簿", "原件", 1, ""),
        ]

    def test_steps_by_arrow_and_lines(self):
        steps = cells.parse_steps("申请→审核：核实材料|5个工作日\n办结")
        assert [(s.name, s.description, s.time_limit) for s in steps] == [
            ("申请", "", ""),
            ("审核", "核实材料", "5个工作日"),
            ("办结", "", ""),
        ]

    def test_a_material_list_of_one_image_is_refused(self):
        with pytest.raises(ValueError, match="是图片"):
            cells.parse_materials("材料清单.jpg")

    def test_audience(self):
        assert cells.parse_audience("个人,企业") == (True, True)
        assert cells.parse_audience("企业") == (False, True)
        with pytest.raises(ValueError, match="应为：个人、企业"):
            cells.parse_audience("农户")

    def test_working_days(self):
        assert cells.parse_working_days("20个工作日") == 20
        assert cells.parse_working_days("即办") == 0
        assert cells.parse_working_days("") is None
        with pytest.raises(ValueError, match="应填写工作日数"):
            cells.parse_working_days("一个月")


class TestGuideImport:
    def test_gbk_csv_creates_draft_with_rows(self, township):
        report = run(csv_bytes([row()], encoding="gbk"), township)
        assert report.saved, report.errors
        guide = ServiceGuidePage.objects.get(code="SHJZ-001")
        assert not guide.live
        assert guide.topic == "social_assistance"
        assert guide.promised_time_limit == 20 and guide.visits == 1
        assert [m.name for m in guide.materials.all()] == ["居民身份证", "户口簿", "收入证明"]
        assert [s.name for s in guide.steps.all()] == ["申请", "审核", "审批", "公示"]
        # Positions are stored, so no database may return the rows in another order.
        assert [s.sort_order for s in guide.steps.all()] == [0, 1, 2, 3]
        assert [m.sort_order for m in guide.materials.all()] == [0, 1, 2]
        assert guide.get_parent().specific_class.__name__ == "ServiceGuideIndexPage"

    def test_publish_refuses_incomplete_rows_and_saves_nothing(self, township):
        rows = [row(), row(**{"事项名称": "缺材料", "事项编码": "X-2", "办理材料": ""})]
        report = run(csv_bytes(rows), township, publish=True)
        assert not report.saved
        assert any("第 3 行" in e and "办理材料" in e and "不能发布" in e for e in report.errors), report.errors
        assert not ServiceGuidePage.objects.exists()

    def test_publish_complete_rows(self, township):
        report = run(csv_bytes([row()]), township, publish=True)
        assert report.saved, report.errors
        assert ServiceGuidePage.objects.live().count() == 1

    def test_bad_input_gets_clear_messages(self, township):
        rows = [
            row(**{"事项编码": "A", "办理地点": "地" * 5000}),
            row(**{"事项编码": "B", "办理材料": "材料.png"}),
            row(**{"事项编码": "C", "主题": "旅游"}),
            row(**{"事项编码": "D", "承诺办结时限": "很快"}),
            row(**{"事项编码": "E", "设定依据": "依" * 5001}),
        ]
        report = run(csv_bytes(rows), township)
        errors = "\n".join(report.errors)
        assert "第 2 行【办理地点】：不能超过 200 个字符（现有 5000 个）" in errors
        assert "第 3 行【办理材料】" in errors and "是图片" in errors
        assert "第 4 行【主题】：无效的主题「旅游」" in errors
        assert "第 5 行【承诺办结时限】" in errors
        assert "第 6 行【设定依据】：不能超过 5000 个字符" in errors
        assert not ServiceGuidePage.objects.exists()

    def test_long_title_and_missing_optional_fields_import_as_draft(self, township):
        title = "长" * 200
        sparse = [title, "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]
        report = run(csv_bytes([sparse]), township)
        assert report.saved, report.errors
        guide = ServiceGuidePage.objects.get()
        assert guide.title == title and guide.for_personal and guide.topic == "other"
        assert any("要素不全" in n for n in report.notices)

    def test_duplicate_code_in_file(self, township):
        report = run(csv_bytes([row(), row(**{"事项名称": "另一个"})]), township)
        assert any("事项编码「SHJZ-001」与第 2 行重复" in e for e in report.errors)

    def test_dry_run_saves_nothing(self, township):
        report = run(csv_bytes([row()]), township, dry_run=True)
        assert not report.has_errors and not report.saved
        assert not ServiceGuidePage.objects.exists()

    def test_reimport_updates_instead_of_duplicating(self, township):
        run(csv_bytes([row()]), township, publish=True)
        report = run(csv_bytes([row(**{"联系电话": "0875-9999999"})]), township, publish=True)
        assert report.saved, report.errors
        assert report.totals["update"] == 1
        assert ServiceGuidePage.objects.get().phone == "0875-9999999"


class TestRoundTrip:
    def test_export_then_import_gives_the_same_guides(self, township, tmp_path):
        rows = [
            row(),
            row(**{"事项名称": "个体工商户登记", "事项编码": "SCJG-01", "服务对象": "个人,企业", "主题": "市场监管",
                   "办理材料": "申请书|原件|1|窗口领取|纸质或电子|必需\n场所证明|复印件|1||纸质|非必需",
                   "到现场次数": "0"}),
        ]  # fmt: skip
        assert run(csv_bytes(rows), township, publish=True).saved
        before = _snapshot()
        path = tmp_path / "guides.xlsx"
        call_command("export_guides", str(path), stdout=io.StringIO(), stderr=io.StringIO())
        ServiceGuidePage.objects.all().delete()
        call_command("import_guides", str(path), "--publish", stdout=io.StringIO(), stderr=io.StringIO())
        assert _snapshot() == before

    def test_import_command_reports_errors_and_exits_nonzero(self, township, tmp_path):
        path = tmp_path / "bad.csv"
        path.write_bytes(csv_bytes([row(**{"主题": "旅游"})]))
        err = io.StringIO()
        with pytest.raises(CommandError, match="导入失败"):
            call_command("import_guides", str(path), stdout=io.StringIO(), stderr=err)
        assert "无效的主题「旅游」" in err.getvalue()


def _snapshot():
    fields = [f for f in GuideResource.Meta.fields if f not in ("audience", "materials", "steps")]
    result = {}
    for guide in ServiceGuidePage.objects.order_by("code"):
        result[guide.code] = (
            [getattr(guide, f) for f in fields],
            (guide.for_personal, guide.for_enterprise, guide.live),
            [(m.name, m.original_or_copy, m.medium, m.copies, m.source, m.required) for m in guide.materials.all()],
            [(s.name, s.description, s.time_limit) for s in guide.steps.all()],
        )
    return result
