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


def notice_form_data(notice, *, action: str | None = None, **overrides) -> dict:
    """POST data of the admin edit form of ``notice`` (its latest version), with an optional footer action."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    latest = notice.get_latest_revision_as_object()
    data = {
        "title": latest.title,
        "slug": latest.slug,
        "category": latest.category,
        "kind": latest.kind,
        "period_year": latest.period_year,
        "period_unit": latest.period_unit,
        "period_number": latest.period_number,
        "posting_start": latest.posting_start.isoformat(),
        "posting_end": latest.posting_end.isoformat() if latest.posting_end else "",
        "body": rich_text(latest.body),
        "finance_tables": streamfield([]),
        "deliberation": streamfield([]),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    form = nested_form_data(data)
    if action:
        form[action] = "1"
    return form


def api_headers(user) -> dict:
    """Bearer-token headers of ``user`` for the headless API."""
    from cms.api.tokens import api_token_create

    _token, key = api_token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def api_path(page) -> str:
    """/api/content/<path of the page under its site root>."""
    site_root = page.get_site().root_page
    return "/api/content/" + page.url_path[len(site_root.url_path) :].strip("/")
