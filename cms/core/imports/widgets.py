"""Cell converters for spreadsheet imports, with the Chinese messages editors read.

import-export turns a ValueError raised by a widget into a row error on that column;
these widgets raise only messages that say what is wrong and what is expected, e.g.
"日期格式有误「2026-13-01」，应为 YYYY-MM-DD".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from import_export import widgets

REQUIRED_MESSAGE = "必填，不能为空"
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
LIST_SEPARATORS = re.compile(r"[、,，;；\n]+")
PATH_SEPARATORS = re.compile(r"\s*[/／>＞]\s*")


def cell_text(value: Any) -> str:
    """A cell as trimmed text; whole numbers from Excel lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


class TextWidget(widgets.CharWidget):
    """Trimmed text, optionally required and limited to the model field's length."""

    def __init__(self, *, required: bool = False, max_length: int | None = None):
        super().__init__(allow_blank=True)
        self.required = required
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text and self.required:
            raise ValueError(REQUIRED_MESSAGE)
        if self.max_length and len(text) > self.max_length:
            raise ValueError(f"不能超过 {self.max_length} 个字符（现有 {len(text)} 个）")
        return text


class IntegerWidget(widgets.IntegerWidget):
    """A whole number such as 序号; "3.0" from Excel is fine, "3.5" or "三" is not."""

    def __init__(self, *, required: bool = False, minimum: int | None = 1):
        super().__init__()
        self.required = required
        self.minimum = minimum

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.required:
                raise ValueError(REQUIRED_MESSAGE)
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"应为整数「{text}」")
        if not number.is_finite() or number != number.to_integral_value() or abs(number) > 10**9:
            raise ValueError(f"应为整数「{text}」")
        number = int(number)
        if self.minimum is not None and number < self.minimum:
            raise ValueError(f"应不小于 {self.minimum}「{text}」")
        return number


class DateWidget(widgets.DateWidget):
    """A date typed as 2026-03-02, 2026/3/2, 2026.3.2, 2026年3月2日, or an Excel date cell."""

    def __init__(self, *, required: bool = False):
        super().__init__(format="%Y-%m-%d")
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = cell_text(value)
        if not text:
            if self.required:
                raise ValueError(REQUIRED_MESSAGE)
            return None
        candidate = text.split(" ")[0] if re.fullmatch(r"\S+ 00:00(:00)?", text) else text
        for date_format in DATE_FORMATS:
            try:
                return dt.datetime.strptime(candidate, date_format).date()
            except ValueError:
                continue
        raise ValueError(f"日期格式有误「{text}」，应为 YYYY-MM-DD")


class ChoiceWidget(widgets.Widget):
    """One value of a fixed list (公开方式, 有效性 …), with accepted synonyms; empty gives the default."""

    def __init__(
        self,
        choices: Iterable[str],
        *,
        default: str | None = None,
        aliases: Mapping[str, str] | None = None,
        required: bool = False,
    ):
        super().__init__()
        self.choices = list(choices)
        self.default = default
        self.aliases = dict(aliases or {})
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.required or self.default is None:
                if self.required:
                    raise ValueError(REQUIRED_MESSAGE)
                return ""
            return self.default
        text = self.aliases.get(text, text)
        if text not in self.choices:
            raise ValueError(f"无效的取值「{cell_text(value)}」，应为：{'、'.join(self.choices)}")
        return text


class ListWidget(widgets.Widget):
    """Several values in one cell separated by 、 , ， ; or ；, each from an allowed list."""

    def __init__(self, allowed: Iterable[str] | None = None, *, joiner: str = "、"):
        super().__init__()
        self.allowed = list(allowed) if allowed is not None else None
        self.joiner = joiner

    def clean(self, value, row=None, **kwargs):
        parts = [p.strip() for p in LIST_SEPARATORS.split(cell_text(value)) if p.strip()]
        values = list(dict.fromkeys(parts))
        if self.allowed is not None:
            unknown = [v for v in values if v not in self.allowed]
            if unknown:
                raise ValueError(f"无效的取值「{'、'.join(unknown)}」，可选：{'、'.join(self.allowed)}")
        return values

    def render(self, value, obj=None, **kwargs):
        return self.joiner.join(value or [])


class PathWidget(widgets.Widget):
    """A catalog path "一级/二级/三级" as a tuple of titles, at most ``max_depth`` levels."""

    def __init__(self, *, required: bool = False, max_depth: int = 3):
        super().__init__()
        self.required = required
        self.max_depth = max_depth

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        parts = tuple(p for p in PATH_SEPARATORS.split(text) if p)
        if not parts:
            if self.required:
                raise ValueError(REQUIRED_MESSAGE)
            return ()
        if len(parts) > self.max_depth:
            raise ValueError(f"目录层级过深「{text}」，公开目录最多 {self.max_depth} 级（如 一级/二级/三级）")
        too_long = [p for p in parts if len(p) > 255]
        if too_long:
            raise ValueError("目录名称不能超过 255 个字符")
        return parts

    def render(self, value, obj=None, **kwargs):
        return "/".join(value or ())
