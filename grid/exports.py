"""Appeals to xlsx, with the appellant's identity masked unless the user may see it.

One streaming pass (openpyxl write-only workbook, queryset iterator), a constant number
of queries whatever the number of rows. A user with ``grid.view_appellant_identity``
gets full names, phones and ID numbers, and every exported appeal is written to the
privacy audit log (IdentityAccessLog, purpose "export"); everyone else gets the masked
values of grid/services/privacy.py.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from grid.models import Appeal
from grid.services.privacy import can_view_identity, log_identity_access, masked_identity

EXPORT_PURPOSE = "export"
HEADERS = [
    "诉求编号",
    "受理时间",
    "来源",
    "诉求分类",
    "分类代码",
    "网格",
    "地址",
    "诉求内容",
    "状态",
    "承办单位",
    "办理期限",
    "办结时间",
    "满意度",
    "督办级别",
    "是否保密",
    "诉求人姓名",
    "诉求人电话",
    "诉求人身份证号",
]
CHUNK = 2000


def export_queryset(queryset: QuerySet[Appeal]) -> QuerySet[Appeal]:
    """The appeals with everything one row needs, joined (no query per row)."""
    return queryset.select_related("category", "category__parent", "grid_unit", "handling_unit").order_by(
        "received_at", "id"
    )


def _local(value: dt.datetime | None) -> dt.datetime | None:
    # Excel has no time zones: write the local (Asia/Shanghai) wall-clock time, naive.
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _row(appeal: Appeal, full_identity: bool) -> list:
    if full_identity:
        name, phone, id_number = appeal.appellant_name, appeal.appellant_phone, appeal.appellant_id_number
    else:
        identity = masked_identity(appeal)
        name, phone, id_number = identity.name, identity.phone, identity.id_number
    return [
        appeal.serial,
        _local(appeal.received_at),
        appeal.get_source_display(),
        str(appeal.category),
        appeal.category.code,
        str(appeal.grid_unit) if appeal.grid_unit_id else "",
        appeal.address,
        appeal.description,
        appeal.get_status_display(),
        appeal.handling_unit.name if appeal.handling_unit_id else "",
        appeal.due_on,
        _local(appeal.closed_at),
        appeal.get_satisfaction_display() if appeal.satisfaction else "",
        appeal.escalation_level,
        "是" if appeal.is_confidential else "否",
        name,
        phone,
        id_number,
    ]


def _chunks(queryset: QuerySet[Appeal]) -> Iterable[list[Appeal]]:
    chunk: list[Appeal] = []
    for appeal in queryset.iterator(chunk_size=CHUNK):
        chunk.append(appeal)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def appeals_workbook(*, queryset: QuerySet[Appeal], user) -> bytes:
    """The xlsx bytes of these appeals as ``user`` may see them (full identity is logged)."""
    full_identity = can_view_identity(user)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("诉求明细")
    sheet.append(HEADERS)
    for chunk in _chunks(export_queryset(queryset)):
        for appeal in chunk:
            sheet.append([_clean(sheet, value) for value in _row(appeal, full_identity)])
        if full_identity:
            log_identity_access(user=user, appeals=chunk, purpose=EXPORT_PURPOSE)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _clean(sheet, value):
    """Strings as plain text: control characters dropped, a leading “=” never becomes a formula."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def export_filename(prefix: str = "诉求明细") -> str:
    return f"{prefix}-{timezone.localdate():%Y%m%d}.xlsx"
