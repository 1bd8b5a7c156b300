"""python manage.py import_villages FILE [--township SLUG-or-ID] [--dry-run]"""

from cms.core.imports.commands import SpreadsheetImportCommand
from cms.core.imports.townships import resolve_township
from villages.resources import VillageResource


class Command(SpreadsheetImportCommand):
    """Import villages and natural villages of one township; new villages get their board and groups."""

    help = "导入行政村和自然村（.xlsx 或 .csv；按村代码新建或更新；任何一行出错则不保存）"
    resource_class = VillageResource

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--township", help="乡镇首页的 ID 或 slug；系统只有一个乡镇时可省略")

    def get_resource_kwargs(self, options):
        return {"township": resolve_township(options.get("township"))}
