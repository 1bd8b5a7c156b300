"""Dashboard figures on a hand-built dataset; every expected value is worked out in the comments.

Calendar facts used (the seeded 2026 arrangement): Sun 2026-09-20 is a make-up workday,
Fri 2026-09-25 and 2026-10-01..07 are holidays. "Today" is 2026-11-20; the period is
2025-12 .. 2026-11 (the last 12 months).

| # | grid | category | received   | status    | due        | closed     | paused | answer    |
|---|------|----------|------------|-----------|------------|------------|--------|-----------|
| 1 | G1   | A 道路   | 2026-09-18 | archived  | 2026-09-25 | 2026-09-22 | 0      | 满意       |
| 2 | G1   | A        | 2026-09-28 | closed    | 2026-09-30 | 2026-10-09 | 1      | 不满意     |
| 3 | G2   | B 环境   | 2026-09-10 | handling  | 2026-09-17 | —          |        | (overdue) |
| 4 | G2   | B        | 2026-09-11 | suspended | 2026-09-15 | —          |        | (paused: not overdue) |
| 5 | G1   | B        | 2026-10-12 | received  | 2026-12-31 | —          |        |           |
| 6 | G2   | A        | 2026-10-13 | visited   | 2026-10-20 | 2026-10-13 | 0      | 基本满意   |
| 7 | G1   | A        | 2026-10-14 | merged    |            |            |        | (left out) |
| 8 | G2 保密 | B      | 2026-10-15 | closed    | 2026-10-22 | 2026-10-16 | 0      |           |
| 9 | G1   | A        | 2025-01-05 | archived  |            | 2025-01-06 |        | (before the period) |

Handling working days: #1 09-18→09-22 = Sun 20 (make-up) + 21 + 22 = 3; #2 09-28→10-09 =
29, 30, 08, 09 = 4, minus 1 paused = 3; #6 same day = 0; #8 Thu→Fri = 1.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cms.core.services.workdays import get_calendar
from grid.dashboards.selectors import CONFIDENTIAL_KEY, DashboardFilter, dashboard_table, month_range
from grid.models import Appeal, AppealStatus, Satisfaction
from tests.factories import make_township
from tests.grid.dashboards.builders import local, make_appeal, make_grid_world

TODAY = dt.date(2026, 11, 20)
D = dt.date


@pytest.fixture
def world(db):
    world = make_grid_world(make_township())
    A, B, g1, g2 = world.road, world.sanitation, world.g1, world.g2
    S = AppealStatus
    world.appeals = [
        make_appeal(world, category=A, grid_unit=g1, received=local(D(2026, 9, 18)), status=S.ARCHIVED,
                    due_on=D(2026, 9, 25), closed_at=local(D(2026, 9, 22), 16), satisfaction=Satisfaction.SATISFIED),
        make_appeal(world, category=A, grid_unit=g1, received=local(D(2026, 9, 28)), status=S.CLOSED,
                    due_on=D(2026, 9, 30), closed_at=local(D(2026, 10, 9)), paused_working_days=1,
                    satisfaction=Satisfaction.DISSATISFIED),
        make_appeal(world, category=B, grid_unit=g2, received=local(D(2026, 9, 10)), status=S.HANDLING,
                    due_on=D(2026, 9, 17)),
        make_appeal(world, category=B, grid_unit=g2, received=local(D(2026, 9, 11)), status=S.SUSPENDED,
                    due_on=D(2026, 9, 15)),
        make_appeal(world, category=B, grid_unit=g1, received=local(D(2026, 10, 12)), due_on=D(2026, 12, 31)),
        make_appeal(world, category=A, grid_unit=g2, received=local(D(2026, 10, 13), 9), status=S.VISITED,
                    due_on=D(2026, 10, 20), closed_at=local(D(2026, 10, 13), 17),
                    satisfaction=Satisfaction.BASICALLY_SATISFIED),
        make_appeal(world, category=A, grid_unit=g1, received=local(D(2026, 10, 14)), status=S.MERGED),
        make_appeal(world, category=B, grid_unit=g2, received=local(D(2026, 10, 15)), status=S.CLOSED,
                    due_on=D(2026, 10, 22), closed_at=local(D(2026, 10, 16)), is_confidential=True),
        make_appeal(world, category=A, grid_unit=g1, received=local(D(2025, 1, 5)), status=S.ARCHIVED,
                    due_on=D(2025, 1, 10), closed_at=local(D(2025, 1, 6))),
    ]  # fmt: skip
    return world


def period(world, **kwargs) -> DashboardFilter:
    start, end = month_range(12, today=TODAY)
    return DashboardFilter(township_id=world.township.pk, start=start, end=end, **kwargs)


def figures(row) -> tuple:
    return (
        row.received,
        row.closed,
        row.closed_on_time,
        row.open_overdue,
        row.on_time_rate,
        row.average_handling_days,
        row.rated,
        row.satisfaction_rate,
    )


class TestDashboardByMonth:
    def test_calendar_is_the_seeded_2026_arrangement(self, world):
        calendar = get_calendar()
        assert calendar.is_working_day(D(2026, 9, 20)) and not calendar.is_working_day(D(2026, 9, 25))

    def test_period_is_the_last_twelve_months(self):
        assert month_range(12, today=TODAY) == (D(2025, 12, 1), D(2026, 11, 30))

    def test_september_counts_the_open_overdue_appeal_in_the_denominator(self, world):
        table = dashboard_table(period(world), "month", today=TODAY)
        september, october = table.rows
        assert september.key == D(2026, 9, 1) and september.label == "2026年9月"
        # received 4 (#1-#4); closed #1 #2; on time #1 only; open overdue #3 (#4 is suspended)
        # on-time rate 1 / (2 + 1); handling (3 + 3) / 2; answers 满意 + 不满意 → 1 / 2
        assert figures(september) == (4, 2, 1, 1, pytest.approx(1 / 3), 3.0, 2, 0.5)

    def test_october_leaves_out_the_merged_duplicate(self, world):
        october = dashboard_table(period(world), "month", today=TODAY).rows[1]
        # received #5 #6 #8 (#7 merged); closed #6 #8, both on time; handling (0 + 1) / 2
        assert figures(october) == (3, 2, 2, 0, 1.0, 0.5, 1, 1.0)

    def test_total(self, world):
        total = dashboard_table(period(world), "month", today=TODAY).total
        # closed-on-time 3 / (closed 4 + open overdue 1) = 0.6, not 3 / 4
        assert figures(total) == (7, 4, 3, 1, pytest.approx(0.6), 1.75, 3, pytest.approx(2 / 3))

    def test_an_overdue_appeal_stops_counting_as_overdue_when_the_day_is_earlier(self, world):
        total = dashboard_table(period(world), "month", today=D(2026, 9, 17)).total
        # on 09-17 #3 is due that very day, so not yet overdue: 3 / 4
        assert (total.open_overdue, total.on_time_rate) == (0, 0.75)


class TestDashboardByGridAndCategory:
    def test_by_grid(self, world):
        g1, g2 = dashboard_table(period(world), "grid", today=TODAY).rows
        assert g1.label == "MG-01 大寨网格" and g2.label == "MG-02 小河网格"
        # G1: #1 #2 #5 → closed 2, on time 1, rate 1/2, handling (3+3)/2
        assert figures(g1) == (3, 2, 1, 0, 0.5, 3.0, 2, 0.5)
        # G2: #3 #4 #6 #8 → closed 2 on time, #3 overdue: 2/3; handling (0+1)/2
        assert figures(g2) == (4, 2, 2, 1, pytest.approx(2 / 3), 0.5, 1, 1.0)

    def test_public_grid_breakdown_never_places_a_confidential_appeal(self, world):
        rows = dashboard_table(period(world, public=True), "grid", today=TODAY).rows
        assert [(r.label, r.received) for r in rows] == [("MG-01 大寨网格", 3), ("MG-02 小河网格", 3), ("（保密）", 1)]
        assert rows[-1].key == CONFIDENTIAL_KEY
        assert rows[1].average_handling_days == 0.0  # only #6 is closed among G2's public appeals

    def test_by_category(self, world):
        road, sanitation = dashboard_table(period(world), "category", today=TODAY).rows
        assert road.label == "基础设施 / 道路" and sanitation.label == "环境卫生"
        # 道路: #1 #2 #6 → all closed, on time #1 #6: 2/3; handling (3+3+0)/3
        assert figures(road) == (3, 3, 2, 0, pytest.approx(2 / 3), 2.0, 3, pytest.approx(2 / 3))
        # 环境卫生: #3 #4 #5 #8 → closed #8 on time, #3 overdue: 1/2; handling 1
        assert figures(sanitation) == (4, 1, 1, 1, 0.5, 1.0, 0, None)

    def test_filters_by_grid_and_by_parent_category(self, world):
        only_g2 = dashboard_table(period(world, grid_unit_id=world.g2.pk), "month", today=TODAY).total
        assert only_g2.received == 4
        infra = dashboard_table(period(world, category_id=world.infra.pk), "month", today=TODAY).total
        assert infra.received == 3  # the parent category covers its child 道路

    def test_empty_period_has_no_rates(self, world):
        flt = DashboardFilter(township_id=world.township.pk, start=D(2024, 1, 1), end=D(2024, 12, 31))
        table = dashboard_table(flt, "month", today=TODAY)
        assert table.rows == [] and table.total.on_time_rate is None and table.total.average_handling_days is None


class TestDashboardQueryCount:
    @pytest.mark.parametrize("breakdown", ["month", "grid", "category"])
    def test_constant_queries_whatever_the_number_of_appeals(self, world, breakdown, django_assert_num_queries):
        get_calendar()  # loaded once per process, not per table
        expected = 1 if breakdown == "month" else 2  # the figures, then the grid or category names
        with django_assert_num_queries(expected):
            dashboard_table(period(world), breakdown, today=TODAY)
        for day in range(1, 29):
            closed_at = local(D(2026, 3, day % 5 + 1))
            make_appeal(world, category=world.sanitation, grid_unit=world.g1, received=local(D(2026, 2, day)),
                        status=AppealStatus.CLOSED, due_on=D(2026, 3, 5), closed_at=closed_at)  # fmt: skip
        with django_assert_num_queries(expected):
            table = dashboard_table(period(world), breakdown, today=TODAY)
        assert table.total.received == 7 + 28


class TestStoredLocalDays:
    """received_on / closed_on are the local dates the dashboards use; without them the figures stay the same."""

    def test_local_date_not_utc_date(self, world):
        # 00:30 in Beijing on 1 October is still 30 September in UTC.
        appeal = make_appeal(world, received=local(D(2026, 10, 1), 0).replace(minute=30),
                             status=AppealStatus.CLOSED, closed_at=local(D(2026, 10, 8), 7))  # fmt: skip
        assert appeal.received_at.astimezone(dt.UTC).date() == D(2026, 9, 30)
        assert (appeal.received_on, appeal.closed_on) == (D(2026, 10, 1), D(2026, 10, 8))
        october = dashboard_table(period(world), "month", today=TODAY).rows[1]
        assert (october.label, october.received) == ("2026年10月", 4)  # #5 #6 #8 and this one

    @pytest.mark.parametrize("breakdown", ["month", "grid", "category"])
    def test_rows_written_around_save_give_the_same_figures(self, world, breakdown):
        stored = dashboard_table(period(world), breakdown, today=TODAY)
        Appeal.objects.update(received_on=None, closed_on=None)  # as bulk_create / update() would leave them
        fallback = dashboard_table(period(world), breakdown, today=TODAY)
        assert fallback.rows == stored.rows and fallback.total == stored.total
        assert stored.total.handling_days_total == 3 + 3 + 0 + 1
