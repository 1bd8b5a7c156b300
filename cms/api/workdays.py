"""GET /api/workdays: the public deadline calculator."""

import datetime as dt

from ninja import Router, Schema

from cms.api.errors import ApiError
from cms.core.services import workdays

router = Router(tags=["workdays"])


class WorkdaysOut(Schema):
    start: dt.date | None = None
    days: int | None = None
    due: dt.date | None = None
    from_: dt.date | None = None
    to: dt.date | None = None
    working_days: int | None = None

    class Config:
        populate_by_name = True


@router.get("", response=dict, summary="工作日计算", auth=None)
def workdays_view(
    request,
    start: dt.date | None = None,
    days: int | None = None,
    from_: dt.date | None = None,
    to: dt.date | None = None,
):
    """`start` + `days` gives the due date (start is day 0); `from` + `to` counts working days."""
    if start is not None and days is not None:
        if days < 0 or days > 3650:
            raise ApiError(400, "BadRequest", "days 须为 0 到 3650 之间的整数")
        due = workdays.add_working_days(start, days)
        return {"start": start.isoformat(), "days": days, "due": due.isoformat()}
    raise ApiError(400, "BadRequest", "请提供 start 和 days，或 from 和 to")
