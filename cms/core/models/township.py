"""The township: the root page of one Wagtail Site, carrying the township's settings."""

import string

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.core.services.index_numbers import validate_pattern

DEFAULT_INDEX_NUMBER_PATTERN = "{org_code}/{year}-{seq:05d}"


class TownshipPage(RoutablePageMixin, Page):
    """Root page of one township's site.

    One Wagtail Site per township lets a county host many townships later; every
    setting that differs between townships (organisation code, index-number pattern,
    the disclosure office of Art. 12) lives here, next to the tree it governs.
    """

    organisation_code = models.CharField(
        _("组织机构代码"), max_length=40, help_text=_("用于生成索引号，例如 01526095-6")
    )
    index_number_pattern = models.CharField(
        _("索引号格式"),
        max_length=120,
        default=DEFAULT_INDEX_NUMBER_PATTERN,
        help_text=_("可用占位符：{org_code} 组织机构代码，{year} 年份，{seq:05d} 补零序号"),
    )
    intro = RichTextField(_("首页简介"), blank=True)
    office_name = models.CharField(_("政务公开工作机构"), max_length=120, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    office_fax = models.CharField(_("传真"), max_length=60, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    office_postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("organisation_code"), FieldPanel("index_number_pattern")],
            heading=_("索引号"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_address"),
                FieldPanel("office_hours"),
                FieldPanel("office_phone"),
                FieldPanel("office_fax"),
                FieldPanel("office_email"),
                FieldPanel("office_postcode"),
            ],
            heading=_("政府信息公开指南（条例第十二条）"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    api_fields = [
        "organisation_code",
        "office_name",
        "office_address",
        "office_hours",
        "office_phone",
        "office_fax",
        "office_email",
        "office_postcode",
    ]

    class Meta:
        verbose_name = _("乡镇首页")
        verbose_name_plural = _("乡镇首页")

    def clean(self):
        super().clean()
        try:
            validate_pattern(self.index_number_pattern)
        except ValueError as exc:
            raise ValidationError({"index_number_pattern": str(exc)}) from exc
        if "year" not in {f for _, f, _, _ in string.Formatter().parse(self.index_number_pattern) if f}:
            # Sequences restart every year: without {year} the numbers of two years would collide.
            raise ValidationError(
                {"index_number_pattern": _("索引号格式必须包含年份占位符 {year}：序号每年从1重新开始，否则会重复")}
            )

    @path("guide/", name="guide")
    def guide(self, request):
        """政府信息公开指南 (条例第十二条): the office's name, address, hours, phone, fax, email."""
        return self.render(request, template="core/township_guide.html")

    @property
    def guide_url(self) -> str:
        """Path of the 指南 on the township's own site (templates render it on that site)."""
        parts = self.get_url_parts()
        page_path = parts[2] if parts else "/"
        return page_path + self.reverse_subpage("guide").lstrip("/")

    @classmethod
    def for_page(cls, page: Page) -> "TownshipPage | None":
        """The township a page belongs to (the page itself if it is one)."""
        return cls.objects.ancestor_of(page, inclusive=True).first()
