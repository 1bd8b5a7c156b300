"""The working-day calendar as editable data (holidays and make-up workdays)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class CalendarYear(models.Model):
    """One year of the official holiday arrangement (国务院办公厅放假安排).

    A year exists once its arrangement is known; a missing next year raises an admin
    warning because every deadline past 31 December would silently assume Mon–Fri.
    """

    year = models.PositiveIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=200, blank=True, help_text=_("例如 国办发明电〔2025〕7号"))
    notes = models.TextField(_("备注"), blank=True)

    panels = [FieldPanel("year"), FieldPanel("source"), FieldPanel("notes")]

    class Meta:
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历年度")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    """A date that differs from the Mon–Fri rule: a holiday or a make-up workday (调休)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日")
        WORKDAY = "workday", _("调休工作日")

    year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name=_("年度"))
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=40, blank=True, help_text=_("例如 国庆节"))

    panels = [FieldPanel("year"), FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        verbose_name = _("节假日/调休日")
        verbose_name_plural = _("节假日/调休日")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()
