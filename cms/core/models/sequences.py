"""Counters that must never hand out the same number twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexNumberSequence(models.Model):
    """The last index-number sequence used per township and year.

    Allocation locks this row (SELECT … FOR UPDATE), so concurrent publishes of
    many items still receive distinct, gap-free numbers.
    """

    township = models.ForeignKey("core.TownshipPage", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("索引号序列")
        verbose_name_plural = _("索引号序列")
        constraints = [models.UniqueConstraint(fields=["township", "year"], name="unique_index_sequence")]

    def __str__(self) -> str:
        return f"{self.township_id}/{self.year}: {self.last_value}"
