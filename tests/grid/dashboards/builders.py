"""A small hand-built grid dataset shared by the dashboard, export and Open311 tests.

Appeals are written with the ORM (not the actions) so each test states exactly the
dates, statuses and answers its expected figures are computed from.
"""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace

from django.utils import timezone

from grid.models import Appeal, AppealCategory, AppealStatus, GridUnit, HandlingUnit

_serials = itertools.count(1)


def local(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def make_grid_world(township) -> SimpleNamespace:
    """Two grid units, a handling unit, categories 基础设施 / 道路 (A) and 环境卫生 (B), one inactive."""
    unit = HandlingUnit.objects.create(township=township, name="村镇建设服务中心")
    infra = AppealCategory.objects.create(township=township, name="基础设施", code="10")
    road = AppealCategory.objects.create(
        township=township, parent=infra, name="道路", code="1001", time_limit_days=5, default_handling_unit=unit
    )
    sanitation = AppealCategory.objects.create(township=township, name="环境卫生", code="20", time_limit_days=3)
    retired = AppealCategory.objects.create(township=township, name="旧分类", code="99", is_active=False)
    g1 = GridUnit.objects.create(township=township, code="MG-01", name="大寨网格")
    g2 = GridUnit.objects.create(township=township, code="MG-02", name="小河网格")
    return SimpleNamespace(
        township=township, unit=unit, infra=infra, road=road, sanitation=sanitation, retired=retired, g1=g1, g2=g2
    )


def make_appeal(world, *, category=None, grid_unit=None, received: dt.datetime, **fields) -> Appeal:
    fields.setdefault("status", AppealStatus.RECEIVED)
    fields.setdefault("description", "路灯不亮")
    return Appeal.objects.create(
        township=world.township,
        serial=f"T-{received.year}-{next(_serials):06d}",
        category=category or world.road,
        grid_unit=grid_unit,
        received_at=received,
        **fields,
    )
