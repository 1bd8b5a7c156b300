"""Read an uploaded .xlsx or .csv into a clean table that remembers Excel row numbers.

Editors export from Excel (in China usually as GBK-encoded CSV) or upload the .xlsx
itself; both must give the same rows, and every message must point at the row number
the editor sees in Excel (header = row 1).
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import dataclass, field
from typing import Any

import tablib

MAX_CELL_LENGTH = 10_000
MAX_FILE_SIZE = 50 * 1024 * 1024
# Big enough for any cell an upload can carry, so an over-long cell becomes a row error
# (checked against the resource's own limit) instead of csv.Error "field larger than field limit".
_CSV_FIELD_SIZE_LIMIT = MAX_FILE_SIZE + 1

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
_CSV_ENCODINGS = ("utf-8-sig", "gb18030")
_HEADER_TRANSLATION = str.maketrans({"（": "(", "）": ")", "\ufeff": "", "\u3000": " "})


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message is shown to the editor as is."""


@dataclass
class SpreadsheetData:
    """The rows of one uploaded sheet, without empty rows, with their Excel row numbers.

    ``cell_errors`` maps a dataset row index (0-based) to {header: message} for cells
    that were rejected while reading (too long); the cell itself is blanked so the
    rest of the row can still be checked and reported in the same pass.
    """

    headers: list[str]
    rows: list[list[Any]]
    row_numbers: list[int]
    cell_errors: dict[int, dict[str, str]] = field(default_factory=dict)
    file_format: str = "csv"

    @property
    def dataset(self) -> tablib.Dataset:
        dataset = tablib.Dataset(headers=self.headers)
        for row in self.rows:
            dataset.append(row)
        return dataset

    def excel_row(self, dataset_row_number: int) -> int:
        """The Excel row number of the 1-based dataset row import-export reports."""
        return self.row_numbers[dataset_row_number - 1]

    def __len__(self) -> int:
        return len(self.rows)


def detect_format(content: bytes, filename: str = "") -> str:
    """ "xlsx" or "csv", from the content first (a renamed file still works), then the name."""
    extension = os.path.splitext(filename or "")[1].lower()
    if content.startswith(_ZIP_MAGIC):
        return "xlsx"
    if content.startswith(_OLE2_MAGIC) or extension == ".xls":
        raise SpreadsheetError("不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV 后再上传。")
    if extension in {".xlsx", ".xlsm"}:
        raise SpreadsheetError("文件扩展名为 .xlsx，但内容不是有效的 Excel 文件，请检查文件是否损坏。")
    if extension and extension not in {".csv", ".txt"}:
        raise SpreadsheetError(f"不支持的文件类型「{extension}」，请上传 .xlsx 或 .csv 文件。")
    return "csv"


def decode_csv(content: bytes) -> str:
    """UTF-8 (with or without BOM) first, then GB18030, the superset of the GBK Excel writes."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in _CSV_ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError("无法识别 CSV 文件的编码，请在 Excel 中另存为“CSV UTF-8”或 GBK 编码的 CSV。")


def read_spreadsheet(content: bytes, filename: str = "", *, max_cell_length: int = MAX_CELL_LENGTH) -> SpreadsheetData:
    """Parse the uploaded bytes; raise SpreadsheetError with a Chinese message if impossible."""
    if not content:
        raise SpreadsheetError("上传的文件是空的。")
    if len(content) > MAX_FILE_SIZE:
        raise SpreadsheetError(f"文件过大（超过 {MAX_FILE_SIZE // 1024 // 1024} MB），请拆分后分批导入。")
    file_format = detect_format(content, filename)
    raw_rows = _xlsx_rows(content) if file_format == "xlsx" else _csv_rows(decode_csv(content))
    data = _tidy(raw_rows, max_cell_length=max_cell_length)
    data.file_format = file_format
    return data


def _csv_rows(text: str) -> list[tuple[int, list[Any]]]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    if csv.field_size_limit() < _CSV_FIELD_SIZE_LIMIT:
        csv.field_size_limit(_CSV_FIELD_SIZE_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # One record is one Excel row, even when a quoted cell spans several lines.
        return [(index, row) for index, row in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise SpreadsheetError(f"CSV 文件格式有误（第 {reader.line_num} 行附近）：{exc}") from exc


def _xlsx_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise SpreadsheetError(f"无法读取 Excel 文件，请确认是有效的 .xlsx 文件（{type(exc).__name__}）。") from exc
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise SpreadsheetError(f"无法读取 Excel 文件（{type(exc).__name__}）。") from exc
    try:
        sheet = workbook.active or workbook.worksheets[0]
        return [(index, list(values)) for index, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    except Exception as exc:
        raise SpreadsheetError(f"无法读取 Excel 工作表（{type(exc).__name__}）。") from exc
    finally:
        workbook.close()


def normalise_header(value: Any) -> str:
    """Trim and unify full-width brackets, so 「公开内容（要素） 」 matches 「公开内容(要素)」."""
    if value is None:
        return ""
    return str(value).translate(_HEADER_TRANSLATION).strip()


def _tidy_cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\ufeff", "").strip()
        return value
    return value


def _is_empty(values: list[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _tidy(raw_rows: list[tuple[int, list[Any]]], *, max_cell_length: int) -> SpreadsheetData:
    rows_iter = iter(raw_rows)
    header_row = None
    for number, values in rows_iter:
        if not _is_empty(values):
            header_row = (number, values)
            break
    if header_row is None:
        raise SpreadsheetError("文件中没有数据：找不到表头行。")
    headers = [normalise_header(v) for v in header_row[1]]
    while headers and not headers[-1]:
        headers.pop()
    seen: set[str] = set()
    for position, header in enumerate(headers, start=1):
        if not header:
            headers[position - 1] = f"（第{position}列）"
            continue
        if header in seen:
            raise SpreadsheetError(f"表头「{header}」出现了两次，请删除重复的列。")
        seen.add(header)

    width = len(headers)
    data = SpreadsheetData(headers=headers, rows=[], row_numbers=[])
    for number, values in rows_iter:
        if _is_empty(values):
            continue
        values = [_tidy_cell(v) for v in values[:width]] + [None] * max(0, width - len(values))
        errors = {}
        for position, value in enumerate(values):
            if isinstance(value, str) and len(value) > max_cell_length:
                errors[headers[position]] = f"内容过长（{len(value)} 个字符），单元格最多 {max_cell_length} 个字符"
                values[position] = ""
        if errors:
            data.cell_errors[len(data.rows)] = errors
        data.rows.append(values)
        data.row_numbers.append(number)
    return data
