"""Run an import as a dry run or for real, all-or-nothing, and report every row in Chinese."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from import_export.results import RowResult

from cms.core.imports.reading import SpreadsheetData
from cms.core.imports.resources import ImportAbort, SpreadsheetResource, messages_from_validation_error

logger = logging.getLogger(__name__)

STATUS_LABELS = {
    RowResult.IMPORT_TYPE_NEW: "新建",
    RowResult.IMPORT_TYPE_UPDATE: "更新",
    RowResult.IMPORT_TYPE_SKIP: "无变化",
    RowResult.IMPORT_TYPE_DELETE: "删除",
    RowResult.IMPORT_TYPE_ERROR: "错误",
    RowResult.IMPORT_TYPE_INVALID: "错误",
}


@dataclass
class RowReport:
    """One spreadsheet row in the preview: its Excel row number, what happens to it and why not."""

    number: int
    status: str
    label: str = ""
    messages: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def is_error(self) -> bool:
        return self.status in {RowResult.IMPORT_TYPE_ERROR, RowResult.IMPORT_TYPE_INVALID}


@dataclass
class ImportReport:
    """What an import did or would do; ``saved`` is True only for a real run without any error."""

    dry_run: bool
    rows: list[RowReport] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    saved: bool = False

    @property
    def errors(self) -> list[str]:
        return self.file_errors + [m for row in self.rows for m in row.messages]

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(row.is_error for row in self.rows)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def totals(self) -> dict[str, int]:
        return {
            "new": self.count(RowResult.IMPORT_TYPE_NEW),
            "update": self.count(RowResult.IMPORT_TYPE_UPDATE),
            "skip": self.count(RowResult.IMPORT_TYPE_SKIP),
            "error": sum(1 for row in self.rows if row.is_error),
        }

    def summary(self) -> str:
        t = self.totals
        text = f"共 {len(self.rows)} 行：新建 {t['new']}，更新 {t['update']}，无变化 {t['skip']}，错误 {t['error']}"
        if self.file_errors:
            text += f"；文件错误 {len(self.file_errors)} 处"
        return text


def describe_exception(exc: BaseException) -> str:
    """A Chinese sentence for an unexpected row failure (the details go to the log)."""
    if isinstance(exc, PermissionDenied):
        text = str(exc)
        return text if text and not text.isascii() else "没有执行此操作的权限（如发布信息）"
    if isinstance(exc, ImportAbort):
        return str(exc)
    if isinstance(exc, DatabaseError):
        return f"数据库拒绝保存（{exc}）"
    return f"处理失败（{type(exc).__name__}：{exc}）"


def run_import(
    resource: SpreadsheetResource,
    data: SpreadsheetData,
    *,
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import ``data`` with ``resource``; nothing is kept on a dry run or when any row fails."""
    report = ImportReport(dry_run=dry_run)
    missing = resource.missing_columns(data.headers)
    if missing:
        report.file_errors.append(f"缺少必填列：{'、'.join(missing)}（文件中的列：{'、'.join(data.headers) or '无'}）")
        return report
    if not len(data):
        report.file_errors.append("文件中除表头外没有数据行。")
        return report

    try:
        resource.prepare()
    except ImportAbort as exc:
        report.file_errors.append(str(exc))
        return report
    resource.source = data
    resource.progress = progress
    result = resource.import_data(
        data.dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    for error in result.base_errors:
        logger.info("import aborted", exc_info=error.error)
        report.file_errors.append(describe_exception(error.error))

    for index, row_result in enumerate(result.rows, start=1):
        number = data.excel_row(index)
        label = row_result.object_repr or resource.row_label(dict(zip(data.headers, data.rows[index - 1], strict=True)))
        row = RowReport(number=number, status=row_result.import_type or "", label=label)
        if row_result.validation_error is not None:
            row.messages.extend(messages_from_validation_error(resource, number, row_result.validation_error))
        for error in row_result.errors:
            if isinstance(error.error, ValidationError):
                row.messages.extend(messages_from_validation_error(resource, number, error.error))
            else:
                logger.warning("import row %s failed", number, exc_info=error.error)
                row.messages.append(f"第 {number} 行：{describe_exception(error.error)}")
        report.rows.append(row)

    report.notices = resource.get_notices(dry_run=dry_run or report.has_errors)
    report.saved = not dry_run and not report.has_errors
    return report
