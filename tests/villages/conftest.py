"""A township with two villages, A (红星) and B (光明), their secretaries and committee members."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tests.factories import make_township, make_user


@pytest.fixture
def villages_setup(db):
    from villages.services.villages import village_add_member, village_create

    township = make_township()
    a = village_create(township=township, code="530581104201", name="红星")
    b = village_create(township=township, code="530581104202", name="光明")
    users = {}
    for key, village in (("a", a), ("b", b)):
        users[f"secretary_{key}"] = make_user(f"secretary_{key}")
        village_add_member(village=village, user=users[f"secretary_{key}"], role="secretary")
        users[f"committee_{key}"] = make_user(f"committee_{key}", last_name="李", first_name=f"委员{key}")
        village_add_member(village=village, user=users[f"committee_{key}"], role="committee")
    users["reviewer"] = make_user("reviewer", "审核员")
    a.refresh_from_db()
    b.refresh_from_db()
    return SimpleNamespace(township=township, a=a, b=b, **users)


def make_notice(village, title="2026年3月财务收支公开", *, publish=False, **fields):
    from villages.models import VillageNoticePage

    fields.setdefault("category", "财务")
    fields.setdefault("kind", "finance_monthly")
    fields.setdefault("period_year", 2026)
    fields.setdefault("period_unit", "month")
    fields.setdefault("period_number", 3)
    fields.setdefault("posting_start", dt.date(2026, 4, 5))
    fields.setdefault("body", "<p>本月收支情况如下。</p>")
    notice = VillageNoticePage(title=title, live=False, **fields)
    village.board_page.add_child(instance=notice)
    revision = notice.save_revision()
    if publish:
        revision.publish()
    notice.refresh_from_db()
    return notice
