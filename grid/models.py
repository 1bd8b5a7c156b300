"""Grid management (网格化管理): grid units, grid workers, handling units and residents' appeals.

An appeal (诉求 / 工单) moves through the closed loop of 国办发〔2020〕53号 only through the
actions in grid/actions/ (one file per transition); every move leaves one AppealEvent, so
the timeline is the appeal's history. Due dates are working-day dates computed by
cms.core.services.workdays and stored on the appeal (grid/services/due_dates.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OperationalModel(models.Model):
    """Grid rows kept out of Wagtail's reference index.

    Operational rows (10k–100k+) whose index entries cost ~6 ms per save (measured on imports
    and intake) and would hold the serial lock longer; their foreign keys (RESTRICT /
    SET_NULL) already protect what they point at.
    """

    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True


class GridUnit(OperationalModel):
    """One of the township's grid units (网格): it covers one natural village (自然村).

    The code is what spreadsheets and appeals refer to; the leader (网格长) is the first
    person an overdue appeal of this grid is escalated to.
    """

    township = models.ForeignKey(
        "core.TownshipPage", on_delete=models.CASCADE, related_name="grid_units", verbose_name=_("乡镇")
    )
    code = models.CharField(_("网格编号"), max_length=30, help_text=_("在本乡镇内唯一，例如 MG-01"))
    name = models.CharField(_("网格名称"), max_length=80)
    natural_village = models.ForeignKey(
        "villages.NaturalVillage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grid_units",
        verbose_name=_("所辖自然村"),
    )
    households = models.PositiveIntegerField(_("户数"), default=0)
    population = models.PositiveIntegerField(_("人口"), default=0)
    boundary = models.JSONField(_("网格边界（GeoJSON）"), null=True, blank=True)
    leader = models.ForeignKey(
        "grid.GridWorker",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_units",
        verbose_name=_("网格长"),
    )

    class Meta:
        verbose_name = _("网格")
        verbose_name_plural = _("网格")
        ordering = ["township", "code"]
        constraints = [models.UniqueConstraint(fields=["township", "code"], name="unique_grid_unit_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class GridWorker(OperationalModel):
    """A grid worker (网格员) or grid leader (网格长); the user account is optional.

    Workers with an account use the phone form and can accept (签收) appeals.
    """

    class Role(models.TextChoices):
        LEADER = "leader", _("网格长")
        FULL_TIME = "full_time", _("专职网格员")
        PART_TIME = "part_time", _("兼职网格员")

    township = models.ForeignKey(
        "core.TownshipPage", on_delete=models.CASCADE, related_name="grid_workers", verbose_name=_("乡镇")
    )
    name = models.CharField(_("姓名"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grid_workers",
        verbose_name=_("用户账号"),
    )
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.FULL_TIME)
    grid_unit = models.ForeignKey(
        GridUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workers",
        verbose_name=_("所属网格"),
    )

    class Meta:
        verbose_name = _("网格员")
        verbose_name_plural = _("网格员")
        ordering = ["township", "grid_unit__code", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


class HandlingUnit(models.Model):
    """A department or team appeals are dispatched to (承办单位)."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("部门")
        TEAM = "team", _("工作队")

    township = models.ForeignKey(
        "core.TownshipPage", on_delete=models.CASCADE, related_name="handling_units", verbose_name=_("乡镇")
    )
    name = models.CharField(_("名称"), max_length=80)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("承办单位")
        verbose_name_plural = _("承办单位")
        ordering = ["township", "name"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="unique_handling_unit_name")]

    def __str__(self) -> str:
        return self.name


