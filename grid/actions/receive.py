"""受理: a new appeal gets its serial number, its working-day due date and the first timeline entry."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from cms.core.models import TownshipPage
from grid.actions.base import AppealAction, actor_label_for
from grid.exceptions import AppealActionError, AppealForbidden
from grid.models import (
    MEDIA_URL_MAX_LENGTH,
    MEDIA_URL_SCHEMES,
    Appeal,
    AppealCategory,
    AppealSource,
    AppealStatus,
    GridUnit,
    GridWorker,
)
from grid.services.due_dates import compute_due_on
from grid.services.serials import allocate_serial, ensure_counter, insert_with_serial

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
ID_NUMBER_RE = re.compile(r"^\d{17}[\dXx]$")
MAX_DESCRIPTION = 5000
INTAKE_PERMISSION = "grid.add_appeal"

FIELDS = (
    "category",
    "grid_unit",
    "source",
    "description",
    "address",
    "lat",
    "lng",
    "media_url",
    "appellant_name",
    "appellant_phone",
    "appellant_id_number",
    "is_anonymous",
    "is_confidential",
)


def validate_phone(phone: str) -> None:
    if phone and not PHONE_RE.match(phone):
        raise AppealActionError(f"电话号码格式有误「{phone}」，应为11位手机号或带区号的固定电话")


def validate_media_url(url: str) -> None:
    """A photo's address: an absolute http(s) URL of at most MEDIA_URL_MAX_LENGTH characters."""
    if len(url) > MEDIA_URL_MAX_LENGTH:
        raise AppealActionError(f"照片链接不能超过 {MEDIA_URL_MAX_LENGTH} 个字符")
    try:
        URLValidator(schemes=MEDIA_URL_SCHEMES)(url)
    except ValidationError:
        raise AppealActionError("照片链接应为以 http:// 或 https:// 开头的网址") from None


