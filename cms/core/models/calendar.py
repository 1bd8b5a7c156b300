"""The working-day calendar as editable data (holidays and make-up workdays)."""

from django.core.exceptions import ValidationError
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

    def clean(self) -> None:
        super().clean()
        if self.pk and self.year is not None:
            previous = CalendarYear.objects.filter(pk=self.pk).values_list("year", flat=True).first()
            if previous is not None and previous != self.year and self.days.exists():
                raise ValidationError({"year": _("该年度已有节假日/调休日记录，不能修改年份；请新建年度。")})


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

    def clean(self) -> None:
        super().clean()
        if self.date is None or self.year_id is None:
            return
        if self.date.year != self.year.year:
            raise ValidationError({"date": _("日期必须在所选年度（%(year)s年）之内。") % {"year": self.year.year}})
        is_weekend = self.date.weekday() >= 5
        if self.kind == self.Kind.HOLIDAY and is_weekend:
            raise ValidationError({"kind": _("周六、周日本来就休息，不必登记为节假日。")})
        if self.kind == self.Kind.WORKDAY and not is_weekend:
            raise ValidationError({"kind": _("周一至周五本来就上班，不必登记为调休工作日。")})

    @property
    def weekday_label(self) -> str:
        """周一…周日, for the admin listing."""
        return f"周{'一二三四五六日'[self.date.weekday()]}" if self.date else ""
