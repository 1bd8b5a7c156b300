"""The base import-export Resource every spreadsheet import in the product builds on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from import_export import resources

from cms.core.imports.reading import MAX_CELL_LENGTH

if TYPE_CHECKING:
    from cms.core.imports.reading import SpreadsheetData


class ImportAbort(Exception):
    """A problem with the whole import (not one row), e.g. the township has no catalog."""


class SpreadsheetResource(resources.ModelResource):
    """A ModelResource with Chinese row messages, file-wide checks and notices.

    Subclasses declare their columns as import-export Fields with Chinese
    ``column_name`` and the widgets of ``cms.core.imports.widgets``; list the columns
    a file must have in ``required_columns``; add row checks that need the whole file
    (duplicates, lookups) in ``check_row``; and report side effects such as
    "将新建发布机构：…" through ``add_notice``. Every row is saved in its own savepoint,
    so a failing row leaves nothing behind even inside a dry run.
    """

    required_columns: tuple[str, ...] = ()
    max_cell_length: int = MAX_CELL_LENGTH
    #: Model-error keys (field names) shown under a column other than the field's own.
    error_columns: dict[str, str] = {}
    #: The column that names a row in the preview; defaults to the first required column.
    label_column: str | None = None

    class Meta:
        report_skipped = True
        skip_html_diff = True
        use_transactions = True

    def __init__(self, *, user=None, **options: Any):
        super().__init__()
        self.user = user
        self.options = options
        self.source: SpreadsheetData | None = None
        self.progress: Callable[[int, int], None] | None = None
        self._notices: dict[str, list[str]] = {}
        self._total = 0

    # -- notices ----------------------------------------------------------------------
    def add_notice(self, heading: str, item: str) -> None:
        """Collect "heading：a、b" lines for the preview, e.g. heading="新建发布机构"."""
        items = self._notices.setdefault(heading, [])
        if item not in items:
            items.append(item)

    def get_notices(self, *, dry_run: bool) -> list[str]:
        prefix = "将" if dry_run else "已"
        return [f"{prefix}{heading}：{'、'.join(items)}" for heading, items in self._notices.items()]

    # -- columns and messages ---------------------------------------------------------
    def column_for(self, key: str) -> str:
        """The spreadsheet column an error key (field attribute, model field or column) belongs to."""
        if key in self.error_columns:
            return self.error_columns[key]
        for field in self.fields.values():
            if field.attribute == key or field.column_name == key:
                return field.column_name
        try:
            return str(self._meta.model._meta.get_field(key).verbose_name)
        except (FieldDoesNotExist, AttributeError):
            return key

    def row_label(self, row: dict[str, Any]) -> str:
        """A short name for a row in the preview (the first required column's value)."""
        column = self.label_column or (self.required_columns[0] if self.required_columns else None)
        value = row.get(column) if column else None
        return "" if value is None else str(value)[:80]

    def missing_columns(self, headers: list[str]) -> list[str]:
        return [c for c in self.required_columns if c not in headers]

    def known_columns(self) -> list[str]:
        return [f.column_name for f in self.get_import_fields()]

    # -- import hooks -----------------------------------------------------------------
    def prepare(self) -> None:
        """Load what every row needs; raise ImportAbort if the import cannot start. Override.

        Called by ``run_import`` before any row is read, so an abort stops everything
        (import-export itself carries on with the rows after a ``before_import`` error).
        """

    def get_instance(self, instance_loader, row):
        # An unreadable id cell (序号「三」) means "no existing row"; the field's own
        # widget then reports it on its column instead of failing the lookup.
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None

    def before_import(self, dataset, **kwargs):
        self._total = len(dataset)
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        """Cells rejected while reading (too long) make the row invalid, column by column."""
        super().before_import_row(row, **kwargs)
        if self.source is not None:
            errors = self.source.cell_errors.get(kwargs["row_number"] - 1)
            if errors:
                raise ValidationError(errors)

    def import_instance(self, instance, row, **kwargs):
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for key, message in self.check_row(instance, row, errors=errors, **kwargs).items():
            errors.setdefault(key, []).append(ValidationError(message))
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, row, *, errors: dict, **kwargs) -> dict[str, str]:
        """Row checks beyond single cells; return {column or field: message}. Override."""
        return {}

    def do_instance_save(self, instance, is_create):
        # A savepoint per row: a database error rolls back only this row's work and
        # leaves the transaction usable, so the remaining rows are still checked.
        with transaction.atomic():
            self.save_row(instance, is_create)

    def save_row(self, instance, is_create) -> None:
        """Write one row's instance (and whatever it needs). Override for pages."""
        super().do_instance_save(instance, is_create)

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if self.progress is not None:
            self.progress(kwargs.get("row_number", 0), self._total)

    # -- helpers for subclasses -------------------------------------------------------
    def excel_row(self, dataset_row_number: int) -> int:
        if self.source is None:
            return dataset_row_number + 1
        return self.source.excel_row(dataset_row_number)


def messages_from_validation_error(resource: SpreadsheetResource, excel_row: int, error: ValidationError) -> list[str]:
    """「第 5 行【成文日期】：日期格式有误…」 lines for one row's ValidationError."""
    if hasattr(error, "error_dict"):
        error_dict = error.message_dict
    else:
        error_dict = {NON_FIELD_ERRORS: error.messages}
    lines = []
    for key, messages in error_dict.items():
        for message in messages:
            if key == NON_FIELD_ERRORS:
                lines.append(f"第 {excel_row} 行：{message}")
            else:
                lines.append(f"第 {excel_row} 行【{resource.column_for(key)}】：{message}")
    return lines
