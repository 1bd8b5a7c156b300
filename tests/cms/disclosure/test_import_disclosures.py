"""import_disclosures: pages, directories and publishers from a spreadsheet, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from cms.catalog.models import CatalogDirectoryPage
from cms.core.models import Organisation
from cms.disclosure.models import DisclosureItemPage
from tests.cms.core.imports.spreadsheets import make_csv, make_xlsx, write
from tests.factories import make_item, make_organisation

HEADERS = ["标题", "目录", "发布机构", "文号", "成文日期", "公开日期", "公开方式", "有效性", "正文"]


def row(title="关于做好春耕生产工作的通知", *, number="明政发[2026]1号", **over):
    values = {
        "标题": title,
        "目录": "农业农村/农业农村政策落实/惠农补贴",
        "发布机构": "明光镇人民政府",
        "文号": number,
        "成文日期": "2026-03-02",
        "公开日期": "2026-03-05",
        "公开方式": "主动公开",
        "有效性": "现行有效",
        "正文": "第一段。\n\n第二段 <b>加粗</b>。",
    }
    values.update(over)
    return [values[h] for h in HEADERS]


class Sink:
    """A stdout/stderr stand-in that keeps what the command wrote."""

    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)

    def flush(self):
        pass

    def __str__(self):
        return "".join(self.lines)


def run(tmp_path, content, name="items.csv", *args):
    out, err = Sink(), Sink()
    try:
        call_command("import_disclosures", write(tmp_path, name, content), *args, stdout=out, stderr=err)
    except CommandError as exc:
        exc.stdout, exc.stderr = str(out), str(err)
        raise
    return str(out), str(err)


def counts():
    return (Page.objects.count(), Organisation.objects.count(), DisclosureItemPage.objects.count())


@pytest.mark.django_db
class TestImportDisclosuresSaves:
    def test_drafts_by_default(self, tree, tmp_path):
        level3 = tree[4]
        out, _ = run(tmp_path, make_csv(HEADERS, [row()]))
        item = DisclosureItemPage.objects.get()
        assert item.get_parent().specific == level3
        assert not item.live and item.has_unpublished_changes
        assert item.latest_revision is not None
        assert item.document_number == "明政发〔2026〕1号"
        assert item.created_on == dt.date(2026, 3, 2)
        assert item.body == "<p>第一段。</p><p>第二段 &lt;b&gt;加粗&lt;/b&gt;。</p>"
        assert item.index_number == ""
        assert "新建 1" in out

    def test_publish_allocates_index_numbers(self, tree, tmp_path):
        run(tmp_path, make_xlsx(HEADERS, [row(), row("第二条", number="")]), "items.xlsx", "--publish")
        items = list(DisclosureItemPage.objects.order_by("pk"))
        assert all(i.live for i in items)
        assert all(i.index_number for i in items)
        assert len({i.index_number for i in items}) == 2

    def test_missing_directories_and_publishers_are_created_and_reported(self, tree, tmp_path):
        catalog = tree[1]
        rows = [
            row(**{"目录": "新一级/新二级", "发布机构": "明光镇财政所"}),
            row("第二条", number="", **{"目录": "新一级/新二级", "发布机构": "明光镇财政所"}),
        ]
        out, _ = run(tmp_path, make_csv(HEADERS, rows))
        level1 = CatalogDirectoryPage.objects.child_of(catalog).get(title="新一级")
        level2 = CatalogDirectoryPage.objects.child_of(level1).get(title="新二级")
        assert level2.live
        assert DisclosureItemPage.objects.child_of(level2).count() == 2
        assert Organisation.objects.filter(name="明光镇财政所").count() == 1
        assert "已新建发布机构：明光镇财政所" in out
        assert "已新建目录：新一级、新一级/新二级" in out

    def test_dry_run_lists_what_would_be_created_and_saves_nothing(self, tree, tmp_path):
        before = counts()
        out, _ = run(
            tmp_path, make_csv(HEADERS, [row(**{"发布机构": "新机构", "目录": "新目录"})]), "a.csv", "--dry-run"
        )
        assert counts() == before
        assert "将新建发布机构：新机构" in out
        assert "将新建目录：新目录" in out

    def test_gbk_csv_with_empty_rows(self, tree, tmp_path):
        rows = [row(), ["", "", "", "", "", "", "", "", ""], row("第二条", number="明政发〔2026〕2号")]
        run(tmp_path, make_csv(HEADERS, rows, encoding="gbk"))
        assert DisclosureItemPage.objects.count() == 2

    def test_optional_columns_may_be_absent(self, tree, tmp_path):
        run(
            tmp_path,
            make_csv(["标题", "目录", "发布机构", "成文日期"], [["通知", "农业农村", "明光镇人民政府", "2026/3/2"]]),
        )
        item = DisclosureItemPage.objects.get()
        assert item.disclosure_mode == "主动公开" and item.validity == "现行有效"


@pytest.mark.django_db
class TestImportDisclosuresRefusesBadInput:
    """Each bad file: a clear row message, a non-zero exit and NOTHING saved."""

    @pytest.mark.parametrize(
        ("rows", "message"),
        [
            ([row(**{"成文日期": "2026-13-01"})], "第 2 行【成文日期】：日期格式有误「2026-13-01」，应为 YYYY-MM-DD"),
            ([row(**{"目录": "一/二/三/四"})], "第 2 行【目录】：目录层级过深「一/二/三/四」"),
            (
                [row(**{"公开方式": "公示"})],
                "第 2 行【公开方式】：无效的取值「公示」，应为：主动公开、依申请公开、不予公开",
            ),
            ([row(**{"有效性": "有效"})], "第 2 行【有效性】：无效的取值「有效」"),
            ([row(), row("第二条")], "第 3 行【文号】：文号「明政发〔2026〕1号」与第 2 行重复"),
            ([row(**{"标题": ""})], "第 2 行【标题】：必填，不能为空"),
            ([row(**{"公开日期": "2026-03-01"})], "第 2 行【公开日期】：公开日期不能早于成文日期"),
            ([row(**{"有效性": "已废止"})], "废止/失效日期"),
        ],
        ids=["date", "depth", "mode", "validity", "duplicate", "required", "date-order", "validity-date"],
    )
    def test_bad_rows(self, tree, tmp_path, rows, message):
        # A good last row creates a publisher and a directory: they must vanish too.
        rows = rows + [row("好的一行", number="明政发〔2026〕99号", **{"发布机构": "新机构", "目录": "新目录/子目录"})]
        before = counts()
        with pytest.raises(CommandError, match="未保存任何数据") as info:
            run(tmp_path, make_csv(HEADERS, rows))
        assert message in info.value.stderr
        assert counts() == before

    def test_number_already_in_database(self, tree, tmp_path):
        make_item(tree[4], "已有的通知", document_number="明政发〔2026〕1号")
        before = counts()
        with pytest.raises(CommandError) as info:
            run(tmp_path, make_csv(HEADERS, [row()]))
        assert "第 2 行【文号】：文号「明政发〔2026〕1号」已被已有信息「已有的通知」使用" in info.value.stderr
        assert counts() == before

    def test_missing_required_columns(self, tree, tmp_path):
        before = counts()
        with pytest.raises(CommandError) as info:
            run(tmp_path, make_csv(["标题", "文号"], [["通知", "x"]]))
        assert "缺少必填列：目录、发布机构、成文日期" in info.value.stderr
        assert counts() == before

    def test_ten_megabyte_cell(self, tree, tmp_path):
        # (.xlsx cannot hold more than 32 767 characters in a cell; see the catalog tests.)
        before = counts()
        huge = "字" * (10 * 1024 * 1024 // 3)
        with pytest.raises(CommandError) as info:
            run(tmp_path, make_csv(HEADERS, [row(), row("第二条", number="", **{"正文": huge})]))
        assert "第 3 行【正文】：内容过长（3495253 个字符），单元格最多 32767 个字符" in info.value.stderr
        assert counts() == before

    def test_xlsx_bad_rows(self, tree, tmp_path):
        before = counts()
        with pytest.raises(CommandError) as info:
            run(tmp_path, make_xlsx(HEADERS, [row(), row("x", number="", **{"成文日期": "昨天"})]), "a.xlsx")
        assert "第 3 行【成文日期】：日期格式有误「昨天」" in info.value.stderr
        assert counts() == before

    def test_township_without_catalog(self, db, tmp_path):
        from tests.factories import make_township

        make_township()
        make_organisation()
        with pytest.raises(CommandError) as info:
            run(tmp_path, make_csv(HEADERS, [row()]))
        assert "还没有“政府信息公开目录”" in info.value.stderr
        assert DisclosureItemPage.objects.count() == 0
