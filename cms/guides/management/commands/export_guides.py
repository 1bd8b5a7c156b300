"""python manage.py export_guides FILE.xlsx [--township SLUG-or-ID]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.core.imports.resources import ImportAbort
from cms.core.imports.townships import resolve_township
from cms.guides.exporting import write_guides_xlsx
from cms.guides.resources import export_queryset


class Command(BaseCommand):
    """Export a township's guides (drafts as their saved fields) to an .xlsx that import_guides reads back."""

    help = "导出办事指南为 .xlsx（列与 import_guides 相同，可编辑后重新导入）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="输出文件，扩展名 .xlsx")
        parser.add_argument("--township", help="乡镇首页的 ID 或 slug；系统只有一个乡镇时可省略")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if path.suffix.lower() != ".xlsx":
            raise CommandError("只支持导出为 .xlsx 文件，请使用 .xlsx 扩展名。")
        try:
            township = resolve_township(options.get("township"))
        except ImportAbort as exc:
            raise CommandError(str(exc))
        guides = export_queryset(township)
        try:
            count = write_guides_xlsx(guides, path, progress=lambda n: self.stderr.write(f"已导出 {n} 条"))
        except OSError as exc:
            raise CommandError(f"无法写入文件「{path}」：{exc.strerror or exc}")
        self.stdout.write(self.style.SUCCESS(f"已导出 {count} 条办事指南到 {path}"))