class AppealCategory(models.Model):
    """A node of the appeal category tree: its time limit sets the working-day due date.

    The code is the Open311 service_code.
    """

    township = models.ForeignKey(
        "core.TownshipPage", on_delete=models.CASCADE, related_name="appeal_categories", verbose_name=_("乡镇")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("上级分类")
    )
    name = models.CharField(_("分类名称"), max_length=80)
    code = models.CharField(_("分类代码"), max_length=30, help_text=_("Open311 service_code，在本乡镇内唯一"))
    time_limit_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"), default=5)
    default_handling_unit = models.ForeignKey(
        HandlingUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="default_categories",
        verbose_name=_("默认承办单位"),
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("诉求分类")
        verbose_name_plural = _("诉求分类")
        ordering = ["township", "code"]
        constraints = [models.UniqueConstraint(fields=["township", "code"], name="unique_appeal_category_code")]

    def __str__(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent_id and self.parent else self.name


class AppealStatus(models.TextChoices):
    """The states of the closed loop; OPEN_STATUSES are the ones whose clock runs."""

    RECEIVED = "received", _("已受理")
    DISPATCHED = "dispatched", _("已派单")
    RETURNED = "returned", _("已退单")
    HANDLING = "handling", _("办理中")
    ANSWERED = "answered", _("已反馈")
    SUSPENDED = "suspended", _("已挂起")
    CLOSED = "closed", _("已办结")
    VISITED = "visited", _("已回访")
    ARCHIVED = "archived", _("已归档")
    MERGED = "merged", _("已合并")


#: A submitted photo's address (Open311 media_url): http(s) only, at most this long.
MEDIA_URL_MAX_LENGTH = 500
MEDIA_URL_SCHEMES = ("http", "https")

OPEN_STATUSES = frozenset(
    {
        AppealStatus.RECEIVED,
        AppealStatus.DISPATCHED,
        AppealStatus.RETURNED,
        AppealStatus.HANDLING,
        AppealStatus.ANSWERED,
        AppealStatus.SUSPENDED,
    }
)


class AppealSource(models.TextChoices):
    GRID_VISIT = "grid_visit", _("网格走访")
    HOTLINE = "hotline", _("热线电话")
    ONLINE = "online", _("网上提交")
    WALK_IN = "walk_in", _("来访")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY_SATISFIED = "basically_satisfied", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class AppealQuerySet(models.QuerySet):
    """Reads shared by the admin, the dashboards and Open311."""

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        """Open, not suspended, and past the stored due date."""
        today = today or timezone.localdate()
        return self.filter(status__in=OPEN_STATUSES - {AppealStatus.SUSPENDED}, due_on__lt=today)


class Appeal(OperationalModel):
    """A resident's appeal (诉求 / 工单): changed only through the actions in grid/actions/.

    ``version`` rises with every transition (optimistic concurrency: a form that loaded
    version 3 cannot act on version 4). The appellant's identity is masked by
    grid/services/privacy.py for everyone without ``grid.view_appellant_identity``.
    """

    township = models.ForeignKey(
        "core.TownshipPage", on_delete=models.CASCADE, related_name="appeals", verbose_name=_("乡镇")
    )
    serial = models.CharField(_("诉求编号"), max_length=60, unique=True, editable=False)
    category = models.ForeignKey(
        AppealCategory, on_delete=models.RESTRICT, related_name="appeals", verbose_name=_("诉求分类")
    )
    grid_unit = models.ForeignKey(
        GridUnit, on_delete=models.SET_NULL, null=True, blank=True, related_name="appeals", verbose_name=_("网格")
    )
    source = models.CharField(_("来源"), max_length=20, choices=AppealSource.choices, default=AppealSource.ONLINE)
    description = models.TextField(_("诉求内容"), max_length=5000)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    lat = models.FloatField(_("纬度"), null=True, blank=True)
    lng = models.FloatField(_("经度"), null=True, blank=True)
    media_url = models.URLField(
        _("照片链接"),
        max_length=MEDIA_URL_MAX_LENGTH,
        blank=True,
        validators=[URLValidator(schemes=MEDIA_URL_SCHEMES)],
        help_text=_("提交方给出的照片地址（http 或 https），如 Open311 的 media_url"),
    )
    appellant_name = models.CharField(_("诉求人姓名"), max_length=40, blank=True)
    appellant_phone = models.CharField(_("诉求人电话"), max_length=20, blank=True)
    appellant_id_number = models.CharField(_("诉求人身份证号"), max_length=18, blank=True)
    is_anonymous = models.BooleanField(_("匿名"), default=False, help_text=_("公开页面不显示诉求人姓名"))
    is_confidential = models.BooleanField(_("是否保密"), default=False, help_text=_("公开页面也不显示所在网格"))
    status = models.CharField(
        _("状态"), max_length=20, choices=AppealStatus.choices, default=AppealStatus.RECEIVED, db_index=True
    )
    status_before_suspension = models.CharField(
        _("挂起前状态"), max_length=20, choices=AppealStatus.choices, blank=True, editable=False
    )
    handling_unit = models.ForeignKey(
        HandlingUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("承办单位"),
    )
    assignee = models.ForeignKey(
        GridWorker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_appeals",
        verbose_name=_("承办人"),
    )
    received_at = models.DateTimeField(_("受理时间"), default=timezone.now, db_index=True)
    #: The local dates of received_at and closed_at, kept by save() (sync_local_days): the
    #: dashboards group and count working days by them without a time-zone conversion per row.
    received_on = models.DateField(_("受理日期"), null=True, blank=True, editable=False)
    clock_started_on = models.DateField(
        _("计时起始日"), null=True, blank=True, help_text=_("受理日；重办时为重办之日。办理期限由此起算")
    )
    due_on = models.DateField(_("办理期限"), null=True, blank=True, db_index=True)
    extension_days = models.PositiveSmallIntegerField(_("已批准延期（工作日）"), default=0)
    extension_requested_days = models.PositiveSmallIntegerField(_("申请延期（工作日）"), default=0)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, editable=False)
    satisfaction = models.CharField(_("满意度"), max_length=30, choices=Satisfaction.choices, null=True, blank=True)
    paused_since = models.DateField(_("挂起日期"), null=True, blank=True)
    paused_working_days = models.PositiveIntegerField(_("累计挂起（工作日）"), default=0)
    escalation_level = models.PositiveSmallIntegerField(
        _("督办级别"), default=0, help_text=_("0 未督办，1 已督办至网格长，2 已督办至乡镇")
    )
    escalated_at = models.DateTimeField(_("最近督办时间"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_appeals",
        verbose_name=_("合并至"),
    )
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("诉求")
        verbose_name_plural = _("诉求")
        ordering = ["-received_at", "-id"]
        permissions = [("view_appellant_identity", _("查看诉求人身份信息（姓名、电话、身份证号）"))]
        indexes = [
            models.Index(fields=["township", "status", "due_on"], name="grid_appeal_status_due"),
            models.Index(fields=["township", "received_at"], name="grid_appeal_township_received"),
            models.Index(fields=["grid_unit", "category", "received_at"], name="grid_appeal_dup_lookup"),
        ]

    def __str__(self) -> str:
        return self.serial

    #: Each timestamp and the field that stores its local date (kept by save(); read by dashboards).
    LOCAL_DAY_FIELDS = {"received_at": "received_on", "closed_at": "closed_on"}

    def save(self, *args, **kwargs):
        self.sync_local_days()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            days = self.LOCAL_DAY_FIELDS
            kwargs["update_fields"] = {*update_fields, *(days[f] for f in update_fields if f in days)}
        super().save(*args, **kwargs)

    def sync_local_days(self) -> None:
        """received_on / closed_on from the timestamps (call before bulk_create; save() does it itself)."""
        for stamp, day in self.LOCAL_DAY_FIELDS.items():
            value = getattr(self, stamp)
            setattr(self, day, timezone.localdate(value) if value else None)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status in OPEN_STATUSES
            and self.status != AppealStatus.SUSPENDED
            and self.due_on is not None
            and self.due_on < today
        )


class AppealEvent(OperationalModel):
    """One entry of an appeal's timeline: which action, by whom, when, from which state to which."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events", verbose_name=_("诉求"))
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原状态"), max_length=20, choices=AppealStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=AppealStatus.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    actor_label = models.CharField(_("操作人名称"), max_length=80, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("附件"),
    )

    class Meta:
        verbose_name = _("诉求处理记录")
        verbose_name_plural = _("诉求处理记录")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.action}"


class AppealSerial(models.Model):
    """The last appeal serial number used per township and year; allocation locks this row."""

    township = models.ForeignKey("core.TownshipPage", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("诉求编号序列")
        verbose_name_plural = _("诉求编号序列")
        constraints = [models.UniqueConstraint(fields=["township", "year"], name="unique_appeal_serial")]

    def __str__(self) -> str:
        return f"{self.township_id}/{self.year}: {self.last_value}"


class IdentityAccessLog(models.Model):
    """Who saw an appellant's full name, phone or ID number, where and when (privacy audit)."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="identity_accesses", verbose_name=_("诉求")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("用户")
    )
    purpose = models.CharField(_("场景"), max_length=40, help_text=_("例如 admin_detail、export、open311"))
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("身份信息查看记录")
        verbose_name_plural = _("身份信息查看记录")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.appeal_id} ({self.purpose})"
