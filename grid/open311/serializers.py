"""Appeals and categories as GeoReport v2 elements, without any personal data.

The appellant's name, phone and ID number are never part of a request element; phone
and ID numbers typed into the description are masked with grid/services/privacy.py.
A confidential appeal (是否保密) shows neither its grid unit nor its address, position or
photo (media_url).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cms.core import privacy
from grid.models import OPEN_STATUSES, Appeal, AppealCategory, AppealStatus


def scrub_text(text: str) -> str:
    """Mask every personal number a resident typed into free text (strict: typos and landlines too)."""
    return privacy.mask_text(text or "", strict=True)


def w3c(value: dt.datetime | None) -> str | None:
    """2026-03-02T09:15:00+08:00: local time with its offset, as the spec requires."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def end_of_day(day: dt.date | None) -> str | None:
    """A due date is met until the end of that day."""
    if day is None:
        return None
    return w3c(dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone()))


def service_element(category: AppealCategory) -> dict:
    parent = category.parent.name if category.parent_id and category.parent else ""
    notice = f"办理时限 {category.time_limit_days} 个工作日"
    if category.default_handling_unit_id and category.default_handling_unit:
        notice += f"，默认承办单位：{category.default_handling_unit.name}"
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": notice,
        "metadata": False,
        "type": "realtime",
        "keywords": ",".join(k for k in (parent, category.name) if k),
        "group": parent,
    }


def open311_status(appeal: Appeal) -> str:
    return "open" if appeal.status in OPEN_STATUSES else "closed"


def status_notes(appeal: Appeal, today: dt.date | None = None) -> str:
    """The internal state in words: 办理中, 已办结, 已合并至 …, and 已逾期 for an overdue open appeal."""
    if appeal.status == AppealStatus.MERGED and appeal.merged_into_id and appeal.merged_into:
        return f"已合并至 {appeal.merged_into.serial}"
    notes = appeal.get_status_display()
    if appeal.is_overdue(today):
        notes += "（已逾期）"
    return notes


def request_element(appeal: Appeal, *, today: dt.date | None = None) -> dict:
    confidential = appeal.is_confidential
    grid = appeal.grid_unit if appeal.grid_unit_id and not confidential else None
    closed = open311_status(appeal) == "closed"
    return {
        "service_request_id": appeal.serial,
        "status": open311_status(appeal),
        "status_notes": status_notes(appeal, today),
        "service_name": appeal.category.name,
        "service_code": appeal.category.code,
        "description": scrub_text(appeal.description),
        "agency_responsible": appeal.handling_unit.name if appeal.handling_unit_id and appeal.handling_unit else None,
        "service_notice": f"办理时限 {appeal.category.time_limit_days} 个工作日",
        "requested_datetime": w3c(appeal.received_at),
        "updated_datetime": w3c(appeal.closed_at if closed and appeal.closed_at else appeal.updated),
        "expected_datetime": end_of_day(appeal.due_on),
        "address": None if confidential else (scrub_text(appeal.address) or (grid.name if grid else None)),
        "address_id": grid.code if grid else None,
        "zipcode": None,
        "lat": None if confidential else appeal.lat,
        "long": None if confidential else appeal.lng,
        "media_url": (appeal.media_url or None) if not confidential else None,
    }
