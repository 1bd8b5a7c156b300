"""The dashboard tables as an xlsx workbook: one sheet per breakdown, the same figures as the pages."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from grid.dashboards.presenters import COLUMNS, PERCENT_COLUMNS
from grid.dashboards.selectors import BREAKDOWNS, DashboardFilter, MetricsRow, dashboard_table


def _cell_value(row: MetricsRow, name: str):
    value = getattr(row, name)
    if value is None:
        return None
    if name == "average_handling_days":
        return round(value, 2)
    if name in PERCENT_COLUMNS:
        return round(value, 4)
    return value


def dashboard_workbook(flt: DashboardFilter, *, today: dt.date | None = None) -> bytes:
    """Sheets 按月份 / 按网格 / 按诉求分类 for the filter, rates as percentages, a total row each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    period = f"{flt.start:%Y-%m} 至 {flt.end:%Y-%m}（按受理月份统计）"
    for breakdown, title in BREAKDOWNS.items():
        if flt.public and breakdown == "grid":
            continue
        table = dashboard_table(flt, breakdown, today=today)
        sheet = workbook.create_sheet(title)
        sheet.append([f"诉求办理统计 {title}", period])
        sheet.append([label for _, label in COLUMNS])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in [*table.rows, table.total]:
            sheet.append([_cell_value(row, name) for name, _ in COLUMNS])
        for index, (name, _) in enumerate(COLUMNS, start=1):
            if name in PERCENT_COLUMNS:
                for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                    cell.number_format = "0.0%"
        sheet.column_dimensions["A"].width = 28
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
