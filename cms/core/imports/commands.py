"""The base management command for spreadsheet imports: progress, messages, exit status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cms.core.imports.reading import SpreadsheetError, read_spreadsheet
from cms.core.imports.resources import ImportAbort, SpreadsheetResource
from cms.core.imports.running import ImportReport, run_import


class SpreadsheetImportCommand(BaseCommand):
    """Import FILE (.xlsx or .csv) with ``resource_class``; all rows or none.

    Subclasses set ``resource_class`` and may add options, turned into resource
    keyword arguments by ``get_resource_kwargs``. Progress ("已处理 n/N 行") goes to
    stderr so stdout stays the report; any error exits non-zero after listing every
    row message, and nothing is saved.
    """

    resource_class: type[SpreadsheetResource]
    progress_every = 100

    def add_arguments(self, parser):
        parser.add_argument("file", help="要导入的 .xlsx 或 .csv 文件（CSV 可为 UTF-8 或 GBK 编码）")
        parser.add_argument("--dry-run", action="store_true", help="只检查并预览，不保存任何数据")

    def get_resource_kwargs(self, options: dict[str, Any]) -> dict[str, Any]:
        return {}

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法打开文件「{path}」：{exc.strerror or exc}")
        try:
            data = read_spreadsheet(content, path.name, max_cell_length=self.resource_class.max_cell_length)
            resource = self.resource_class(**self.get_resource_kwargs(options))
        except (SpreadsheetError, ImportAbort) as exc:
            raise CommandError(str(exc))

        dry_run = options["dry_run"]
        self.stderr.write(f"{'预检' if dry_run else '导入'}「{path.name}」：{len(data)} 行数据")
        report = run_import(resource, data, dry_run=dry_run, progress=self._show_progress)
        self._write_report(report)
        if report.has_errors:
            raise CommandError(f"导入失败，共 {len(report.errors)} 处错误，未保存任何数据。")
        if dry_run:
            self.stdout.write("预检通过（--dry-run），未保存任何数据。去掉 --dry-run 即可正式导入。")
        else:
            self.stdout.write(self.style.SUCCESS("导入完成。"))

    def _show_progress(self, done: int, total: int) -> None:
        if done == total or done % self.progress_every == 0:
            self.stderr.write(f"已处理 {done}/{total} 行")

    def _write_report(self, report: ImportReport) -> None:
        for message in report.errors:
            self.stderr.write(message)
        for notice in report.notices:
            self.stdout.write(notice)
        self.stdout.write(report.summary())
