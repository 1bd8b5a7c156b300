"""python manage.py import_guides FILE [--publish] [--township SLUG-or-ID] [--dry-run]"""

from cms.core.imports.commands import SpreadsheetImportCommand
from cms.core.imports.townships import resolve_township
from cms.guides.resources import GuideResource


class Command(SpreadsheetImportCommand):
    """Import service guides (办事指南) into a township from .xlsx or .csv (UTF-8 or GBK)."""

    help = "批量导入办事指南（.xlsx 或 .csv）：按事项编码（无编码时按事项名称）更新已有指南；任何一行出错则不保存"
    resource_class = GuideResource

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--township", help="乡镇首页的 ID 或 slug；系统只有一个乡镇时可省略")
        parser.add_argument(
            "--publish", action="store_true", help="导入后立即发布（要素不全的行会报错）；默认保存为草稿"
        )

    def get_resource_kwargs(self, options):
        return {"township": resolve_township(options.get("township")), "publish": options["publish"]}
