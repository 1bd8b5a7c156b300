"""The 8 required categories of a service guide (2015 national census rule) and how to check them.

A guide may be saved as an incomplete draft; it may not go live while any category is
empty. The check reads plain values so the admin form (before saving), the publish
guard (on the revision being published) and the import (on a parsed row) share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# (attribute, Chinese name) in the order the national rule lists them.
REQUIRED_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("title", "事项名称"),
    ("legal_basis", "设定依据"),
    ("conditions", "申请条件"),
    ("materials", "办理材料"),
    ("location", "办理地点"),
    ("office_hours", "办理时间"),
    ("phone", "联系电话"),
    ("steps", "办理流程"),
)
RELATED_ELEMENTS = ("materials", "steps")


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return False


def missing_from_values(values: dict[str, Any], *, material_count: int, step_count: int) -> list[str]:
    """Chinese names of the required categories that are empty in ``values`` (plus the two row counts)."""
    missing = []
    for attr, label in REQUIRED_ELEMENTS:
        if attr == "materials":
            empty = material_count == 0
        elif attr == "steps":
            empty = step_count == 0
        else:
            empty = _is_empty(values.get(attr))
        if empty:
            missing.append(label)
    return missing


def _count(rows: Iterable[Any]) -> int:
    return sum(1 for row in rows if str(getattr(row, "name", "") or "").strip())


def missing_required_elements(page) -> list[str]:
    """Chinese names of the required categories ``page`` (saved, unsaved or a revision) leaves empty."""
    values = {attr: getattr(page, attr, None) for attr, _ in REQUIRED_ELEMENTS if attr not in RELATED_ELEMENTS}
    return missing_from_values(values, material_count=_count(page.materials.all()), step_count=_count(page.steps.all()))


def incomplete_message(missing: list[str]) -> str:
    """The refusal every publishing path shows, naming what is missing."""
    return f"办事指南要素不全，不能发布：请填写{'、'.join(missing)}。（草稿可以先保存，要素齐全后再发布）"
