"""The 3-level disclosure catalog: directory pages, standard catalog items, negative list."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

MAX_CATALOG_LEVEL = 3


class CatalogIndexPage(Page):
    """The township's 政府信息公开 section: the root that holds the level-1 directories."""

    intro = RichTextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.TownshipPage"]
    subpage_types = ["catalog.CatalogDirectoryPage"]
    api_fields = ["intro"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("政府信息公开目录")
        verbose_name_plural = _("政府信息公开目录")


class CatalogDirectoryPage(Page):
    """A directory of the disclosure catalog at level 1, 2 or 3 (一级/二级/三级目录).

    The level follows from the position in the tree, so moving a directory can never
    leave a stale level behind; a fourth level is refused.
    """

    code = models.CharField(_("目录编码"), max_length=40, blank=True)
    description = models.TextField(_("目录说明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("code"), FieldPanel("description")]
    parent_page_types = ["catalog.CatalogIndexPage", "catalog.CatalogDirectoryPage"]
    subpage_types = ["catalog.CatalogDirectoryPage", "disclosure.DisclosureItemPage"]
    api_fields = ["code", "description", "level"]
    search_fields = Page.search_fields + [index.SearchField("description")]

    class Meta:
        verbose_name = _("公开目录")
        verbose_name_plural = _("公开目录")

    @property
    def level(self) -> int:
        """1, 2 or 3: how many directory levels lie between this page and the catalog root."""
        index_page = CatalogIndexPage.objects.ancestor_of(self).only("depth").first()
        if index_page is None:
            return 1
        return self.depth - index_page.depth

    def get_level_display(self) -> str:
        return {1: "一级目录", 2: "二级目录", 3: "三级目录"}.get(self.level, f"{self.level}级目录")

    def clean(self):
        super().clean()
        if self.level > MAX_CATALOG_LEVEL:
            raise ValidationError(_("公开目录最多三级，不能在三级目录下再建目录。"))

    @classmethod
    def can_create_at(cls, parent) -> bool:
        if not super().can_create_at(parent):
            return False
        parent = parent.specific
        if isinstance(parent, CatalogDirectoryPage):
            return parent.level < MAX_CATALOG_LEVEL
        return True

    @property
    def path_names(self) -> list[str]:
        """Titles from level 1 down to this directory."""
        return list(
            CatalogDirectoryPage.objects.ancestor_of(self, inclusive=True)
            .order_by("depth")
            .values_list("title", flat=True)
        )


class CatalogItem(index.Indexed, models.Model):
    """One row of the standard catalog (基层政务公开标准目录).

    The catalog says what a township must disclose, on what basis, how soon and
    through which channels; disclosed items are filed under its directories.
    """

    class Audience(models.TextChoices):
        PUBLIC = "全社会", _("全社会")
        SPECIFIC = "特定群体", _("特定群体")

    class Mode(models.TextChoices):
        PROACTIVE = "主动", _("主动")
        ON_REQUEST = "依申请", _("依申请")

    class Tier(models.TextChoices):
        COUNTY = "县级", _("县级")
        TOWNSHIP = "乡级", _("乡级")

    CHANNELS = [
        "政府网站",
        "政府公报",
        "两微一端",
        "发布会/听证会",
        "广播电视",
        "纸质媒体",
        "公开查阅点",
        "政务服务中心",
        "便民服务站",
        "入户/现场",
        "社区/企事业单位/村公示栏(电子屏)",
        "精准推送",
        "其他",
    ]

    township = models.ForeignKey(
        "core.TownshipPage", on_delete=models.CASCADE, related_name="catalog_items", verbose_name=_("乡镇")
    )
    directory = models.ForeignKey(
        CatalogDirectoryPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalog_items",
        verbose_name=_("所属目录"),
    )
    sequence = models.PositiveIntegerField(_("序号"))
    area = models.CharField(_("一级事项"), max_length=100)
    matter = models.CharField(_("二级事项"), max_length=200)
    content = models.TextField(_("公开内容（要素）"), blank=True)
    basis = models.TextField(_("公开依据"), blank=True)
    time_limit = models.CharField(
        _("公开时限"), max_length=200, blank=True, default="信息形成或者变更之日起20个工作日内"
    )
    subject = models.CharField(_("公开主体"), max_length=200, blank=True)
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    audience = models.CharField(_("公开对象"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    mode = models.CharField(_("公开方式"), max_length=10, choices=Mode.choices, default=Mode.PROACTIVE)
    tier = models.CharField(_("公开层级"), max_length=10, choices=Tier.choices, default=Tier.TOWNSHIP)

    panels = [
        FieldPanel("township"),
        FieldPanel("directory"),
        FieldPanel("sequence"),
        MultiFieldPanel([FieldPanel("area"), FieldPanel("matter")], heading=_("公开事项")),
        FieldPanel("content"),
        FieldPanel("basis"),
        FieldPanel("time_limit"),
        FieldPanel("subject"),
        FieldPanel("channels"),
        FieldPanel("audience"),
        FieldPanel("mode"),
        FieldPanel("tier"),
    ]
    search_fields = [
        index.SearchField("area"),
        index.SearchField("matter"),
        index.SearchField("content"),
        index.FilterField("township"),
    ]

    class Meta:
        verbose_name = _("标准目录事项")
        verbose_name_plural = _("标准目录事项")
        ordering = ["township", "sequence"]
        constraints = [models.UniqueConstraint(fields=["township", "sequence"], name="unique_catalog_item_sequence")]

    def __str__(self) -> str:
        return f"{self.sequence}. {self.area} / {self.matter}"

    def clean(self):
        super().clean()
        unknown = [c for c in self.channels or [] if c not in self.CHANNELS]
        if unknown:
            raise ValidationError({"channels": _("未知的公开渠道：") + "、".join(unknown)})

    def search_document(self):
        """What full-text search indexes for this catalog row; None unless its section is public.

        The row is public when its directory (or, without one, its township) passes the
        shared page rule cms.disclosure.selectors.public_pages: live, not expired, not
        view-restricted, nothing above it unpublished.
        """
        return type(self).search_documents([self])[0]

    @classmethod
    def search_documents(cls, rows):
        """``search_document`` of many rows: their sections and catalog paths in one query each."""
        from cms.catalog.paths import directory_titles
        from cms.disclosure.selectors import public_pages

        rows = list(rows)
        section_ids = {row.directory_id or row.township_id for row in rows}
        sections = {page.pk: page for page in public_pages(Page.objects.filter(pk__in=section_ids))}
        paths = directory_titles(
            [sections[row.directory_id] for row in rows if row.directory_id in sections], inclusive=True
        )
        documents = []
        for row in rows:
            page = sections.get(row.directory_id or row.township_id)
            documents.append(None if page is None else row._search_document(page, paths.get(row.directory_id, [])))
        return documents

    def _search_document(self, page, catalog_path: list[str]):
        from search.documents import SearchDocument

        text = "\n".join(
            part
            for part in (self.content, self.basis, self.time_limit, self.subject, "、".join(self.channels or []))
            if part
        )
        return SearchDocument(
            id=f"{self._meta.label}:{self.pk}",
            type="catalog_item",
            title=f"{self.area}：{self.matter}",
            text=text,
            fields={
                "sequence": self.sequence,
                "area": self.area,
                "audience": self.audience,
                "mode": self.mode,
                "tier": self.tier,
            },
            publisher=self.subject,
            catalog_path=catalog_path,
            url=page.get_full_url() or "",
        )


class NegativeListEntry(index.Indexed, models.Model):
    """A matter that is not disclosed (负面清单), with the legal basis for withholding it.

    Search, the API and exports consult this list: anything on it never goes public.
    """

    township = models.ForeignKey(
        "core.TownshipPage", on_delete=models.CASCADE, related_name="negative_list", verbose_name=_("乡镇")
    )
    matter = models.CharField(_("不予公开事项"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    legal_basis = models.TextField(_("法律依据"))
    directory = models.ForeignKey(
        CatalogDirectoryPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="negative_entries",
        verbose_name=_("相关目录"),
    )

    panels = [
        FieldPanel("township"),
        FieldPanel("matter"),
        FieldPanel("description"),
        FieldPanel("legal_basis"),
        FieldPanel("directory"),
    ]
    search_fields = [index.SearchField("matter"), index.FilterField("township")]

    class Meta:
        verbose_name = _("负面清单事项")
        verbose_name_plural = _("负面清单")
        ordering = ["township", "matter"]

    def __str__(self) -> str:
        return self.matter
