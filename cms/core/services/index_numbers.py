"""索引号: formatting from the township's pattern and concurrency-safe allocation."""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

from django.db import transaction

if TYPE_CHECKING:
    from cms.core.models import TownshipPage

ALLOWED_TOKENS = {"org_code", "year", "seq"}
_SAMPLE = {"org_code": "01526095-6", "year": 2026, "seq": 1}


def validate_pattern(pattern: str) -> None:
    """Raise ValueError with a Chinese message when the pattern cannot produce numbers."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError as exc:
        raise ValueError(f"索引号格式有误：{exc}") from exc
    unknown = sorted({f for f in fields} - ALLOWED_TOKENS)
    if unknown:
        raise ValueError("索引号格式含未知占位符：" + "、".join(unknown) + "（可用 {org_code} {year} {seq}）")
    if "seq" not in fields:
        raise ValueError("索引号格式必须包含序号占位符 {seq}，否则无法保证唯一")
    try:
        pattern.format(**_SAMPLE)
    except (ValueError, KeyError, IndexError) as exc:
        raise ValueError(f"索引号格式有误：{exc}") from exc


def format_index_number(pattern: str, *, org_code: str, year: int, seq: int) -> str:
    return pattern.format(org_code=org_code, year=year, seq=seq)


def next_sequence_value(*, township: TownshipPage, year: int) -> int:
    """Take the next value of the township's sequence for the year, holding a row lock.

    Must run inside the caller's transaction so the number and the page that uses
    it commit together.
    """
    from cms.core.models import IndexNumberSequence

    # Create the row if needed without racing: a conflicting insert is ignored.
    IndexNumberSequence.objects.bulk_create(
        [IndexNumberSequence(township=township, year=year, last_value=0)], ignore_conflicts=True
    )
    sequence = IndexNumberSequence.objects.select_for_update().get(township=township, year=year)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return sequence.last_value


def allocate_index_number(*, township: TownshipPage, year: int) -> str:
    """A new, unique index number for the township and year."""
    with transaction.atomic():
        seq = next_sequence_value(township=township, year=year)
        return format_index_number(
            township.index_number_pattern, org_code=township.organisation_code, year=year, seq=seq
        )
