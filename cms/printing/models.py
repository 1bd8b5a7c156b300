"""Booklets built ahead of time: one row per (township, audience, topic, format)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Booklet(models.Model):
    """A printed 一本通 kept ready for download.

    Building a booklet takes seconds, so it is rebuilt in the background after guides
    change (debounced through ``rebuild_requested_at``) and stored as a Wagtail document;
    ``document`` only moves to the new version when that version is complete, so the
    previous one stays downloadable while a rebuild runs.
    """

    AUDIENCES = [("personal", _("个人")), ("enterprise", _("企业"))]
    FORMATS = [("A4", "A4"), ("A5", "A5")]

    township = models.ForeignKey("core.TownshipPage", on_delete=models.CASCADE, related_name="booklets")
    audience = models.CharField(_("服务对象"), max_length=20, choices=AUDIENCES)
    topic = models.CharField(_("主题"), max_length=30, blank=True, help_text=_("留空表示全部主题"))
    page_format = models.CharField(_("纸张规格"), max_length=2, choices=FORMATS, default="A5")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("当前版本文件"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("版本"), default=0)
    built_at = models.DateTimeField(_("生成时间"), null=True, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    guide_count = models.PositiveIntegerField(_("指南数"), default=0)
    page_count = models.PositiveIntegerField(_("页数"), default=0)
    rebuild_requested_at = models.DateTimeField(_("请求重建时间"), null=True, blank=True)
    building_since = models.DateTimeField(_("开始重建时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("一本通")
        verbose_name_plural = _("一本通")
        ordering = ["township", "audience", "topic", "page_format"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "audience", "topic", "page_format"], name="printing_booklet_unique_kind"
            )
        ]

    def __str__(self) -> str:
        from cms.printing.guides import booklet_title

        return f"{booklet_title(self.audience, self.topic or None)}（{self.page_format}）"

    @property
    def title(self) -> str:
        return str(self)

    @property
    def is_stale(self) -> bool:
        return self.rebuild_requested_at is not None

    @property
    def download_path(self) -> str:
        from django.urls import reverse

        if self.topic:
            url = reverse("booklet_topic_download", args=[self.audience, self.topic])
        else:
            url = reverse("booklet_download", args=[self.audience])
        return url if self.page_format == "A5" else f"{url}?format={self.page_format}"
