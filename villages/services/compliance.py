"""Schedule compliance: which notices each village owes (monthly finance, quarterly affairs) vs what is posted.

A period is due once it has ended and the grace days of the next month have passed
(``VILLAGE_NOTICE_DUE_DAY``, default the 10th). A monthly period is covered by a live
财务 notice for that month, or by a quarterly 财务 notice of its quarter; a quarter of
村务 is covered by any live 村务 notice whose period lies in it. The report looks back
``VILLAGE_SCHEDULE_MONTHS`` (default 12) months.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from villages.models import NoticeCategory, PeriodUnit, Village, VillageNoticePage
from villages.models.pages import period_label


@dataclass
class ScheduleRow:
    """One village's expected and missing periods."""

    village: Village
    expected: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def posted_count(self) -> int:
        return len(self.expected) - len(self.missing)


def _due_day() -> int:
    return int(getattr(settings, "VILLAGE_NOTICE_DUE_DAY", 10))


def _months_back() -> int:
    return int(getattr(settings, "VILLAGE_SCHEDULE_MONTHS", 12))


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def due_months(today: dt.date) -> list[tuple[int, int]]:
    """(year, month) of the months due by ``today`` within the look-back window, oldest first."""
    result = []
    for back in range(_months_back(), 0, -1):
        year, month = _add_months(today.year, today.month, -back)
        next_year, next_month = _add_months(year, month, 1)
        if dt.date(next_year, next_month, _due_day()) <= today:
            result.append((year, month))
    return result


def due_quarters(today: dt.date) -> list[tuple[int, int]]:
    quarters = []
    for year, month in due_months(today):
        if month % 3 == 0:
            quarters.append((year, month // 3))
    return quarters


def schedule_report(*, today: dt.date, villages=None) -> list[ScheduleRow]:
    """One row per village (two queries whatever the number of villages)."""
    villages = list(villages if villages is not None else Village.objects.select_related("township"))
    months = due_months(today)
    quarters = due_quarters(today)
    finance_months: dict[int, set] = defaultdict(set)
    affairs_quarters: dict[int, set] = defaultdict(set)
    notices = VillageNoticePage.objects.live().filter(
        village__in=villages, category__in=[NoticeCategory.FINANCE, NoticeCategory.AFFAIRS]
    )
    for village_id, category, year, unit, number in notices.values_list(
        "village_id", "category", "period_year", "period_unit", "period_number"
    ):
        quarter = number if unit == PeriodUnit.QUARTER else (number - 1) // 3 + 1
        if category == NoticeCategory.FINANCE:
            months_covered = [number] if unit == PeriodUnit.MONTH else [(number - 1) * 3 + i for i in (1, 2, 3)]
            finance_months[village_id].update((year, m) for m in months_covered)
        else:
            affairs_quarters[village_id].add((year, quarter))
    rows = []
    for village in villages:
        row = ScheduleRow(village=village)
        for year, month in months:
            label = f"{period_label(year, PeriodUnit.MONTH, month)}财务公开"
            row.expected.append(label)
            if (year, month) not in finance_months[village.pk]:
                row.missing.append(label)
        for year, quarter in quarters:
            label = f"{period_label(year, PeriodUnit.QUARTER, quarter)}村务公开"
            row.expected.append(label)
            if (year, quarter) not in affairs_quarters[village.pk]:
                row.missing.append(label)
        rows.append(row)
    return rows


def villages_behind_schedule(*, today: dt.date) -> list[ScheduleRow]:
    return [row for row in schedule_report(today=today) if row.missing]
