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
