"""python manage.py import_catalog FILE [--township SLUG-or-ID] [--dry-run]"""

from cms.catalog.resources import CatalogItemResource
from cms.core.imports.commands import SpreadsheetImportCommand
from cms.core.imports.townships import resolve_township


class Command(SpreadsheetImportCommand):
    """Import the standard catalog (标准目录事项) of one township from .xlsx or .csv."""

    help = "导入政务公开标准目录事项（.xlsx 或 .csv；按序号新建或更新；任何一行出错则不保存）"
    resource_class = CatalogItemResource

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--township", help="乡镇首页的 ID 或 slug；系统只有一个乡镇时可省略")

    def get_resource_kwargs(self, options):
        return {"township": resolve_township(options.get("township"))}
