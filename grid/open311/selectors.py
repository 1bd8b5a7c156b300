"""Reads of the Open311 endpoints: services (categories) and service requests (appeals).

GET requests follows the spec's rules: service_request_id (comma list) overrides every
other argument; otherwise service_code and status filter, and requested_datetime must
fall in a window of at most 90 days — the last 90 days when no date is given, 90 days
after start_date or before end_date when only one is. At most 1000 requests, newest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from grid.models import OPEN_STATUSES, Appeal, AppealCategory
from grid.open311.errors import Open311Error

WINDOW = dt.timedelta(days=90)
MAX_REQUESTS = 1000
MAX_IDS = 1000
STATUS_VALUES = ("open", "closed")


def active_services(township_id: int) -> QuerySet[AppealCategory]:
    """Active categories without active children: the ones a request is filed under."""
    return (
        AppealCategory.objects.filter(township_id=township_id, is_active=True)
        .annotate(active_children=Count("children", filter=Q(children__is_active=True)))
        .filter(active_children=0)
        .select_related("parent", "default_handling_unit")
        .order_by("code")
    )


def appeals_for_open311(township_id: int) -> QuerySet[Appeal]:
    """Everything one request element needs, joined; never the appellant's identity columns."""
    return (
        Appeal.objects.filter(township_id=township_id)
        .select_related("category", "grid_unit", "handling_unit", "merged_into")
        .defer("appellant_name", "appellant_phone", "appellant_id_number")
    )


def _comma_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def parse_w3c(value: str, name: str) -> dt.datetime:
    """A W3C date or date-time; a value without offset is taken as local (Asia/Shanghai) time."""
    text = value.strip()
    try:
        parsed = parse_datetime(text.replace(" ", "+")) or (
            dt.datetime.combine(parse_date(text), dt.time.min) if parse_date(text) else None
        )
    except ValueError:
        parsed = None
    if parsed is None:
        raise Open311Error(400, f"{name} 格式有误，应为 W3C 日期时间，例如 2026-01-01T00:00:00+08:00")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_current_timezone())
    return parsed


@dataclass(frozen=True)
class RequestQuery:
    """The validated arguments of GET requests."""

    ids: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    start: dt.datetime | None = None
    end: dt.datetime | None = None


def parse_request_query(params, *, now: dt.datetime | None = None) -> RequestQuery:
    """Validate the query string of GET requests; raises Open311Error(400) with a Chinese message."""
    ids = _comma_list(params.get("service_request_id"))
    if ids:
        if len(ids) > MAX_IDS:
            raise Open311Error(400, f"service_request_id 一次最多 {MAX_IDS} 个")
        return RequestQuery(ids=tuple(ids))
    statuses = _comma_list(params.get("status"))
    for status in statuses:
        if status not in STATUS_VALUES:
            raise Open311Error(400, f"status 只能是 open 或 closed，收到“{status[:20]}”")
    now = now or timezone.now()
    start = parse_w3c(params["start_date"], "start_date") if params.get("start_date", "").strip() else None
    end = parse_w3c(params["end_date"], "end_date") if params.get("end_date", "").strip() else None
    if start is None and end is None:
        end, start = now, now - WINDOW
    elif start is None:
        start = end - WINDOW
    elif end is None:
        end = start + WINDOW
    if end < start:
        raise Open311Error(400, "end_date 不能早于 start_date")
    if end - start > WINDOW:
        raise Open311Error(400, "start_date 与 end_date 相隔不能超过 90 天")
    return RequestQuery(
        service_codes=tuple(_comma_list(params.get("service_code"))),
        statuses=tuple(statuses),
        start=start,
        end=end,
    )


def find_requests(township_id: int, query: RequestQuery) -> list[Appeal]:
    """The appeals a validated query selects, newest first, at most 1000 (one SQL query)."""
    qs = appeals_for_open311(township_id)
    if query.ids:
        return list(qs.filter(serial__in=query.ids).order_by("-received_at", "-id")[:MAX_REQUESTS])
    qs = qs.filter(received_at__gte=query.start, received_at__lte=query.end)
    if query.service_codes:
        codes = list(query.service_codes)
        qs = qs.filter(Q(category__code__in=codes) | Q(category__parent__code__in=codes))
    if set(query.statuses) == {"open"}:
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif set(query.statuses) == {"closed"}:
        qs = qs.exclude(status__in=OPEN_STATUSES)
    return list(qs.order_by("-received_at", "-id")[:MAX_REQUESTS])


def find_request(township_id: int, service_request_id: str) -> Appeal:
    appeal = appeals_for_open311(township_id).filter(serial=service_request_id).first()
    if appeal is None:
        raise Open311Error(404, f"未找到编号为 {service_request_id[:60]} 的诉求")
    return appeal
