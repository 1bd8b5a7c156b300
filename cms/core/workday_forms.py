"""The two working-day calculator forms, shared by the API, the public page and the admin page.

Field names are the API's query parameters (start, days, from, to), so a page URL such as
/workdays/?start=2026-09-30&days=5 and the API call /api/workdays?start=2026-09-30&days=5
accept and refuse exactly the same input, with the same Chinese messages.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from cms.core.services import workdays

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
DATE_HELP = "格式：YYYY-MM-DD，例如 2026-09-30"


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        help_text=DATE_HELP,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"请填写{label}",
            "invalid": f"{label}不是有效的日期，请按 YYYY-MM-DD 填写，例如 2026-09-30",
        },
    )


class WorkdayForm(forms.Form):
    """Base for the calculators: runs the service in clean() and keeps its answer."""

    answer = None

    def compute(self, data: dict):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                self.answer = self.compute(data)
            except workdays.WorkdayInputError as exc:
                raise ValidationError(str(exc)) from exc
        return data

    def error_text(self) -> str:
        """Every error in one line, each prefixed by its parameter name (the messages name the field)."""
        parts = []
        for name, errors in self.errors.items():
            for message in errors:
                if name == NON_FIELD_ERRORS:
                    parts.append(message)
                else:
                    parts.append(f"{name}：{message}")
        return "；".join(parts)


class DueDateForm(WorkdayForm):
    """Start date + N working days → due date (the start date is day 0)."""

    start = _date_field("起算日期")
    days = forms.IntegerField(
        label="工作日数",
        min_value=0,
        max_value=workdays.MAX_DAYS,
        help_text=f"0 到 {workdays.MAX_DAYS} 之间的整数；起算日期当天为第 0 天",
        error_messages={
            "required": "请填写工作日数",
            "invalid": "工作日数须为整数",
            "min_value": "工作日数不能为负数",
            "max_value": f"工作日数不能超过 {workdays.MAX_DAYS} 天",
        },
    )

    def compute(self, data: dict) -> workdays.DueDateAnswer:
        return workdays.due_date_answer(start=data["start"], days=data["days"])


class WorkingDaysForm(WorkdayForm):
    """From + to → working days after `from` up to and including `to` (negative if to < from)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # `from` is a Python keyword, so the field is added by name instead of declared.
        self.fields["from"] = _date_field("起始日期")
        self.fields["to"] = _date_field("截止日期")

    def compute(self, data: dict) -> workdays.WorkingDaysAnswer:
        return workdays.working_days_answer(start=data["from"], end=data["to"])
