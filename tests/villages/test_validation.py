"""Bad input on notices: totals, future periods, posting window, quorum — clear messages, nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from villages.blocks import FinanceTableBlock, FourDeliberationsBlock
from villages.models import VillageNoticePage

pytestmark = pytest.mark.django_db


def test_finance_table_that_adds_up_is_accepted():
    block = FinanceTableBlock()
    block.clean(block.to_python(_raw()))


def _raw(**overrides):
    raw = {
        "title": "财务收支公开表",
        "opening_balance": "100.00",
        "income": [{"item": "上级补助", "amount": "1000.00", "note": ""}],
        "expense": [{"item": "办公费", "amount": "300.00", "note": ""}],
        "total_income": "1000.00",
        "total_expense": "300.00",
        "closing_balance": "800.00",
    }
    raw.update(overrides)
    return raw


def test_finance_totals_that_do_not_add_up_are_refused():
    block = FinanceTableBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(_raw(total_income="999.00", closing_balance="1.00")))
    errors = excinfo.value.block_errors
    assert "收入明细之和 1000.00 元不一致" in errors["total_income"].messages[0]
    assert "800.00" in errors["closing_balance"].messages[0]


def _step(day, eligible=None, present=None, votes_for=None):
    return {
        "held_on": dt.date(2026, 3, day).isoformat(),
        "eligible": eligible,
        "present": present,
        "votes_for": votes_for,
        "votes_against": 0 if votes_for is not None else None,
        "abstentions": 0 if votes_for is not None else None,
        "summary": "",
    }


def _record(party_present=30, party_for=20):
    return {
        "matter": "村道硬化项目",
        "proposal": _step(1),
        "consultation": _step(3, 9, 9, 9),
        "party_review": _step(5, 42, party_present, party_for),
        "resolution": _step(8, 35, 30, 28),
        "resolution_published_on": "2026-03-09",
        "result_published_on": None,
    }


def test_party_meeting_quorum_and_majority():
    block = FourDeliberationsBlock()
    block.clean(block.to_python(_record()))
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(_record(party_present=27, party_for=20)))
    assert "不足应到 42 人的三分之二" in excinfo.value.block_errors["party_review"].messages[0]
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(_record(party_present=30, party_for=15)))
    assert "未超过实到 30 人的半数" in excinfo.value.block_errors["party_review"].messages[0]


def test_future_period_and_reversed_posting_window(villages_setup):
    from tests.villages.conftest import make_notice

    next_year = dt.date.today().year + 1
    with pytest.raises(ValidationError) as excinfo:
        make_notice(villages_setup.a, period_year=next_year, period_number=1)
    assert "还未开始" in str(excinfo.value)
    with pytest.raises(ValidationError) as excinfo:
        make_notice(villages_setup.a, posting_start=dt.date(2026, 4, 10), posting_end=dt.date(2026, 4, 1))
    assert "张贴结束日期不能早于开始日期" in str(excinfo.value)
    assert not VillageNoticePage.objects.filter(period_year=next_year).exists()


def test_oversized_attachment_message():
    from villages.attachments import size_problem

    message = size_problem("名单.xlsx", 50 * 1024 * 1024)
    assert "50.0 MB" in message and "20 MB" in message
    assert size_problem("名单.xlsx", 1024) is None
