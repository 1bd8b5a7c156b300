"""What the dashboard pages show: the table of a breakdown, its charts, and formatted cells.

Shared by the admin dashboard, the public statistics page and the xlsx export so the
three never disagree about a figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.safestring import SafeString

from grid.dashboards.charts import Series, bar_chart, line_chart
from grid.dashboards.selectors import (
    BREAKDOWNS,
    DashboardFilter,
    DashboardTable,
    MetricsRow,
    dashboard_table,
    month_labels,
)

COLUMNS: list[tuple[str, str]] = [
    ("label", "分组"),
    ("received", "受理数"),
    ("closed", "办结数"),
    ("closed_on_time", "按期办结数"),
    ("open_overdue", "逾期未办结数"),
    ("on_time_rate", "按期办结率"),
    ("average_handling_days", "平均办理时长（工作日）"),
    ("rated", "回访评价数"),
    ("satisfaction_rate", "满意率（含基本满意）"),
]
PERCENT_COLUMNS = {"on_time_rate", "satisfaction_rate"}


def cell_text(row: MetricsRow, name: str) -> str:
    """A figure as the pages print it: rates in %, days to one decimal, “—” when undefined."""
    value = getattr(row, name)
    if value is None:
        return "—"
    if name in PERCENT_COLUMNS:
        return f"{value * 100:.1f}%"
    if name == "average_handling_days":
        return f"{value:.1f}"
    return str(value)


@dataclass
class DashboardView:
    """One breakdown ready for a template: the table, its cells as text and two SVG charts."""

    title: str
    table: DashboardTable
    cells: list[list[str]]
    total_cells: list[str]
    volume_chart: SafeString
    rate_chart: SafeString


def _month_rows(table: DashboardTable, flt: DashboardFilter) -> tuple[list[str], list[MetricsRow | None]]:
    """Month charts show every month of the range, empty ones included."""
    by_key = {row.key: row for row in table.rows}
    months = month_labels(flt.start, flt.end)
    return [f"{m.year}-{m.month:02d}" for m in months], [by_key.get(m) for m in months]


def build_view(flt: DashboardFilter, breakdown: str, *, today: dt.date | None = None) -> DashboardView:
    table = dashboard_table(flt, breakdown, today=today)
    if breakdown == "month":
        labels, rows = _month_rows(table, flt)
    else:
        labels, rows = [r.label for r in table.rows], list(table.rows)

    def values(name: str) -> list[float | None]:
        return [getattr(r, name) if r is not None else None for r in rows]

    received = [v or 0 for v in values("received")]
    closed = [v or 0 for v in values("closed")]
    title = BREAKDOWNS[breakdown]
    volume = bar_chart(f"受理与办结（{title}）", labels, [Series("受理", received), Series("办结", closed)])
    rate_series = [Series("按期办结率", values("on_time_rate")), Series("满意率", values("satisfaction_rate"))]
    draw = line_chart if breakdown == "month" else bar_chart
    rates = draw(f"按期办结率与满意率（{title}）", labels, rate_series, percent=True)
    return DashboardView(
        title=title,
        table=table,
        cells=[[cell_text(row, name) for name, _ in COLUMNS] for row in table.rows],
        total_cells=[cell_text(table.total, name) for name, _ in COLUMNS],
        volume_chart=volume,
        rate_chart=rates,
    )
