"""Build .xlsx and .csv files in memory for import tests (no binary fixtures in the repo)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any


def make_xlsx(headers: Sequence[Any], rows: Sequence[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def make_csv(headers: Sequence[Any], rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8") -> bytes:
    output = io.StringIO(newline="")
    writer = csv.writer(output)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return output.getvalue().encode(encoding)


def write(tmp_path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)
