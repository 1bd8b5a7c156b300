"""Dashboard figures of the appeals, computed with aggregate SQL.

Every figure is for a cohort: the appeals *received* in the period (merged duplicates
left out), grouped by month of receipt, grid unit or category. One GROUP BY query per
table, whatever the number of appeals: conditional counts for received, closed, closed
on time, open and overdue and the three satisfaction answers, and a sum of handling days;
grids and categories get their names from a second query of a few dozen rows.

Handling time in working days needs the calendar (holidays, make-up workdays). It is
the difference of a per-day "working-day ordinal" (working days since an epoch), which
SQL computes: Mon–Fri by arithmetic on the day number, plus the calendar's exceptions
inside the period as a balanced CASE of timestamp comparisons (a few per row). Suspended
working days (paused_working_days) are subtracted. Local dates come from the stored
received_on / closed_on (kept by Appeal.save()), so no row needs a time-zone conversion;
a row written around save() (bulk_create, update()) falls back to converting its timestamp.

On-time rate = closed on time / (closed + open overdue): an appeal still open past its
due date counts against the rate instead of vanishing from it (REFERENCE.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import (
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, Mod, TruncDate, TruncMonth
from django.utils import timezone

from cms.core.services.workdays import get_calendar
from grid.models import OPEN_STATUSES, Appeal, AppealCategory, AppealStatus, GridUnit, Satisfaction
from grid.services.privacy import CONFIDENTIAL_LABEL

Breakdown = Literal["month", "grid", "category"]
BREAKDOWNS: dict[str, str] = {"month": "按月份", "grid": "按网格", "category": "按诉求分类"}
CLOSED_STATUSES = frozenset({AppealStatus.CLOSED, AppealStatus.VISITED, AppealStatus.ARCHIVED})
UNASSIGNED_LABEL = "未划入网格"
CONFIDENTIAL_KEY = "confidential"
EPOCH_SUNDAY = dt.date(2000, 1, 2)


@dataclass(frozen=True)
class DashboardFilter:
    """What the dashboard covers: one township, months [start, end], optionally one grid or category."""

    township_id: int
    start: dt.date  # first day of the first month
    end: dt.date  # last day of the last month
    grid_unit_id: int | None = None
    category_id: int | None = None
    public: bool = False  # the public page: confidential appeals are never attributed to a grid


@dataclass
class MetricsRow:
    """The figures of one group (a month, a grid unit or a category), or of the total."""

    key: object
    label: str
    received: int = 0
    closed: int = 0
    closed_on_time: int = 0
    open_overdue: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    dissatisfied: int = 0
    handled: int = 0  # closed, with a closing time
    handling_days_total: int = 0

    @property
    def on_time_denominator(self) -> int:
        return self.closed + self.open_overdue

    @property
    def on_time_rate(self) -> float | None:
        """Closed on time / (closed + open overdue); None when nothing is closed or overdue."""
        denominator = self.on_time_denominator
        return self.closed_on_time / denominator if denominator else None

    @property
    def average_handling_days(self) -> float | None:
        """Average working days from receipt to closing (suspensions excluded), over the closed."""
        return self.handling_days_total / self.handled if self.handled else None

    @property
    def rated(self) -> int:
        return self.satisfied + self.basically_satisfied + self.dissatisfied

    @property
    def satisfaction_rate(self) -> float | None:
        """(满意 + 基本满意) / all answers of the return visits; None without answers."""
        return (self.satisfied + self.basically_satisfied) / self.rated if self.rated else None


@dataclass
class DashboardTable:
    """One breakdown: its rows in display order and the total over them."""

    breakdown: str
    rows: list[MetricsRow] = field(default_factory=list)
    total: MetricsRow = field(default_factory=lambda: MetricsRow(key=None, label="合计"))


def _local_day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    low = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return low, high


def cohort(flt: DashboardFilter) -> QuerySet[Appeal]:
    """The appeals received in the filter's months (local time), merged duplicates excluded."""
    low, high = _local_day_bounds(flt.start, flt.end)
    qs = Appeal.objects.filter(township_id=flt.township_id, received_at__gte=low, received_at__lt=high).exclude(
        status=AppealStatus.MERGED
    )
    if flt.grid_unit_id:
        qs = qs.filter(grid_unit_id=flt.grid_unit_id)
        if flt.public:
            qs = qs.filter(is_confidential=False)
    if flt.category_id:
        qs = qs.filter(Q(category_id=flt.category_id) | Q(category__parent_id=flt.category_id))
    return qs


