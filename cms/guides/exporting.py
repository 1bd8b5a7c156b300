"""Write guides to an .xlsx workbook with the import columns (the export half of the round trip)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from cms.guides.resources import GuideResource


def write_guides_xlsx(guides: Iterable, path: Path, *, progress: Callable[[int], None] | None = None) -> int:
    """Write one row per guide (live or draft fields as stored on the page row) and return how many."""
    from openpyxl import Workbook

    resource = GuideResource()
    fields = resource.get_export_fields()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "办事指南"
    sheet.append([field.column_name for field in fields])
    count = 0
    for guide in guides:
        sheet.append([resource.export_field(field, guide) for field in fields])
        count += 1
        if progress is not None and count % 50 == 0:
            progress(count)
    workbook.save(path)
    return count
