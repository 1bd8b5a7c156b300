"""Plain text of attachments (PDF, DOCX, XLSX) for the search index.

Extraction is bounded — files above MAX_FILE_BYTES are skipped, at most MAX_PAGES PDF
pages / MAX_ROWS spreadsheet rows are read, output stops at MAX_CHARS and every
extractor gives up after TIME_BUDGET_SECONDS — and never raises: a broken, encrypted or
hostile file is logged and contributes no text, so publishing an item never fails
because of its attachment.

`document_text` caches the result per Wagtail document and file hash, so rebuilding the
index does not parse every file again.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.core.cache import cache

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_CHARS = 100_000
MAX_PAGES = 300
MAX_ROWS = 20_000
TIME_BUDGET_SECONDS = 15.0
CACHE_SECONDS = 7 * 24 * 3600
SUPPORTED_EXTENSIONS = (".pdf", ".docx", ".xlsx")


class _Budget:
    """Stops an extractor when the character or time limit is reached."""

    def __init__(self, max_chars: int, seconds: float):
        self.max_chars = max_chars
        self.deadline = time.monotonic() + seconds
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str | None) -> bool:
        """Keep `text`; False once the output is full or time is up (the caller stops)."""
        if text:
            text = text.strip()
        if text:
            text = text[: self.max_chars - self.size]
            self.parts.append(text)
            self.size += len(text) + 1
        return self.size < self.max_chars and time.monotonic() < self.deadline

    def text(self) -> str:
        return "\n".join(self.parts)


def _pdf(data: bytes, budget: _Budget) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")  # files "protected" with an empty user password are still readable
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES or not budget.add(page.extract_text()):
            break


def _docx(data: bytes, budget: _Budget) -> None:
    import docx

    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        if not budget.add(paragraph.text):
            return
    for table in document.tables:
        for row in table.rows:
            if not budget.add(" ".join(dict.fromkeys(cell.text.strip() for cell in row.cells))):
                return


def _xlsx(data: bytes, budget: _Budget) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = 0
        for sheet in workbook.worksheets:
            if not budget.add(sheet.title):
                return
            for row in sheet.iter_rows(values_only=True):
                rows += 1
                line = " ".join(str(v) for v in row if v not in (None, ""))
                if rows > MAX_ROWS or not budget.add(line):
                    return
    finally:
        workbook.close()


EXTRACTORS: dict[str, Callable[[bytes, _Budget], None]] = {".pdf": _pdf, ".docx": _docx, ".xlsx": _xlsx}


def extract_text(
    data: bytes, filename: str, *, max_chars: int = MAX_CHARS, time_budget: float = TIME_BUDGET_SECONDS
) -> str:
    """The text of one file (chosen by its extension); "" for unsupported, oversized or broken files."""
    extension = Path(filename or "").suffix.lower()
    extractor = EXTRACTORS.get(extension)
    if extractor is None:
        return ""
    if len(data) > MAX_FILE_BYTES:
        logger.warning("Attachment %s skipped for search: %d bytes is above the limit", filename, len(data))
        return ""
    budget = _Budget(max_chars, time_budget)
    try:
        extractor(data, budget)
    except Exception:  # any parser error: log and index the item without this file
        logger.warning("Could not extract text from attachment %s for search", filename, exc_info=True)
        return ""
    return budget.text()


def _read_limited(document) -> bytes | None:
    size = document.get_file_size()
    if size is not None and size > MAX_FILE_BYTES:
        logger.warning("Attachment %s skipped for search: %d bytes is above the limit", document.filename, size)
        return None
    with document.open_file() as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def document_text(document) -> str:
    """Text of a Wagtail document, cached by document and file hash; "" on any failure."""
    filename = Path(getattr(document.file, "name", None) or "").name
    if Path(filename).suffix.lower() not in SUPPORTED_EXTENSIONS:
        return ""
    try:
        key = f"sitesearch:attachment:{document.pk}:{document.file_hash or document.get_file_hash()}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        data = _read_limited(document)
    except Exception:  # missing file on disk, storage error
        logger.warning("Could not read attachment %s for search", filename, exc_info=True)
        return ""
    if data is None:
        return ""
    text = extract_text(data, filename)
    cache.set(key, text, CACHE_SECONDS)
    return text


def attachments_text(documents: Iterator) -> str:
    """Text of several documents, one block each, within MAX_CHARS in total."""
    parts: list[str] = []
    size = 0
    for document in documents:
        text = document_text(document)
        if text:
            parts.append(text[: MAX_CHARS - size])
            size += len(parts[-1])
        if size >= MAX_CHARS:
            break
    return "\n".join(parts)
