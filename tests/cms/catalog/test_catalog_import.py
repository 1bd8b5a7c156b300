"""import_catalog: columns, matching by 序号, directory paths, all-or-nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from cms.catalog.models import CatalogItem
from tests.cms.core.imports.spreadsheets import make_csv, make_xlsx, write

HEADERS = [
    "序号",
    "一级事项",
    "二级事项",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "公开方式",
    "公开层级",
    "所属目录",
]


def row(
    sequence, matter="惠农补贴发放", *, channels="政府网站、公开查阅点", directory="农业农村/农业农村政策落实", **over
):
    values = {
        "序号": sequence,
        "一级事项": "农业农村",
        "二级事项": matter,
        "公开内容（要素）": "补贴对象、标准、金额",
        "公开依据": "《政府信息公开条例》",
        "公开时限": "",
        "公开主体": "明光镇人民政府",
        "公开渠道和载体": channels,
        "公开对象": "全社会",
        "公开方式": "主动",
        "公开层级": "乡级",
        "所属目录": directory,
    }
    values.update(over)
    return [values[h] for h in HEADERS]


def run(tmp_path, content, name="catalog.csv", *args):
    out, err = [], _last_err
    err.clear()

    class Sink:
        def __init__(self, lines):
            self.lines = lines

        def write(self, text):
            self.lines.append(text)

        def flush(self):
            pass

    call_command("import_catalog", write(tmp_path, name, content), *args, stdout=Sink(out), stderr=Sink(err))
    return "".join(out), "".join(err)


def run_capturing(tmp_path, content, name="catalog.csv", *args):
    try:
        return run(tmp_path, content, name, *args)
    except CommandError as exc:
        exc.stderr = "".join(_last_err)
        raise


_last_err: list[str] = []


@pytest.mark.django_db
class TestImportCatalogCommand:
    def test_creates_items_from_xlsx(self, tree, tmp_path):
        township, _catalog, _l1, level2, _l3 = tree
        out, err = run(
            tmp_path, make_xlsx(HEADERS, [row(1), row(2, "土地承包", channels="政府网站;入户/现场")]), "c.xlsx"
        )
        items = list(CatalogItem.objects.order_by("sequence"))
        assert [i.sequence for i in items] == [1, 2]
        assert items[0].township == township
        assert items[0].directory == level2
        assert items[0].channels == ["政府网站", "公开查阅点"]
        assert items[1].channels == ["政府网站", "入户/现场"]
        assert items[0].time_limit == "信息形成或者变更之日起20个工作日内"
        assert "新建 2" in out
        assert "已处理 2/2 行" in err

    def test_gbk_csv_and_update_by_sequence(self, tree, tmp_path):
        run(tmp_path, make_csv(HEADERS, [row(1)], encoding="gbk"))
        out, _ = run(tmp_path, make_csv(HEADERS, [row(1, "惠农补贴（更新）"), row(2)], encoding="gbk"))
        assert CatalogItem.objects.count() == 2
        assert CatalogItem.objects.get(sequence=1).matter == "惠农补贴（更新）"
        assert "新建 1，更新 1" in out

    def test_unchanged_rows_are_skipped(self, tree, tmp_path):
        content = make_csv(HEADERS, [row(1)])
        run(tmp_path, content)
        out, _ = run(tmp_path, content)
        assert "无变化 1" in out

    def test_dry_run_saves_nothing(self, tree, tmp_path):
        out, _ = run(tmp_path, make_csv(HEADERS, [row(1)]), "c.csv", "--dry-run")
        assert CatalogItem.objects.count() == 0
        assert "预检通过" in out

    def test_any_bad_row_saves_nothing(self, tree, tmp_path):
        rows = [
            row(1),
            row(2, channels="政府网站、微信群"),
            row(3, directory="农业农村/不存在的目录"),
            row(4, **{"公开方式": "公示"}),
            row(1, "重复序号"),
            row("三"),
        ]
        with pytest.raises(CommandError, match="未保存任何数据"):
            run(tmp_path, make_csv(HEADERS, rows))
        assert CatalogItem.objects.count() == 0

    def test_row_messages_name_row_and_column(self, tree, tmp_path, capsys):
        rows = [row(1), row(2, channels="政府网站、微信群"), row(3, directory="农业农村/不存在"), row(1, "重复")]
        err = []
        with pytest.raises(CommandError):
            call_command(
                "import_catalog",
                write(tmp_path, "c.csv", make_csv(HEADERS, rows)),
                stderr=type("S", (), {"write": lambda self, t: err.append(t), "flush": lambda self: None})(),
            )
        text = "".join(err)
        assert "第 3 行【公开渠道和载体】：无效的取值「微信群」" in text
        assert "第 4 行【所属目录】：找不到公开目录「农业农村/不存在」" in text
        assert "第 5 行【序号】：序号「1」与第 2 行重复" in text

    def test_over_long_xlsx_cell(self, tree, tmp_path):
        with pytest.raises(CommandError) as info:
            run_capturing(tmp_path, make_xlsx(HEADERS, [row(1), row(2, **{"公开依据": "法" * 20_000})]), "c.xlsx")
        assert "第 3 行【公开依据】：内容过长（20000 个字符），单元格最多 10000 个字符" in info.value.stderr
        assert CatalogItem.objects.count() == 0

    def test_missing_required_columns(self, tree, tmp_path):
        with pytest.raises(CommandError, match="未保存任何数据"):
            run(tmp_path, make_csv(["序号", "公开内容(要素)"], [[1, "x"]]))
        assert CatalogItem.objects.count() == 0

    def test_unknown_township(self, tree, tmp_path):
        with pytest.raises(CommandError, match="找不到乡镇「nowhere」"):
            run(tmp_path, make_csv(HEADERS, [row(1)]), "c.csv", "--township", "nowhere")

    def test_township_by_slug_and_id(self, tree, tmp_path):
        township = tree[0]
        run(tmp_path, make_csv(HEADERS, [row(1)]), "c.csv", "--township", township.slug)
        run(tmp_path, make_csv(HEADERS, [row(2)]), "c.csv", "--township", str(township.pk))
        assert CatalogItem.objects.filter(township=township).count() == 2

    def test_unreadable_file(self, tree, tmp_path):
        with pytest.raises(CommandError, match="无法读取 Excel"):
            run(tmp_path, b"PK\x03\x04garbage", "c.xlsx")
        with pytest.raises(CommandError, match="无法打开文件"):
            call_command("import_catalog", str(tmp_path / "missing.csv"))
