"""Village notices in the search index: published → outbox → backend, retracted → out, never a full number.

The rule of VillageNoticePage.search_document(): a live notice is searchable from the
start of its posting window on and stays searchable after the window ends (it moves to
the public archive, it is not withdrawn); retracting it removes it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cms.core import privacy
from cms.workflow.services import perform_transition
from tests.villages.conftest import make_notice

pytestmark = pytest.mark.django_db

VALID_ID = "11010519491231002X"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def _indexed():
    from search.models import IndexedDocument

    return {d.doc_id: d for d in IndexedDocument.objects.filter(type="village_notice")}


def _doc_id(notice) -> str:
    return f"villages.VillageNoticePage:{notice.pk}"


def test_approved_notice_reaches_the_index_and_retract_removes_it(villages_setup, committed):
    notice = make_notice(villages_setup.a, title="2026年3月财务收支公开")
    committed(perform_transition, notice, villages_setup.secretary_a, "submit")
    assert _doc_id(notice) not in _indexed()
    committed(perform_transition, notice, villages_setup.committee_a, "approve")
    document = _indexed()[_doc_id(notice)]
    assert document.village == "红星" and document.title == "2026年3月财务收支公开"
    committed(perform_transition, notice, villages_setup.reviewer, "retract", "更正后重发")
    assert _doc_id(notice) not in _indexed()


def test_posting_window_rule(villages_setup, committed):
    today = timezone.localdate()
    archived = committed(
        make_notice,
        villages_setup.a,
        title="已过张贴期的公告",
        publish=True,
        posting_start=today - dt.timedelta(days=40),
        posting_end=today - dt.timedelta(days=10),
    )
    future = committed(
        make_notice, villages_setup.a, title="下周张贴的公告", publish=True, posting_start=today + dt.timedelta(days=7)
    )
    indexed = _indexed()
    assert _doc_id(archived) in indexed  # the archive stays searchable
    assert _doc_id(future) not in indexed
    assert future.specific.search_document() is None


def test_no_full_number_in_any_indexed_document(villages_setup, committed):
    committed(make_notice, villages_setup.a, title="补贴发放公示", publish=True, body="<p>发放 300 元</p>")
    leaky = make_notice(villages_setup.a, title=f"张三{VALID_ID}")
    leaky.body = f"<p>电话 13812345678，身份证 {VALID_ID}</p>"
    leaky.live = True  # as an old live revision could be: the document masks regardless
    document = leaky.search_document()
    assert document is not None
    assert not privacy.find_numbers(document.title) and not privacy.find_numbers(document.text)
    assert "1101**********002X" in document.text
    for indexed in _indexed().values():
        assert not privacy.find_numbers(indexed.title + "\n" + indexed.text)


def test_notice_published_ahead_is_indexed_when_its_posting_opens(villages_setup, committed, monkeypatch):
    from villages.services.search_schedule import enqueue_notices_opening
    from villages.tasks import index_notices_opening

    today = timezone.localdate()
    start = today + dt.timedelta(days=3)
    notice = committed(make_notice, villages_setup.a, title="下周张贴的公告", publish=True, posting_start=start)
    assert committed(enqueue_notices_opening, today) == 0  # not yet open: nothing to do
    assert _doc_id(notice) not in _indexed()
    monkeypatch.setattr(timezone, "localdate", lambda *args: start)  # the day the window opens
    assert committed(index_notices_opening) == 1
    assert _doc_id(notice) in _indexed()
    committed(index_notices_opening)  # idempotent: the same document once
    assert list(_indexed()).count(_doc_id(notice)) == 1
