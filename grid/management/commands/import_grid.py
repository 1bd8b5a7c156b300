"""python manage.py import_grid FILE [--kind units|workers] [--township SLUG-or-ID] [--dry-run]"""

from pathlib import Path

from django.core.management.base import CommandError

from cms.core.imports.commands import SpreadsheetImportCommand
from cms.core.imports.reading import SpreadsheetError, read_spreadsheet
from cms.core.imports.townships import resolve_township
from grid.resources import GridUnitResource, GridWorkerResource

KINDS = {"units": GridUnitResource, "workers": GridWorkerResource}


def detect_kind(headers: list[str]) -> str | None:
    """units when the header row has 网格名称, workers when it has 姓名 (and not both)."""
    units, workers = "网格名称" in headers, "姓名" in headers
    if units != workers:
        return "units" if units else "workers"
    return None


class Command(SpreadsheetImportCommand):
    """Import grid units or grid workers of one township; the kind comes from --kind or the header row."""

    help = (
        "导入网格（网格编码、网格名称、行政村、自然村…）或网格员（姓名、手机号、角色、网格编码…）；"
        "按网格编码 / 手机号新建或更新；任何一行出错则不保存。不指定 --kind 时按表头自动识别。"
    )
    resource_class = GridUnitResource

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--kind",
            choices=sorted(KINDS),
            help="units = 网格，workers = 网格员；省略时按表头识别（有“网格名称”为网格，有“姓名”为网格员）",
        )
        parser.add_argument("--township", help="乡镇首页的 ID 或 slug；系统只有一个乡镇时可省略")

    def get_resource_kwargs(self, options):
        return {"township": resolve_township(options.get("township"))}

    def handle(self, *args, **options):
        kind = options.get("kind") or self._detect(Path(options["file"]))
        self.resource_class = KINDS[kind]
        self.stderr.write(f"导入类型：{'网格' if kind == 'units' else '网格员'}")
        return super().handle(*args, **options)

    def _detect(self, path: Path) -> str:
        try:
            headers = read_spreadsheet(path.read_bytes(), path.name).headers
        except OSError as exc:
            raise CommandError(f"无法打开文件「{path}」：{exc.strerror or exc}")
        except SpreadsheetError as exc:
            raise CommandError(str(exc))
        kind = detect_kind(headers)
        if kind is None:
            raise CommandError(
                "无法从表头判断导入类型（网格表应有“网格名称”列，网格员表应有“姓名”列），"
                "请用 --kind units 或 --kind workers 指定。"
            )
        return kind
