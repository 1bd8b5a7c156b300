"""Service guides (办事指南): one page per public service with the fixed element set.

Field names are part of the contract with cms.printing (booklets, posters) and the API;
keep them stable:

ServiceGuidePage: title (事项名称), code, item_type, implementer, for_personal,
for_enterprise, topic, legal_basis, conditions, location, window, office_hours, phone,
complaint_phone, legal_time_limit, promised_time_limit, fees, visits, delivery, online_url,
notes; ``materials`` (GuideMaterial rows) and ``steps`` (GuideStep rows), both ordered by
``sort_order``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.guides.completeness import missing_required_elements
from cms.guides.forms import ServiceGuidePageForm


class Topic(models.TextChoices):
    """主题: how guides are grouped on the index page and in the booklets."""

    SOCIAL_ASSISTANCE = "social_assistance", _("社会救助")
    SOCIAL_SECURITY = "social_security", _("社会保障")
    HOUSEHOLD = "household", _("户籍")
    AGRICULTURE = "agriculture", _("农业")
    MARKET = "market", _("市场监管")
    HOUSING = "housing", _("建房")
    CIVIL_AFFAIRS = "civil_affairs", _("民政")
    HEALTH = "health", _("医疗卫生")
    FAMILY = "family", _("生育服务")
    EMPLOYMENT = "employment", _("就业创业")
    DISABILITY = "disability", _("残疾人服务")
    VETERANS = "veterans", _("退役军人")
    EDUCATION = "education", _("教育")
    FORESTRY = "forestry", _("林业")
    OTHER = "other", _("其他")


class ItemType(models.TextChoices):
    """事项类型 as the provincial service catalogues name them."""

    LICENSING = "行政许可", _("行政许可")
    BENEFIT = "行政给付", _("行政给付")
    CONFIRMATION = "行政确认", _("行政确认")
    PUBLIC_SERVICE = "公共服务", _("公共服务")
    OTHER_POWER = "其他行政权力", _("其他行政权力")


class Audience(models.TextChoices):
    """服务对象 as a filter value; a guide may serve both."""

    PERSONAL = "personal", _("个人")
    ENTERPRISE = "enterprise", _("企业")


class OriginalOrCopy(models.TextChoices):
    ORIGINAL = "原件", _("原件")
    COPY = "复印件", _("复印件")
    BOTH = "原件和复印件", _("原件和复印件")


class Medium(models.TextChoices):
    PAPER = "纸质", _("纸质")
    ELECTRONIC = "电子", _("电子")
    EITHER = "纸质或电子", _("纸质或电子")


class ServiceGuideIndexPage(Page):
    """The township's 办事指南 section: lists its guides by audience (个人/企业) and topic."""

    intro = RichTextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.TownshipPage"]
    subpage_types = ["guides.ServiceGuidePage"]
    max_count_per_parent = 1
    api_fields = ["intro"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("办事指南栏目")
        verbose_name_plural = _("办事指南栏目")

    def get_context(self, request, *args, **kwargs):
        from cms.guides import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(
            selectors.index_listing(self, audience=request.GET.get("audience"), topic=request.GET.get("topic"))
        )
        return context


class ServiceGuidePage(RoutablePageMixin, Page):
    """One public service (办事事项) with every element the national guide standard requires.

    Drafts may be incomplete; publishing is refused while any of the 8 required categories
    (事项名称, 设定依据, 申请条件, 办理材料, 办理地点, 办理时间, 联系电话, 办理流程) is empty —
    see cms.guides.completeness.
    """

    code = models.CharField(_("事项编码"), max_length=60, blank=True, db_index=True)
    item_type = models.CharField(
        _("事项类型"), max_length=20, choices=ItemType.choices, default=ItemType.PUBLIC_SERVICE
    )
    implementer = models.CharField(_("实施主体"), max_length=120, blank=True)
    for_personal = models.BooleanField(_("面向个人"), default=True)
    for_enterprise = models.BooleanField(_("面向企业"), default=False)
    topic = models.CharField(_("主题"), max_length=30, choices=Topic.choices, default=Topic.OTHER, db_index=True)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("受理条件"), blank=True, help_text=_("即申请条件"))
    location = models.CharField(_("办理地点"), max_length=200, blank=True)
    window = models.CharField(_("办理窗口"), max_length=100, blank=True)
    office_hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=60, blank=True)
    legal_time_limit = models.PositiveSmallIntegerField(_("法定办结时限（工作日）"), null=True, blank=True)
    promised_time_limit = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"), null=True, blank=True)
    fees = models.CharField(_("收费标准"), max_length=200, blank=True, help_text=_("不收费请填写“不收费”"))
    visits = models.PositiveSmallIntegerField(_("到现场次数"), null=True, blank=True, help_text=_("0 表示全程网办"))
    delivery = models.CharField(_("结果送达"), max_length=200, blank=True)
    online_url = models.URLField(_("网上办理地址"), max_length=300, blank=True)
    notes = models.TextField(_("其他说明"), blank=True)

    base_form_class = ServiceGuidePageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("item_type")]),
                FieldRowPanel([FieldPanel("implementer"), FieldPanel("topic")]),
                FieldRowPanel([FieldPanel("for_personal"), FieldPanel("for_enterprise")]),
            ],
            heading=_("基本信息"),
        ),
        FieldPanel("legal_basis"),
        FieldPanel("conditions"),
        InlinePanel("materials", label=_("办理材料")),
        InlinePanel("steps", label=_("办理流程")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("location"), FieldPanel("window")]),
                FieldPanel("office_hours"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("complaint_phone")]),
            ],
            heading=_("办理地点与联系方式"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("legal_time_limit"), FieldPanel("promised_time_limit")]),
                FieldRowPanel([FieldPanel("fees"), FieldPanel("visits")]),
                FieldRowPanel([FieldPanel("delivery"), FieldPanel("online_url")]),
                FieldPanel("notes"),
            ],
            heading=_("时限、收费与送达"),
        ),
    ]
    parent_page_types = ["guides.ServiceGuideIndexPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [
        index.SearchField("legal_basis"),
        index.SearchField("conditions"),
        index.SearchField("code"),
        index.FilterField("topic"),
        index.FilterField("for_personal"),
        index.FilterField("for_enterprise"),
    ]
    api_fields = [
        "code",
        "item_type",
        "implementer",
        "for_personal",
        "for_enterprise",
        "topic",
        "legal_basis",
        "conditions",
        "location",
        "window",
        "office_hours",
        "phone",
        "complaint_phone",
        "legal_time_limit",
        "promised_time_limit",
        "fees",
        "visits",
        "delivery",
        "online_url",
        "notes",
    ]

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")

    def clean(self):
        super().clean()
        errors = {}
        if not self.for_personal and not self.for_enterprise:
            errors["for_personal"] = _("服务对象至少选择“个人”或“企业”之一")
        if (
            self.legal_time_limit is not None
            and self.promised_time_limit is not None
            and self.promised_time_limit > self.legal_time_limit
        ):
            errors["promised_time_limit"] = _("承诺办结时限不能长于法定办结时限")
        if errors:
            raise ValidationError(errors)

    # -- derived values ---------------------------------------------------------------
    @property
    def audiences(self) -> list[str]:
        """Audience tokens ("personal", "enterprise") this guide serves."""
        return [
            a for a, on in ((Audience.PERSONAL, self.for_personal), (Audience.ENTERPRISE, self.for_enterprise)) if on
        ]

    @property
    def audience_display(self) -> str:
        """个人 / 企业 / 个人,企业 — the import/export spelling."""
        return ",".join(str(Audience(a).label) for a in self.audiences)

    @property
    def missing_elements(self) -> list[str]:
        """Chinese names of the required categories still empty (publishing is refused while any is)."""
        return missing_required_elements(self)

    @property
    def is_complete(self) -> bool:
        return not self.missing_elements

    # -- public serving ---------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        from cms.guides import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.guide_detail(self, request))
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The single guide as PDF, rendered by the shared printing service (cms.printing.guides)."""
        from cms.guides.views import guide_pdf

        return guide_pdf(request, self)

    def publish(self, revision, *args, **kwargs):
        """Every publishing path (admin, workflow approve, API, bulk, schedule) ends here: refuse incomplete guides."""
        from cms.guides.completeness import incomplete_message
        from cms.guides.exceptions import GuideIncompleteError

        missing = missing_required_elements(revision.as_object())
        if missing:
            raise GuideIncompleteError(incomplete_message(missing), missing)
        return super().publish(revision, *args, **kwargs)

    @classmethod
    def search_candidates(cls):
        """What a rebuild walks: live guides with their materials and steps, fetched per batch."""
        from django.db.models import Prefetch

        return cls.objects.live().prefetch_related(
            Prefetch("materials", queryset=GuideMaterial.objects.order_by("sort_order", "pk")),
            Prefetch("steps", queryset=GuideStep.objects.order_by("sort_order", "pk")),
        )

    def search_document(self):
        from cms.guides.search import guide_search_document

        return guide_search_document(self)


class GuideMaterial(Orderable):
    """One row of 办理材料: what to bring, in which form, how many, from where."""

    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("材料名称"), max_length=200)
    original_or_copy = models.CharField(
        _("原件/复印件"), max_length=10, choices=OriginalOrCopy.choices, default=OriginalOrCopy.ORIGINAL
    )
    medium = models.CharField(_("纸质/电子"), max_length=10, choices=Medium.choices, default=Medium.PAPER)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    source = models.CharField(_("来源渠道"), max_length=200, blank=True, help_text=_("例如：申请人自备、公安机关核发"))
    required = models.BooleanField(_("是否必需"), default=True)
    blank_form = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("空白表"),
    )
    sample_form = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("样表"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("original_or_copy"), FieldPanel("medium"), FieldPanel("copies")]),
        FieldRowPanel([FieldPanel("source"), FieldPanel("required")]),
        FieldRowPanel([FieldPanel("blank_form"), FieldPanel("sample_form")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]  # rows written without a position keep their entry order
        verbose_name = _("办理材料")
        verbose_name_plural = _("办理材料")

    def __str__(self) -> str:
        return self.name


class GuideStep(Orderable):
    """One step of 办理流程, shown as a step diagram on the web and in print."""

    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("环节名称"), max_length=100)
    description = models.TextField(_("办理说明"), blank=True)
    time_limit = models.CharField(_("办理时限"), max_length=60, blank=True, help_text=_("例如：即时办结、3个工作日"))

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("time_limit")]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]  # rows written without a position keep their entry order
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")

    def __str__(self) -> str:
        return self.name