class ReceiveAction(AppealAction):
    """Create (受理) an appeal: the public form, the hotline form, the worker form and the API all come here.

    Anonymous callers may only submit online appeals; logged-in users need grid.add_appeal
    or a grid-worker record in the township. The description is stored as the text typed
    (script tags included) and escaped wherever it is shown.
    """

    name = "receive"
    title = "受理"

    def __init__(self, township: TownshipPage, user=None, *, data: dict, **kwargs):
        super().__init__(Appeal(township=township), user, **kwargs)
        self.township = township
        self.data = dict(data)

    def check_state(self) -> None:
        """A new appeal has no state yet."""

    def check_permission(self) -> None:
        if self.user is None:
            if self.data.get("source", AppealSource.ONLINE) != AppealSource.ONLINE:
                raise AppealForbidden("未登录用户只能通过网上渠道提交诉求")
            return
        if self.user.has_perm(INTAKE_PERMISSION) or self.worker is not None:
            return
        raise AppealForbidden("您没有权限受理诉求")

    def check_input(self) -> None:
        data = self.data
        description = str(data.get("description") or "").strip()
        if not description:
            raise AppealActionError("请填写诉求内容")
        if len(description) > MAX_DESCRIPTION:
            raise AppealActionError(f"诉求内容不能超过 {MAX_DESCRIPTION} 字")
        data["description"] = description
        category = data.get("category")
        if isinstance(category, int | str) and str(category).isdigit():
            category = AppealCategory.objects.filter(pk=int(category)).first()
        if not isinstance(category, AppealCategory) or category.township_id != self.township.pk:
            raise AppealActionError("请选择本乡镇的诉求分类")
        if not category.is_active:
            raise AppealActionError(f"诉求分类“{category.name}”已停用")
        data["category"] = category
        grid_unit = data.get("grid_unit")
        if grid_unit is not None and not isinstance(grid_unit, GridUnit):
            grid_unit = GridUnit.objects.filter(pk=grid_unit).first() if str(grid_unit).isdigit() else None
            if grid_unit is None:
                raise AppealActionError("所选网格不存在")
        if grid_unit is not None and grid_unit.township_id != self.township.pk:
            raise AppealActionError("所选网格不属于本乡镇")
        if grid_unit is None and self.worker is not None and self.worker.grid_unit_id:
            grid_unit = self.worker.grid_unit
        data["grid_unit"] = grid_unit
        source = data.get("source") or (AppealSource.ONLINE if self.user is None else AppealSource.WALK_IN)
        if source not in AppealSource.values:
            raise AppealActionError("诉求来源有误")
        data["source"] = source
        phone = str(data.get("appellant_phone") or "").strip().replace(" ", "")
        validate_phone(phone)
        data["appellant_phone"] = phone
        id_number = str(data.get("appellant_id_number") or "").strip()
        if id_number and not ID_NUMBER_RE.match(id_number):
            raise AppealActionError("身份证号码格式有误，应为18位")
        data["appellant_id_number"] = id_number.upper()
        media_url = str(data.get("media_url") or "").strip()
        if media_url:
            validate_media_url(media_url)
        data["media_url"] = media_url
        for key in ("lat", "lng"):
            value = data.get(key)
            if value in ("", None):
                data[key] = None
                continue
            try:
                data[key] = float(value)
            except (TypeError, ValueError):
                raise AppealActionError("坐标格式有误") from None
        if data["lat"] is not None and not -90 <= data["lat"] <= 90:
            raise AppealActionError("纬度应在 -90 到 90 之间")
        if data["lng"] is not None and not -180 <= data["lng"] <= 180:
            raise AppealActionError("经度应在 -180 到 180 之间")

    @property
    def worker(self) -> GridWorker | None:
        if self._worker is False:
            self._worker = (
                GridWorker.objects.filter(user=self.user, township_id=self.township.pk)
                .select_related("grid_unit")
                .first()
                if self.user
                else None
            )
        return self._worker

    def execute(self) -> Appeal:
        """Check, build and date the appeal first; take the serial number last, then INSERT and commit.

        The serial counter row stays locked from allocate_serial() until the transaction
        commits (that is what keeps the numbers gap-free), so nothing that can run without
        the number — validation, category / grid / worker lookups, the working-day due
        date, the actor label — runs while it is held: only the counter UPDATE, the appeal
        INSERT and the event INSERT do. On PostgreSQL those three are one statement
        (serials.insert_with_serial), which outside an atomic block also commits in the
        same round trip.
        """
        self.check()
        data = self.data
        appeal = Appeal(
            township=self.township,
            status=AppealStatus.RECEIVED,
            received_at=self.now,
            clock_started_on=self.today,
            **{key: data[key] for key in FIELDS if key in data and data[key] is not None},
        )
        appeal.appellant_name = str(data.get("appellant_name") or "").strip()[:40]
        appeal.address = str(data.get("address") or "").strip()[:200]
        appeal.due_on = compute_due_on(appeal)
        self.appeal = appeal
        if not self.actor_label:
            if self.user is None:
                self.actor_label = "群众（网上提交）" if appeal.source == AppealSource.ONLINE else actor_label_for(None)
            else:
                self.actor_label = self.worker.name if self.worker else actor_label_for(self.user)
        if transaction.get_connection().vendor == "postgresql":
            appeal.sync_local_days()  # what save() would do
            event = self.build_event(from_status="", to_status=appeal.status)
            year = self.today.year
            if insert_with_serial(appeal, event, township=self.township, year=year):
                return appeal
            ensure_counter(township=self.township, year=year)  # the first appeal of the year
            if insert_with_serial(appeal, event, township=self.township, year=year):
                return appeal
        with transaction.atomic():
            appeal.serial = allocate_serial(township=self.township, year=self.today.year)
            appeal.save(force_insert=True)
            self.write_event(from_status="", to_status=appeal.status)
        return appeal

    def perform(self) -> None:  # pragma: no cover - execute() is overridden
        raise NotImplementedError
