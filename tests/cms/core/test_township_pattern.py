"""TownshipPage.clean: only index-number patterns that can produce unique numbers are accepted."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cms.core.services.index_numbers import format_index_number
from tests.factories import make_township


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{org_code}/{year}", "必须包含序号占位符"),
        ("{org_code}-{seq:05d}", "必须包含年份占位符"),
        ("{org_code}/{year}-{number}", "未知占位符"),
        ("{org_code}/{year}-{seq:05q}", "索引号格式有误"),
        ("{org_code}/{year}-{seq", "索引号格式有误"),
        ("{org_code}/{0}-{seq}", "未知占位符"),
    ],
)
def test_invalid_pattern_refused_with_chinese_message(db, pattern, message):
    township = make_township()
    township.index_number_pattern = pattern
    with pytest.raises(ValidationError) as excinfo:
        township.full_clean()
    assert "index_number_pattern" in excinfo.value.message_dict
    assert message in " ".join(excinfo.value.message_dict["index_number_pattern"])


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("{org_code}/{year}-{seq:05d}", "01526095-6/2026-00007"),
        ("{org_code}-{year}-{seq:03d}", "01526095-6-2026-007"),
        ("MG{year}{seq:06d}", "MG2026000007"),
        ("{org_code}/{year}-{seq}", "01526095-6/2026-7"),
    ],
)
def test_valid_pattern_accepted_and_formats_tokens(db, pattern, expected):
    township = make_township()
    township.index_number_pattern = pattern
    township.full_clean()
    assert format_index_number(pattern, org_code="01526095-6", year=2026, seq=7) == expected


def test_zero_padding_grows_past_width():
    assert format_index_number("{seq:03d}", org_code="", year=2026, seq=1234) == "1234"
