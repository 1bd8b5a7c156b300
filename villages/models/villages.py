"""Villages of a township: administrative villages (行政村) and natural villages (自然村)."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Village(models.Model):
    """An administrative village (行政村): the unit that posts 村务公开 notices.

    Each village has its own notice board page and its own groups of secretaries and
    supervision-committee members, so permissions can be scoped to one village.
    """

    township = models.ForeignKey(
        "core.TownshipPage", on_delete=models.CASCADE, related_name="villages", verbose_name=_("乡镇")
    )
    code = models.CharField(_("村代码"), max_length=20, help_text=_("统计用区划代码，例如 530581104201"))
    name = models.CharField(_("村名"), max_length=60)
    households = models.PositiveIntegerField(_("户数"), default=0)
    population = models.PositiveIntegerField(_("人口"), default=0)
    secretaries_group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="secretaries_of_village",
        verbose_name=_("村务公开员用户组"),
    )
    committee_group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="committee_of_village",
        verbose_name=_("村务监督委员会用户组"),
    )

    panels = [
        FieldPanel("township"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("households"),
        FieldPanel("population"),
    ]

    class Meta:
        verbose_name = _("行政村")
        verbose_name_plural = _("行政村")
        ordering = ["township", "code"]
        constraints = [
            models.UniqueConstraint(fields=["township", "code"], name="unique_village_code"),
            models.UniqueConstraint(fields=["township", "name"], name="unique_village_name"),
        ]

    def __str__(self) -> str:
        return self.name


class NaturalVillage(models.Model):
    """A natural village (自然村 / 村民小组) inside an administrative village.

    Grid units of the grid module each cover one natural village.
    """

    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="natural_villages", verbose_name=_("行政村")
    )
    code = models.CharField(_("自然村代码"), max_length=20, blank=True)
    name = models.CharField(_("自然村名"), max_length=60)
    households = models.PositiveIntegerField(_("户数"), default=0)
    population = models.PositiveIntegerField(_("人口"), default=0)

    panels = [
        FieldPanel("village"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("households"),
        FieldPanel("population"),
    ]

    class Meta:
        verbose_name = _("自然村")
        verbose_name_plural = _("自然村")
        ordering = ["village", "name"]
        constraints = [models.UniqueConstraint(fields=["village", "name"], name="unique_natural_village_name")]

    def __str__(self) -> str:
        return f"{self.village.name}{self.name}"
