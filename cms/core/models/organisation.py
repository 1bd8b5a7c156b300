"""Publishing organisations (发布机构)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Organisation(index.Indexed, models.Model):
    """An office that issues or publishes documents (发布机构 / 发文机关).

    Kept as data rather than free text so the same publisher is spelt one way on
    every item, can be filtered on, and imports can list the ones they would create.
    """

    name = models.CharField(_("名称"), max_length=120, unique=True)
    short_name = models.CharField(_("简称"), max_length=60, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    document_prefix = models.CharField(_("发文字号前缀"), max_length=30, blank=True, help_text=_("例如 明政发"))

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("credit_code"), FieldPanel("document_prefix")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("发布机构")
        verbose_name_plural = _("发布机构")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