def _group_fields(breakdown: str, public: bool) -> tuple[dict, list[str]]:
    """(annotations, value names) that identify a group; the first name is the group key.

    Groups are keyed by the appeal's own columns only (no joined names): PostgreSQL then
    hash-aggregates into a few dozen groups instead of sorting 100k rows by grid or
    category name, which cost more than all the figures together. The names come from
    ``_labels`` in a second, small query.
    """
    if breakdown == "month":
        return {"g_month": TruncMonth(local_day("received_at"), output_field=DateField())}, ["g_month"]
    if breakdown == "grid":
        if public:
            # A confidential appeal never tells the public which grid it came from.
            return {"g_grid": F("grid_unit_id"), "g_confidential": F("is_confidential")}, ["g_grid", "g_confidential"]
        return {"g_grid": F("grid_unit_id")}, ["g_grid"]
    if breakdown == "category":
        return {"g_category": F("category_id")}, ["g_category"]
    raise ValueError(f"unknown breakdown {breakdown!r}")


def _labels(breakdown: str, keys: set) -> dict:
    """Display names of the grid units or categories among ``keys`` (one query; none for months)."""
    keys = {key for key in keys if isinstance(key, int)}
    if breakdown == "grid" and keys:
        units = GridUnit.objects.filter(pk__in=keys).values_list("pk", "code", "name")
        return {pk: f"{code} {name}" for pk, code, name in units}
    if breakdown == "category" and keys:
        categories = AppealCategory.objects.filter(pk__in=keys).values_list("pk", "name", "parent__name")
        return {pk: f"{parent} / {name}" if parent else name for pk, name, parent in categories}
    return {}


