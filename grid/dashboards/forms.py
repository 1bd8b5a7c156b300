"""The dashboard's filter form: months, breakdown, grid unit and category, with Chinese errors."""

from __future__ import annotations

import datetime as dt
import re

from django import forms

from grid.dashboards.selectors import BREAKDOWNS, DashboardFilter, last_day_of_month, month_range
from grid.models import AppealCategory, GridUnit

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})$")
DEFAULT_MONTHS = 12
MAX_MONTHS = 36


def parse_month(value: str) -> dt.date:
    match = MONTH_PATTERN.match(value.strip())
    if not match:
        raise forms.ValidationError("月份格式应为 YYYY-MM，例如 2026-03")
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise forms.ValidationError("月份超出范围")
    return dt.date(year, month, 1)


def shift_month(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after (or before, when negative) day's month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


class MonthField(forms.CharField):
    """A month typed as YYYY-MM (the value of <input type="month">), cleaned to its first day."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return parse_month(value) if value else None


class DashboardFilterForm(forms.Form):
    """GET parameters of the admin dashboard, the public statistics page and the xlsx export."""

    start = MonthField(label="起始月份")
    end = MonthField(label="截止月份")
    by = forms.ChoiceField(label="统计维度", choices=list(BREAKDOWNS.items()), required=False)
    grid_unit = forms.ModelChoiceField(
        label="网格", queryset=GridUnit.objects.none(), required=False, empty_label="全部网格"
    )
    category = forms.ModelChoiceField(
        label="诉求分类", queryset=AppealCategory.objects.none(), required=False, empty_label="全部分类"
    )

    def __init__(self, *args, township_id: int, public: bool = False, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.township_id = township_id
        self.public = public
        self.today = today
        self.fields["grid_unit"].queryset = GridUnit.objects.filter(township_id=township_id).order_by("code")
        self.fields["grid_unit"].error_messages["invalid_choice"] = "没有这个网格"
        self.fields["category"].queryset = AppealCategory.objects.filter(township_id=township_id).order_by("code")
        self.fields["category"].error_messages["invalid_choice"] = "没有这个诉求分类"
        self.fields["by"].error_messages["invalid_choice"] = "统计维度只能是 按月份、按网格 或 按诉求分类"
        if public:
            # The public page shows months and categories only: no grid, so no confidential hint.
            del self.fields["grid_unit"]
            del self.fields["by"]

    def clean(self):
        data = super().clean()
        default_start, default_end = month_range(DEFAULT_MONTHS, today=self.today)
        end = data.get("end") or default_end.replace(day=1)
        start = data.get("start") or (shift_month(end, -(DEFAULT_MONTHS - 1)) if data.get("end") else default_start)
        if end < start:
            raise forms.ValidationError("截止月份不能早于起始月份")
        if (end.year - start.year) * 12 + end.month - start.month + 1 > MAX_MONTHS:
            raise forms.ValidationError(f"一次最多统计 {MAX_MONTHS} 个月")
        data["start"], data["end"] = start, end
        data["by"] = data.get("by") or "month"
        return data

    def to_filter(self) -> DashboardFilter:
        data = self.cleaned_data
        grid = data.get("grid_unit")
        category = data.get("category")
        return DashboardFilter(
            township_id=self.township_id,
            start=data["start"],
            end=last_day_of_month(data["end"]),
            grid_unit_id=grid.pk if grid else None,
            category_id=category.pk if category else None,
            public=self.public,
        )
