"""Storage of the embedded search index (used when no ELASTICSEARCH_URL is configured).

`IndexedDocument` keeps one SearchDocument per row with its filter columns and the
normalised text phrases are checked against. The tokens themselves live where the
database can rank them, added by raw SQL in migration 0002:

* SQLite: the FTS5 table ``sitesearch_fts(title, text)`` whose rowid is the document's id
  (a trigger removes its row when the document row is deleted);
* PostgreSQL: the ``search_vector tsvector`` column of this table with a GIN index
  (title tokens weighted A, text tokens B).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedDocument(models.Model):
    """One searchable document of one site in the embedded index."""

    site = models.CharField(_("站点"), max_length=100, default="default")
    doc_id = models.CharField(_("文档标识"), max_length=255)
    type = models.CharField(_("类型"), max_length=100)
    title = models.TextField(_("标题"))
    text = models.TextField(_("正文"), blank=True)
    fields = models.JSONField(_("结构化字段"), default=dict, blank=True)
    publisher = models.CharField(_("发布机构"), max_length=255, blank=True)
    catalog_path = models.JSONField(_("目录路径"), default=list, blank=True)
    catalog_key = models.CharField(_("目录路径键"), max_length=1000, blank=True)
    village = models.CharField(_("村"), max_length=255, blank=True)
    date = models.DateField(_("日期"), null=True, blank=True)
    year = models.IntegerField(_("年份"), null=True, blank=True)
    validity = models.CharField(_("有效性"), max_length=20, blank=True)
    url = models.CharField(_("网址"), max_length=1000, blank=True)
    norm_title = models.TextField(_("规范化标题"), blank=True)
    norm_text = models.TextField(_("规范化正文"), blank=True)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("索引文档")
        verbose_name_plural = _("索引文档")
        constraints = [models.UniqueConstraint(fields=["site", "doc_id"], name="sitesearch_unique_doc_per_site")]
        indexes = [
            models.Index(fields=["site", "date"], name="sitesearch_site_date"),
            models.Index(fields=["site", "type"], name="sitesearch_site_type"),
        ]

    def __str__(self) -> str:
        return f"{self.doc_id} {self.title}"


class OutboxOperation(models.TextChoices):
    INDEX = "index", _("写入索引")
    DELETE = "delete", _("移出索引")


class SearchOutbox(models.Model):
    """A pending index operation, written in the same transaction as the content change.

    The indexing task drains it; when the search backend is unreachable the rows stay
    (with the attempt count and last error) and the periodic replay catches up, so
    publishing never waits on or fails because of the index. The task recomputes the
    document from the database, so `op` records the intent but never stale content.
    """

    site = models.CharField(_("站点"), max_length=100, default="default")
    doc_id = models.CharField(_("文档标识"), max_length=255)
    op = models.CharField(_("操作"), max_length=10, choices=OutboxOperation.choices, default=OutboxOperation.INDEX)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_attempt = models.DateTimeField(_("最近尝试时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待索引操作")
        verbose_name_plural = _("待索引操作")
        ordering = ["id"]
        indexes = [models.Index(fields=["site", "doc_id"], name="sitesearch_outbox_doc")]

    def __str__(self) -> str:
        return f"{self.get_op_display()} {self.doc_id}"


class SynonymGroup(models.Model):
    """One group of interchangeable search terms (低保, 最低生活保障 …) that editors maintain.

    Used at query time (no reindex needed); seeded from search/data/synonyms.txt.
    """

    terms = models.CharField(
        _("同义词"),
        max_length=500,
        help_text=_("一组可互相替换的检索词，用逗号（, 或 ，）或顿号分隔，例如：低保，最低生活保障"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.terms

    def clean(self):
        from django.core.exceptions import ValidationError

        from search.text import parse_synonyms

        if not parse_synonyms([self.terms.replace("\n", ",")]):
            raise ValidationError({"terms": _("一组同义词至少需要两个不同的检索词")})


class SearchIndexRebuild(models.Model):
    """One finished `rebuild_search_index` run, for the index status page (最近重建)."""

    site = models.CharField(_("站点"), max_length=100, default="default")
    finished_at = models.DateTimeField(_("完成时间"), auto_now_add=True)
    documents = models.PositiveIntegerField(_("文档数"))
    seconds = models.FloatField(_("耗时（秒）"))
    backend = models.CharField(_("后端"), max_length=100)

    class Meta:
        verbose_name = _("索引重建记录")
        verbose_name_plural = _("索引重建记录")
        ordering = ["-finished_at"]

    def __str__(self) -> str:
        return f"{self.site} {self.finished_at:%Y-%m-%d %H:%M} {self.documents}"
