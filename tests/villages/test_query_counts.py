"""Public village pages and their API resources read a constant number of rows, whatever the count.

Each test measures a page with 3 items, adds 27 more, and measures again with the same
expected number: a query per notice, board or attachment would break it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.villages.conftest import api_path, make_notice

pytestmark = pytest.mark.django_db

BOARD_QUERIES = 12
INDEX_QUERIES = 8
NOTICE_QUERIES = 14
API_BOARD_QUERIES = 14
API_NOTICE_QUERIES = 12


def _add_notices(village, start: int, stop: int) -> None:
    """Published notices, every third one already off the board (in the archive)."""
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    for number in range(start, stop):
        make_notice(
            village,
            title=f"第 {number} 号公告",
            publish=True,
            category=("财务", "村务", "党务")[number % 3],
            period_year=last_month.year,
            period_number=last_month.month,
            posting_start=today - dt.timedelta(days=20),
            posting_end=today - dt.timedelta(days=1) if number % 3 == 0 else None,
        )


def _add_attachments(notice, start: int, stop: int) -> None:
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from villages.models import VillageNoticeAttachment

    for number in range(start, stop):
        document = Document(title=f"附件{number}")
        document.file.save(f"a{number}.pdf", ContentFile(b"%PDF-1.4"), save=False)
        document.save()
        VillageNoticeAttachment.objects.create(page=notice, document=document, title=f"附件{number}")


def _warm(client, url: str) -> None:
    """One unmeasured request, so the site lookup and session are cached as on a running server."""
    assert client.get(url).status_code == 200


BOARD_URLS = ("", "?category=财务", "?year={year}", "?archive=1", "?category=村务&year={year}&archive=1")


class TestPublicPages:
    def test_board_with_filters_and_archive(self, client, villages_setup, django_assert_num_queries):
        board = villages_setup.a.board_page
        year = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).year
        _warm(client, board.url)
        for count_start, count_stop in ((0, 3), (3, 30)):
            _add_notices(villages_setup.a, count_start, count_stop)
            for query in BOARD_URLS:
                with django_assert_num_queries(BOARD_QUERIES):
                    response = client.get(board.url + query.format(year=year))
                assert response.status_code == 200
        assert "第 29 号公告" in client.get(board.url).content.decode()

    def test_villages_index(self, client, villages_setup, django_assert_num_queries):
        from villages.services.villages import village_create

        index = villages_setup.a.board_page.get_parent()
        _warm(client, index.url)
        for start, stop in ((0, 1), (1, 28)):  # 2 villages exist: 3, then 30 boards
            for number in range(start, stop):
                village_create(
                    township=villages_setup.township, code=f"5305811042{number + 10:02d}", name=f"村{number}"
                )
            with django_assert_num_queries(INDEX_QUERIES):
                response = client.get(index.url)
            assert response.status_code == 200
        assert "村27" in response.content.decode()

    def test_notice_page_with_attachments(self, client, villages_setup, django_assert_num_queries):
        notice = make_notice(villages_setup.a, publish=True)
        _warm(client, notice.url)
        for start, stop in ((0, 3), (3, 30)):
            _add_attachments(notice, start, stop)
            with django_assert_num_queries(NOTICE_QUERIES):
                response = client.get(notice.url)
            assert response.status_code == 200
        assert "附件29" in response.content.decode()


class TestApi:
    def test_board_resource(self, client, villages_setup, django_assert_num_queries):
        board = villages_setup.a.board_page
        _warm(client, api_path(board))
        for start, stop in ((0, 3), (3, 30)):
            _add_notices(villages_setup.a, start, stop)
            with django_assert_num_queries(API_BOARD_QUERIES):
                response = client.get(api_path(board))
            assert response.status_code == 200
        assert response.json()["items_total"] == 30

    def test_notice_resource(self, client, villages_setup, django_assert_num_queries):
        notice = make_notice(villages_setup.a, publish=True)
        _warm(client, api_path(notice))
        for start, stop in ((0, 3), (3, 30)):
            _add_attachments(notice, start, stop)
            with django_assert_num_queries(API_NOTICE_QUERIES):
                response = client.get(api_path(notice))
            assert response.status_code == 200
        assert len(response.json()["attachments"]) == 30
