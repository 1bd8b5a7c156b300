"""The village notice board in the page tree: 村务公开 index → one board per village → notices."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from villages.blocks import FinanceTableBlock, FourDeliberationsBlock
from villages.forms import VillageNoticeForm


class NoticeCategory(models.TextChoices):
    PARTY = "党务", _("党务公开")
    AFFAIRS = "村务", _("村务公开")
    FINANCE = "财务", _("财务公开")


class NoticeKind(models.TextChoices):
    RESOLUTION = "resolution", _("四议两公开决议")
    RESOLUTION_RESULT = "resolution_result", _("四议两公开实施结果")
    FINANCE_MONTHLY = "finance_monthly", _("月度财务收支")
    FINANCE_QUARTERLY = "finance_quarterly", _("季度财务收支")
    SUBSIDY = "subsidy", _("补贴发放")
    RELIEF = "relief", _("救助对象")
    PROJECT = "project", _("工程项目")
    OTHER = "other", _("其他")


#: Kinds the township reviews after the village committee (money to people, works, resolutions).
TOWNSHIP_REVIEW_KINDS = frozenset(
    {NoticeKind.RESOLUTION, NoticeKind.RESOLUTION_RESULT, NoticeKind.SUBSIDY, NoticeKind.RELIEF, NoticeKind.PROJECT}
)


class PeriodUnit(models.TextChoices):
    MONTH = "month", _("月度")
    QUARTER = "quarter", _("季度")


def period_start(year: int, unit: str, number: int) -> dt.date:
    month = number if unit == PeriodUnit.MONTH else (number - 1) * 3 + 1
    return dt.date(year, month, 1)


def period_label(year: int, unit: str, number: int) -> str:
    return f"{year}年{number}月" if unit == PeriodUnit.MONTH else f"{year}年第{number}季度"


class VillagesIndexPage(Page):
    """村务公开: one per township, the parent of every village board and the root of the village workflow."""

    intro = RichTextField(_("说明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.TownshipPage"]
    subpage_types = ["villages.VillageBoardPage"]
    max_count_per_parent = 1
    api_fields = ["intro"]

    class Meta:
        verbose_name = _("村务公开栏目")
        verbose_name_plural = _("村务公开栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["boards"] = VillageBoardPage.objects.child_of(self).live().select_related("village")
        return context


class VillageBoardPage(Page):
    """One village's notice board (村务公开栏); its groups' page permissions are granted on this page only."""

    village = models.OneToOneField(
        "villages.Village", on_delete=models.RESTRICT, related_name="board_page", verbose_name=_("行政村")
    )

    content_panels = Page.content_panels + [FieldPanel("village", read_only=True)]
    parent_page_types = ["villages.VillagesIndexPage"]
    subpage_types = ["villages.VillageNoticePage"]
    api_fields = ["village"]

    class Meta:
        verbose_name = _("村务公开栏")
        verbose_name_plural = _("村务公开栏")

    def get_context(self, request, *args, **kwargs):
        from villages.selectors import board_notices

        context = super().get_context(request, *args, **kwargs)
        context.update(board_notices(self, request.GET))
        return context


class VillageNoticePage(RoutablePageMixin, Page):
    """One 党务/村务/财务 notice of one village, reviewed by its committee before it goes on the board.

    It shows on the public board during its posting window and stays in the archive
    afterwards. Finance tables and the 四议两公开 record check themselves; the privacy
    guard refuses submission and publication while a full personal number is in it.
    """

    village = models.ForeignKey(
        "villages.Village", on_delete=models.RESTRICT, related_name="notices", editable=False, verbose_name=_("行政村")
    )
    category = models.CharField(_("公开类别"), max_length=4, choices=NoticeCategory.choices)
    kind = models.CharField(_("公开事项"), max_length=20, choices=NoticeKind.choices, default=NoticeKind.OTHER)
    period_year = models.PositiveSmallIntegerField(_("所属年度"))
    period_unit = models.CharField(_("期间类型"), max_length=8, choices=PeriodUnit.choices, default=PeriodUnit.MONTH)
    period_number = models.PositiveSmallIntegerField(_("月份或季度"), help_text=_("月度填 1–12，季度填 1–4"))
    posting_start = models.DateField(_("张贴开始日期"))
    posting_end = models.DateField(
        _("张贴结束日期"), null=True, blank=True, help_text=_("之后从公开栏撤下，转入历史公开")
    )
    body = RichTextField(_("正文"), blank=True)
    finance_tables = StreamField(
        [("finance_table", FinanceTableBlock())], blank=True, use_json_field=True, verbose_name=_("财务收支表")
    )
    deliberation = StreamField(
        [("four_deliberations", FourDeliberationsBlock())],
        blank=True,
        max_num=1,
        use_json_field=True,
        verbose_name=_("四议两公开记录"),
    )

    base_form_class = VillageNoticeForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("category"), FieldPanel("kind")]),
                FieldRowPanel([FieldPanel("period_year"), FieldPanel("period_unit"), FieldPanel("period_number")]),
                FieldRowPanel([FieldPanel("posting_start"), FieldPanel("posting_end")]),
            ],
            heading=_("公开要素"),
        ),
        FieldPanel("body"),
        FieldPanel("finance_tables"),
        FieldPanel("deliberation"),
        InlinePanel("attachments", label=_("附件")),
    ]
    parent_page_types = ["villages.VillageBoardPage"]
    subpage_types: list[str] = []
    api_fields = [
        "category",
        "kind",
        "period_year",
        "period_unit",
        "period_number",
        "posting_start",
        "posting_end",
        "body",
    ]

    class Meta:
        verbose_name = _("村务公开")
        verbose_name_plural = _("村务公开")
        indexes = [models.Index(fields=["village", "period_year", "period_unit", "period_number"])]

    # -- derived values ----------------------------------------------------------------
    @property
    def period_label(self) -> str:
        return period_label(self.period_year, self.period_unit, self.period_number)

    @property
    def needs_township_review(self) -> bool:
        return self.kind in TOWNSHIP_REVIEW_KINDS

    def on_board(self, today: dt.date | None = None) -> bool:
        """Within its posting window (the public board); afterwards it is archived."""
        today = today or timezone.localdate()
        return self.posting_start <= today and (self.posting_end is None or today <= self.posting_end)

    def permissions_for_user(self, user):
        """Page permissions where the village committee publishes only by approving (see villages.permissions)."""
        from villages.permissions import VillageNoticePermissionTester

        return VillageNoticePermissionTester(user, self)

    def attachment_list(self) -> list:
        """Attachments with their documents, in order (one query for the notice page and the API)."""
        return list(self.attachments.select_related("document").order_by("sort_order", "pk"))

    def committee_sign_off(self) -> dict | None:
        """Who of the 村务监督委员会 approved the current version, and when (from the workflow record)."""
        from villages.selectors import committee_sign_off

        return committee_sign_off(self)

    # -- validation --------------------------------------------------------------------
    def clean(self):
        super().clean()
        self.check_notice_fields()
        if self.live:
            findings = self.privacy_findings()
            if findings:
                raise ValidationError(["发布前须打码："] + [f.message for f in findings])

    def check_notice_fields(self) -> None:
        """Period and posting window rules; also run on every save, so no script can store a bad notice."""
        errors = {}
        if self.period_unit == PeriodUnit.MONTH and not 1 <= (self.period_number or 0) <= 12:
            errors["period_number"] = _("月度公开的月份应为 1–12")
        elif self.period_unit == PeriodUnit.QUARTER and not 1 <= (self.period_number or 0) <= 4:
            errors["period_number"] = _("季度公开的季度应为 1–4")
        elif self.period_year and self.period_number:
            if not 2000 <= self.period_year <= 2100:
                errors["period_year"] = _("所属年度应为四位年份，例如 2026")
            elif period_start(self.period_year, self.period_unit, self.period_number) > timezone.localdate():
                errors["period_number"] = _("公开期间「%(label)s」还未开始，不能公开将来期间的事项") % {
                    "label": self.period_label
                }
        if self.posting_start and self.posting_end and self.posting_end < self.posting_start:
            errors["posting_end"] = _("张贴结束日期不能早于开始日期")
        if errors:
            raise ValidationError(errors)

    def privacy_findings(self, *, attachments=None):
        """Every full personal number in the title, text, tables, record and attachments."""
        from villages.services.privacy_guard import notice_findings

        if attachments is None:
            attachments = [(a.display_title, a.document) for a in self.attachments.all() if a.document_id]
        return notice_findings(
            title=self.title,
            body=self.body,
            finance_tables=self.finance_tables,
            deliberation=self.deliberation,
            attachments=attachments,
        )

    def save(self, *args, **kwargs):
        if kwargs.get("clean", True) and not kwargs.get("update_fields"):
            self.check_notice_fields()
        if self.village_id is None and self.path:
            parent = self.get_parent()
            if parent is not None:
                self.village_id = (
                    VillageBoardPage.objects.filter(pk=parent.pk).values_list("village_id", flat=True).first()
                )
        return super().save(*args, **kwargs)

    # -- print and search --------------------------------------------------------------
    @path("poster/")
    def poster(self, request):
        from villages.views import notice_poster

        return notice_poster(request, self)

    @classmethod
    def search_candidates(cls):
        """What a rebuild walks: live notices with their village."""
        return cls.objects.live().select_related("village")

    def search_document(self):
        """Public notices on the board or in the archive; never before their posting starts.

        Texts go in masked, so no personal number can reach the index even from an old revision.
        """
        from cms.core import privacy
        from search.documents import SearchDocument

        if not self.live or self.expired or self.posting_start > timezone.localdate():
            return None
        if self.get_view_restrictions().exists():
            return None
        text = privacy.mask_text(strip_tags(self.body or ""))
        return SearchDocument(
            id=f"villages.VillageNoticePage:{self.pk}",
            type="village_notice",
            title=privacy.mask_text(self.title),
            text=text,
            fields={"category": self.category, "kind": self.get_kind_display(), "period": self.period_label},
            village=self.village.name,
            date=self.posting_start,
            url=self.full_url or "",
        )


class VillageNoticeAttachment(Orderable):
    """A file posted with a notice (lists of recipients, invoices); xlsx, csv and docx are scanned."""

    page = ParentalKey(VillageNoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(_("附件名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self) -> str:
        return self.title or (self.document.title if self.document_id else "")