def _key_and_label(breakdown: str, values: dict, public: bool, labels: dict) -> tuple[object, str]:
    if breakdown == "month":
        month = values["g_month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        return month, f"{month.year}年{month.month}月"
    if breakdown == "grid":
        if public and values.get("g_confidential"):
            return CONFIDENTIAL_KEY, CONFIDENTIAL_LABEL
        if values["g_grid"] is None:
            return None, UNASSIGNED_LABEL
        return values["g_grid"], labels.get(values["g_grid"], "")
    return values["g_category"], labels.get(values["g_category"], "")


def local_day(field: str):
    """The local date of a timestamp field: its stored copy, or (rows written around save()) the conversion."""
    return Coalesce(F(Appeal.LOCAL_DAY_FIELDS[field]), TruncDate(field), output_field=DateField())


class DayNumber(Func):
    """Days from Sunday 2000-01-02 to a date expression, as an integer (PostgreSQL and SQLite)."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) - DATE '{EPOCH_SUNDAY.isoformat()}')", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(julianday({sql}) - julianday('{EPOCH_SUNDAY.isoformat()}') AS INTEGER)", params


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _step_tree(field: str, points: list[tuple[dt.date, int]], low: int, high: int, base: int):
    """A balanced CASE over the calendar's change points: the adjustment in force on the local day of `field`.

    Each test compares the stored timestamp with a local midnight (``field < '2026-05-01 00:00+08'``),
    which is the same as comparing its local date but needs no time-zone conversion per row.
    """
    if low >= high:
        return Value(base)
    mid = (low + high) // 2
    before = _step_tree(field, points, low, mid, base)
    after = _step_tree(field, points, mid + 1, high, base + sum(step for _, step in points[low : mid + 1]))
    when = When(**{f"{field}__lt": _local_midnight(points[mid][0])}, then=before)
    return Case(when, default=after, output_field=IntegerField())


def working_day_ordinal(field: str, first: dt.date, last: dt.date):
    """SQL for the working-day ordinal of a datetime field's local date.

    ordinal(b) − ordinal(a) = working days in (a, b].

    Mon–Fri days come from arithmetic (n = days since a Sunday: 5·⌊n/7⌋ + min(n mod 7, 5));
    the calendar's exceptions between `first` and `last` are a balanced CASE of steps:
    +1 from each weekend make-up workday (调休), −1 from each weekday holiday.
    """
    calendar = get_calendar()
    points = sorted(
        [(d, 1) for d in calendar.workdays if d.weekday() >= 5 and first <= d <= last]
        + [(d, -1) for d in calendar.holidays if d.weekday() < 5 and first <= d <= last]
    )
    number = DayNumber(local_day(field))
    weekdays = number / Value(7) * Value(5) + Least(Mod(number, Value(7)), Value(5))
    return ExpressionWrapper(weekdays + _step_tree(field, points, 0, len(points), 0), output_field=IntegerField())


def dashboard_table(flt: DashboardFilter, breakdown: Breakdown, *, today: dt.date | None = None) -> DashboardTable:
    """The figures per group for one breakdown, plus their total: one aggregate query (and one for the names)."""
    today = today or timezone.localdate()
    annotations, names = _group_fields(breakdown, flt.public)
    closed = Q(status__in=CLOSED_STATUSES)
    handled = closed & Q(closed_at__isnull=False)
    open_overdue = Q(status__in=OPEN_STATUSES - {AppealStatus.SUSPENDED}, due_on__lt=today)
    on_time = closed & Q(closed_day__lte=F("due_on"))
    base = cohort(flt).annotate(closed_day=local_day("closed_at"), **annotations)
    # Closing days lie between the first received day and today (or the period's end, if later).
    last = max(flt.end, today)
    handling = (
        working_day_ordinal("closed_at", flt.start, last)
        - working_day_ordinal("received_at", flt.start, last)
        - F("paused_working_days")
    )

    rows_by_key: dict[object, MetricsRow] = {}
    order: list[object] = []
    figures = base.values(*names).annotate(
        n_received=Count("id"),
        n_closed=Count("id", filter=closed),
        n_on_time=Count("id", filter=on_time),
        n_overdue=Count("id", filter=open_overdue),
        n_satisfied=Count("id", filter=Q(satisfaction=Satisfaction.SATISFIED)),
        n_basic=Count("id", filter=Q(satisfaction=Satisfaction.BASICALLY_SATISFIED)),
        n_dissatisfied=Count("id", filter=Q(satisfaction=Satisfaction.DISSATISFIED)),
        n_handled=Count("id", filter=handled),
        n_handling_days=Sum(handling, filter=handled),
    )
    figures = list(figures.order_by())
    labels = _labels(breakdown, {values[names[0]] for values in figures})
    for values in figures:
        key, label = _key_and_label(breakdown, values, flt.public, labels)
        row = rows_by_key.get(key)
        if row is None:
            row = rows_by_key[key] = MetricsRow(key=key, label=label)
            order.append(key)
        row.received += values["n_received"]
        row.closed += values["n_closed"]
        row.closed_on_time += values["n_on_time"]
        row.open_overdue += values["n_overdue"]
        row.satisfied += values["n_satisfied"]
        row.basically_satisfied += values["n_basic"]
        row.dissatisfied += values["n_dissatisfied"]
        row.handled += values["n_handled"]
        row.handling_days_total += values["n_handling_days"] or 0

    table = DashboardTable(breakdown=breakdown)
    table.rows = [rows_by_key[k] for k in _sorted_keys(order, rows_by_key, breakdown)]
    for row in table.rows:
        for name in (
            "received",
            "closed",
            "closed_on_time",
            "open_overdue",
            "satisfied",
            "basically_satisfied",
            "dissatisfied",
            "handled",
            "handling_days_total",
        ):
            setattr(table.total, name, getattr(table.total, name) + getattr(row, name))
    return table


def _sorted_keys(order: list, rows_by_key: dict, breakdown: str) -> list:
    if breakdown == "month":
        return sorted(order, key=lambda k: (k is None, k or dt.date.min))
    # Grids and categories by their label (code first); the confidential and unassigned groups last.
    return sorted(order, key=lambda k: (k is None or k == CONFIDENTIAL_KEY, rows_by_key[k].label))


def month_range(months: int, *, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last `months` calendar months up to and including today's month."""
    today = today or timezone.localdate()
    year, month = today.year, today.month - (months - 1)
    while month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1), last_day_of_month(today)


def last_day_of_month(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def month_labels(start: dt.date, end: dt.date) -> list[dt.date]:
    """First day of every month from start to end, for charts that show empty months too."""
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months
