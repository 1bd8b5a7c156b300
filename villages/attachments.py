"""Text of notice attachments (xlsx, csv, docx) for the privacy guard, and their masked copies.

Each reader yields ``(location, text)`` pairs such as ("第 3 行第 2 列", "张三 3621…"),
so a finding can point at the cell or paragraph to fix. CSV is read as UTF-8 or
GBK/GB18030 with the import framework's decoder (what Excel in China writes).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.conf import settings
from django.core.files.base import ContentFile

from cms.core import privacy
from cms.core.imports.reading import SpreadsheetError, decode_csv

SCANNED_EXTENSIONS = ("csv", "xlsx", "docx")


class AttachmentUnreadable(Exception):
    """The attachment claims a scanned type but cannot be opened; the message is Chinese."""


def max_attachment_bytes() -> int:
    return int(getattr(settings, "VILLAGE_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


def size_problem(name: str, size: int | None) -> str | None:
    """A Chinese message when an attachment is larger than the village notice limit."""
    limit = max_attachment_bytes()
    if size is not None and size > limit:
        return (
            f"附件「{name}」大小为 {size / 1024 / 1024:.1f} MB，超过村务公开附件上限 "
            f"{limit / 1024 / 1024:.0f} MB，请压缩或拆分后再上传"
        )
    return None


def extension_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _csv_cells(content: bytes) -> Iterator[tuple[str, str]]:
    try:
        text = decode_csv(content)
    except SpreadsheetError as exc:
        raise AttachmentUnreadable(str(exc)) from exc
    for row_number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        for col, value in enumerate(row):
            if value:
                yield f"第 {row_number} 行 {_column_name(col)} 列", value


def _xlsx_cells(content: bytes) -> Iterator[tuple[str, str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise AttachmentUnreadable("无法打开该 Excel 文件，请确认是 .xlsx 格式") from exc
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                value = cell.value
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                yield f"工作表「{sheet.title}」{cell.coordinate} 单元格", str(value)
    workbook.close()


def _docx_paragraphs(content: bytes) -> Iterator[tuple[str, str]]:
    import docx

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as exc:
        raise AttachmentUnreadable("无法打开该 Word 文件，请确认是 .docx 格式") from exc
    for number, paragraph in enumerate(document.paragraphs, start=1):
        if paragraph.text:
            yield f"第 {number} 段", paragraph.text
    for t_number, table in enumerate(document.tables, start=1):
        for r_number, row in enumerate(table.rows, start=1):
            for c_number, cell in enumerate(row.cells, start=1):
                if cell.text:
                    yield f"表格 {t_number} 第 {r_number} 行第 {c_number} 列", cell.text


READERS = {"csv": _csv_cells, "xlsx": _xlsx_cells, "docx": _docx_paragraphs}


def text_parts(filename: str, content: bytes) -> list[tuple[str, str]]:
    """(location, text) pairs of an attachment; empty for types that are not scanned."""
    reader = READERS.get(extension_of(filename))
    return list(reader(content)) if reader else []


def read_document(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def scan_document(title: str, document) -> list[privacy.Finding]:
    """Findings in one Wagtail document, located as 附件「title」第 3 行 B 列."""
    if extension_of(document.file.name) not in SCANNED_EXTENSIONS:
        return []
    try:
        parts = text_parts(document.file.name, read_document(document))
    except AttachmentUnreadable:
        return []
    findings = []
    for location, text in parts:
        findings.extend(privacy.scan(text, f"附件「{title}」{location}"))
    return findings


# -- masked copies -------------------------------------------------------------------------
def masked_content(filename: str, content: bytes) -> bytes | None:
    """The attachment with every number masked, or None when the type cannot be rewritten."""
    ext = extension_of(filename)
    if ext == "csv":
        text = decode_csv(content)
        return privacy.mask_text(text).encode("utf-8-sig")
    if ext == "xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content))
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        text = str(int(value)) if float(value).is_integer() else str(value)
                        if privacy.find_numbers(text):
                            cell.value = privacy.mask_text(text)
                    elif isinstance(value, str) and privacy.find_numbers(value):
                        cell.value = privacy.mask_text(value)
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()
    if ext == "docx":
        import docx

        document = docx.Document(io.BytesIO(content))
        paragraphs = list(document.paragraphs)
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    paragraphs.extend(cell.paragraphs)
        for paragraph in paragraphs:
            if not privacy.find_numbers(paragraph.text):
                continue
            runs = paragraph.runs
            if runs and all(not privacy.find_numbers(run.text) for run in runs):
                # A number split over several runs: keep the first run's style for the whole text.
                masked = privacy.mask_text(paragraph.text)
                runs[0].text = masked
                for run in runs[1:]:
                    run.text = ""
            else:
                for run in runs:
                    run.text = privacy.mask_text(run.text)
        output = io.BytesIO()
        document.save(output)
        return output.getvalue()
    return None


def mask_document_in_place(document) -> bool:
    """Overwrite the document's file with its masked copy; False when the type cannot be rewritten.

    In place on purpose: the unmasked original must not stay downloadable at another URL,
    and every revision of the notice keeps pointing at the same document.
    """
    content = masked_content(document.file.name, read_document(document))
    if content is None:
        return False
    base_name = document.file.name.rsplit("/", 1)[-1]
    document.file.delete(save=False)
    document.file.save(base_name, ContentFile(content), save=False)
    document.file_size = len(content)
    document.file_hash = ""
    document.save()
    return True
