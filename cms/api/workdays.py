"""GET /api/workdays: the public deadline calculator.

Two questions, one per pair of query parameters:
* ``?start=2026-09-30&days=5`` → ``{"start", "days", "due", "calendar_complete"}``
  (the start date is day 0, so days=0 gives the start date back);
* ``?from=2026-09-30&to=2026-10-13`` → ``{"from", "to", "working_days", "calendar_complete"}``
  (working days after ``from`` up to and including ``to``; negative when ``to`` < ``from``).

``calendar_complete`` is false when a year touched by the answer has no holiday
arrangement in the calendar, i.e. the answer assumed plain Mon–Fri for that year.
Input is validated by the same forms as the public /workdays/ page (Chinese messages);
anything refused is a 400 ``{"error": {"type": "BadRequest", "message"}}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Query, Router, Schema
from pydantic import WithJsonSchema

from cms.api.errors import ApiError
from cms.core.services import workdays
from cms.core.workday_forms import DueDateForm, WorkingDaysForm

router = Router(tags=["workdays"])

# Parameters arrive as text and are parsed by the shared forms; the schema still says what they are.
_DATE_SCHEMA = WithJsonSchema({"type": "string", "format": "date"})
_DAYS_SCHEMA = WithJsonSchema({"type": "integer", "minimum": 0, "maximum": workdays.MAX_DAYS})
StartParam = Annotated[str | None, _DATE_SCHEMA, Query(None, description="起算日期（第 0 天），与 days 一起使用")]
DaysParam = Annotated[str | None, _DAYS_SCHEMA, Query(None, description=f"工作日数，0 到 {workdays.MAX_DAYS}")]
FromParam = Annotated[
    str | None, _DATE_SCHEMA, Query(None, alias="from", description="起始日期（不计入），与 to 一起使用")
]
ToParam = Annotated[
    str | None, _DATE_SCHEMA, Query(None, description="截止日期（计入），与 from 一起使用；与 from 相隔不超过 20 年")
]


class DueDateOut(Schema):
    """Answer to start + days."""

    start: dt.date
    days: int
    due: dt.date
    calendar_complete: bool


class WorkingDaysOut(Schema):
    """Answer to from + to (`from` is a Python keyword, hence the alias)."""

    from_: dt.date = Field(..., alias="from")
    to: dt.date
    working_days: int
    calendar_complete: bool


class ErrorDetail(Schema):
    """The plone.restapi error body."""

    type: str
    message: str


class ErrorOut(Schema):
    """Envelope of every error answer."""

    error: ErrorDetail


def _bad_request(message: str) -> ApiError:
    return ApiError(400, "BadRequest", message)


@router.get(
    "",
    response={200: DueDateOut | WorkingDaysOut, 400: ErrorOut},
    by_alias=True,
    summary="工作日计算",
    auth=None,
)
def workdays_view(
    request,
    start: StartParam = None,
    days: DaysParam = None,
    from_: FromParam = None,
    to: ToParam = None,
):
    """`start` + `days` gives the due date (start is day 0); `from` + `to` counts working days."""
    wants_due = start is not None or days is not None
    wants_count = from_ is not None or to is not None
    if wants_due and wants_count:
        raise _bad_request("请只提供一组参数：start 和 days，或 from 和 to")
    if wants_due:
        form = DueDateForm({"start": start, "days": days})
        if not form.is_valid():
            raise _bad_request(form.error_text())
        answer = form.answer
        return {
            "start": answer.start,
            "days": answer.days,
            "due": answer.due,
            "calendar_complete": answer.calendar_complete,
        }
    if wants_count:
        form = WorkingDaysForm({"from": from_, "to": to})
        if not form.is_valid():
            raise _bad_request(form.error_text())
        answer = form.answer
        return {
            "from": answer.start,
            "to": answer.end,
            "working_days": answer.working_days,
            "calendar_complete": answer.calendar_complete,
        }
    raise _bad_request("请提供 start 和 days，或 from 和 to")
