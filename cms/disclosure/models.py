"""Disclosed items (政府信息) with their fixed metadata, policy documents and interpretations."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.services import workdays

_BRACKETS = re.compile(r"[\[［【〔(（]\s*(\d{4})\s*[\]］】〕)）]")


def normalise_document_number(value: str) -> str:
    """文号 with its year in 〔〕: 富政办发[2018]60号 → 富政办发〔2018〕60号."""
    value = (value or "").strip()
    if not value:
        return ""
    value = _BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", value)
    return re.sub(r"\s+", "", value)


class DisclosureMode(models.TextChoices):
    PROACTIVE = "主动公开", _("主动公开")
    ON_REQUEST = "依申请公开", _("依申请公开")
    NOT_DISCLOSED = "不予公开", _("不予公开")


# Information released only to an applicant (依申请公开) or not at all (不予公开) is never
# shown to the public: not on pages, in the API, in search or in exports.
WITHHELD_MODES = (DisclosureMode.ON_REQUEST, DisclosureMode.NOT_DISCLOSED)


def withheld_q(prefix: str = "") -> models.Q:
    """Items that are never public: withheld modes or on the negative list.

    `prefix` is the relation path when filtering a queryset of another model,
    e.g. "disclosureitempage__" on a Page queryset.
    """
    return models.Q(**{f"{prefix}disclosure_mode__in": WITHHELD_MODES}) | models.Q(
        **{f"{prefix}negative_list_entry__isnull": False}
    )


class Validity(models.TextChoices):
    IN_FORCE = "现行有效", _("现行有效")
    REPEALED = "已废止", _("已废止")
    EXPIRED = "已失效", _("已失效")


class Scope(models.TextChoices):
    FULL = "全部公开", _("全部公开")
    PARTIAL = "部分公开", _("部分公开")


class ItemKind(models.TextChoices):
    ITEM = "item", _("政府信息")
    POLICY = "policy", _("政策文件")
    INTERPRETATION = "interpretation", _("政策解读")
    ANNUAL_REPORT = "annual_report", _("年度报告")


class DisclosureItemPage(Page):
    """One piece of government information published in a catalog directory.

    Carries the fixed metadata every county and township site shows (索引号, 发布机构,
    文号, dates, validity …). The index number is allocated at first publish and never
    changes; a policy document and its interpretations point at each other.
    """

    index_number = models.CharField(_("索引号"), max_length=80, blank=True, db_index=True, editable=False)
    kind = models.CharField(_("信息类别"), max_length=20, choices=ItemKind.choices, default=ItemKind.ITEM)
    publisher = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="items", verbose_name=_("发布机构")
    )
    topic = models.CharField(_("主题分类"), max_length=60, blank=True)
    document_number = models.CharField(_("文号"), max_length=80, blank=True)
    created_on = models.DateField(_("成文日期"))
    disclosed_on = models.DateField(_("公开日期"), null=True, blank=True, help_text=_("留空则在发布时取当天"))
    disclosure_mode = models.CharField(
        _("公开方式"), max_length=10, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    scope = models.CharField(_("公开范围"), max_length=10, choices=Scope.choices, default=Scope.FULL)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.IN_FORCE)
    validity_date = models.DateField(_("废止/失效日期"), null=True, blank=True)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    is_normative = models.BooleanField(_("规范性文件"), default=False)
    summary = models.TextField(_("内容概述"), blank=True)
    body = RichTextField(_("正文"), blank=True)
    interpreted_document = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpretations",
        verbose_name=_("所解读的政策文件"),
        help_text=_("仅政策解读填写"),
    )
    negative_list_entry = models.ForeignKey(
        "catalog.NegativeListEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("负面清单事项"),
        help_text=_("属于负面清单的信息永不对外公开"),
    )
    view_count = models.PositiveIntegerField(_("浏览量"), default=0, editable=False)

    # A copy is a new piece of information: it gets its own number at its own first publish.
    exclude_fields_in_copy = ["index_number", "view_count"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("topic")]),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("document_number")]),
                FieldRowPanel([FieldPanel("created_on"), FieldPanel("disclosed_on")]),
                FieldRowPanel([FieldPanel("disclosure_mode"), FieldPanel("scope")]),
                FieldRowPanel([FieldPanel("validity"), FieldPanel("validity_date")]),
                FieldRowPanel([FieldPanel("keywords"), FieldPanel("is_normative")]),
                FieldPanel("interpreted_document"),
                FieldPanel("negative_list_entry"),
            ],
            heading=_("公开要素"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
    ]
    parent_page_types = ["catalog.CatalogDirectoryPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("document_number"),
        index.SearchField("keywords"),
        index.FilterField("disclosure_mode"),
        index.FilterField("validity"),
    ]
    api_fields = [
        "index_number",
        "kind",
        "topic",
        "document_number",
        "created_on",
        "disclosed_on",
        "disclosure_mode",
        "scope",
        "validity",
        "validity_date",
        "keywords",
        "is_normative",
        "summary",
        "body",
        "view_count",
    ]

    class Meta:
        verbose_name = _("公开信息")
        verbose_name_plural = _("公开信息")
        constraints = [
            # Belt and braces behind the sequence: no two items may ever share a number.
            models.UniqueConstraint(
                fields=["index_number"], condition=~models.Q(index_number=""), name="unique_index_number"
            )
        ]

    # -- invariants -------------------------------------------------------------------
    def clean(self):
        super().clean()
        self.document_number = normalise_document_number(self.document_number)
        errors = {}
        if self.disclosed_on and self.created_on and self.disclosed_on < self.created_on:
            errors["disclosed_on"] = _("公开日期不能早于成文日期")
        if self.validity != Validity.IN_FORCE and not self.validity_date:
            errors["validity_date"] = _("已废止或已失效的信息须填写废止/失效日期")
        if self.interpreted_document_id and self.kind != ItemKind.INTERPRETATION:
            errors["interpreted_document"] = _("只有政策解读可以关联所解读的政策文件")
        if self.interpreted_document_id and self.interpreted_document_id == self.pk:
            errors["interpreted_document"] = _("不能解读自身")
        elif self.interpreted_document_id and self.kind == ItemKind.INTERPRETATION:
            target_kind = (
                type(self).objects.filter(pk=self.interpreted_document_id).values_list("kind", flat=True).first()
            )
            if target_kind != ItemKind.POLICY:
                errors["interpreted_document"] = _("所解读的文件须为“政策文件”类别")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        from cms.disclosure import services

        self.document_number = normalise_document_number(self.document_number)
        with transaction.atomic():
            if self.pk:
                # 索引号 is immutable: a stale form or revision can never clear or change it.
                stored = type(self).objects.filter(pk=self.pk).values_list("index_number", "disclosed_on").first()
                if stored and stored[0]:
                    self.index_number = stored[0]
                    # Once disclosed, 公开日期 may be corrected but never cleared.
                    self.disclosed_on = self.disclosed_on or stored[1]
            if self.is_being_published(update_fields=kwargs.get("update_fields")):
                # The save that makes the page live carries its number: both commit together.
                services.item_assign_index_number(item=self)
            return super().save(*args, **kwargs)

    def is_being_published(self, *, update_fields=None) -> bool:
        """True for the full save PublishRevisionAction makes when the page goes live unnumbered."""
        return bool(self.pk and self.live and self.live_revision_id and not self.index_number and update_fields is None)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # Revisions saved before the number was allocated must not clear it on publish.
        obj.index_number = self.index_number
        obj.view_count = self.view_count
        obj.disclosed_on = obj.disclosed_on or self.disclosed_on
        return obj

    # -- public serving ---------------------------------------------------------------
    def serve(self, request, *args, **kwargs):
        """Withheld information is never served, whatever its page state; live GETs count as views."""
        from cms.disclosure import selectors, services

        if self.is_withheld or self.is_past_expiry or selectors.has_hidden_ancestor(self):
            raise Http404("该信息不予公开或已过期")
        if request.method == "GET":
            self.view_count = services.item_record_view(item=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from cms.disclosure import selectors

        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = list(self.attachments.select_related("document"))
        context["interpretations"] = list(selectors.public_interpretations(self))
        context["policy"] = selectors.public_policy_of(self)
        context["breadcrumbs"] = selectors.breadcrumb_pages(self)
        return context

    # -- derived values ---------------------------------------------------------------
    @property
    def timeliness_working_days(self) -> int | None:
        """Working days from 成文日期 to 公开日期 (条例第二十六条: at most 20)."""
        if not self.created_on or not self.disclosed_on:
            return None
        return workdays.working_days_between(self.created_on, self.disclosed_on)

    @property
    def is_late(self) -> bool:
        days = self.timeliness_working_days
        return days is not None and days > settings.DISCLOSURE_TIMELINESS_WORKING_DAYS

    @property
    def is_past_expiry(self) -> bool:
        """Expired, or past 到期时间 although the scheduler has not unpublished it yet."""
        return self.expired or (self.expire_at is not None and self.expire_at <= timezone.now())

    @property
    def is_withheld(self) -> bool:
        """Never public whatever its page state: 不予公开 or on the negative list."""
        return self.disclosure_mode in WITHHELD_MODES or self.negative_list_entry_id is not None

    # -- search (issue 3) -------------------------------------------------------------
    SEARCH_TYPES = {
        ItemKind.ITEM: "disclosure_item",
        ItemKind.POLICY: "policy_document",
        ItemKind.INTERPRETATION: "interpretation",
        ItemKind.ANNUAL_REPORT: "annual_report",
    }

    @classmethod
    def search_candidates(cls):
        """What a rebuild walks: live items with what their documents read, fetched per batch."""
        from django.db.models import Prefetch

        attachments = DisclosureAttachment.objects.select_related("document").order_by("sort_order", "pk")
        return cls.objects.live().select_related("publisher").prefetch_related(Prefetch("attachments", attachments))

    def search_document(self):
        """What full-text search indexes for this item; None while it is not public.

        The one public rule (cms.disclosure.selectors.is_public) decides: drafts,
        private or view-restricted, expired and withheld items (依申请公开, 不予公开,
        negative list) are never indexed. Items carry no personal data fields, so
        nothing is left out for that reason; a future field holding personal data
        (an applicant's name, ID-card or phone number) must stay out of `fields`/`text`.
        """
        from cms.catalog.paths import directory_titles
        from cms.disclosure import selectors

        if not self.pk or self.is_withheld or not selectors.is_public(self):
            return None
        return self._search_document(directory_titles([self])[self.pk])

    @classmethod
    def search_documents(cls, items):
        """``search_document`` of many items with the same rule, in a few queries per batch (rebuilds)."""
        from cms.catalog.paths import directory_titles
        from cms.disclosure import selectors

        items = list(items)
        public = set(selectors.public_items().filter(pk__in=[i.pk for i in items]).values_list("pk", flat=True))
        shown = [item for item in items if item.pk in public and not item.is_withheld]
        paths = directory_titles(shown)
        return [item._search_document(paths[item.pk]) if item.pk in paths else None for item in items]

    def _search_document(self, catalog_path: list[str]):
        from wagtail.rich_text import get_text_for_indexing

        from search.documents import SearchDocument
        from search.extract import attachments_text

        attachments = attachments_text(a.document for a in self.attachments.all())
        text = "\n".join(part for part in (self.summary, get_text_for_indexing(self.body or ""), attachments) if part)
        dates = {name: getattr(self, name) for name in ("created_on", "disclosed_on", "validity_date")}
        fields = {
            "index_number": self.index_number,
            "document_number": self.document_number,
            "validity": self.validity,
            "disclosure_mode": self.disclosure_mode,
            "kind": self.get_kind_display(),
            "topic": self.topic,
            "keywords": self.keywords,
            **{name: value.isoformat() for name, value in dates.items() if value},
        }
        return SearchDocument(
            id=f"{self._meta.label}:{self.pk}",
            type=self.SEARCH_TYPES.get(self.kind, "disclosure_item"),
            title=self.title,
            text=text,
            fields={key: value for key, value in fields.items() if value},
            publisher=self.publisher.name if self.publisher_id else "",
            catalog_path=catalog_path,
            date=self.disclosed_on or self.created_on,
            url=self.get_full_url() or "",
        )


class DisclosureAttachment(Orderable):
    """A file attached to a disclosed item (Wagtail document), shown for download."""

    page = ParentalKey(DisclosureItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title
