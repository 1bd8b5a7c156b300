"""python manage.py import_disclosures FILE [--publish] [--township SLUG-or-ID] [--dry-run]"""

from cms.core.imports.commands import SpreadsheetImportCommand
from cms.core.imports.townships import resolve_township
from cms.disclosure.resources import DisclosureItemResource


class Command(SpreadsheetImportCommand):
    """Import disclosed items (公开信息) into a township's catalog from .xlsx or .csv."""

    help = "批量导入公开信息（.xlsx 或 .csv）：缺少的目录和发布机构会自动新建；任何一行出错则不保存"
    resource_class = DisclosureItemResource

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--township", help="乡镇首页的 ID 或 slug；系统只有一个乡镇时可省略")
        parser.add_argument("--publish", action="store_true", help="导入后立即发布（分配索引号）；默认保存为草稿")

    def get_resource_kwargs(self, options):
        return {"township": resolve_township(options.get("township")), "publish": options["publish"]}
