"""Import, schedule compliance, reminders, poster, public board and API for village notices."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.villages.conftest import make_notice
from villages.models import NaturalVillage, Village

pytestmark = pytest.mark.django_db


class TestVillageImport:
    def test_gbk_csv_creates_villages_and_natural_villages(self, tmp_path, villages_setup):
        path = tmp_path / "villages.csv"
        path.write_bytes(
            "村代码,村名,户数,人口,自然村名\n530581104203,新华,320,1200,上寨\n530581104203,新华,,,下寨\n".encode("gbk")
        )
        call_command("import_villages", str(path))
        village = Village.objects.get(code="530581104203")
        assert village.board_page is not None and village.secretaries_group.name == "新华村务公开员"
        assert set(NaturalVillage.objects.filter(village=village).values_list("name", flat=True)) == {"上寨", "下寨"}

    def test_bad_row_saves_nothing(self, tmp_path, villages_setup):
        path = tmp_path / "villages.csv"
        path.write_text("村代码,村名,户数\n530581104204,东风,12\n530581104205,,三十\n", encoding="utf-8")
        with pytest.raises(CommandError):
            call_command("import_villages", str(path))
        assert not Village.objects.filter(code="530581104204").exists()


class TestSchedule:
    def test_behind_schedule_and_reminder(self, villages_setup, settings):
        from villages.services.compliance import schedule_report
        from villages.services.reminders import send_schedule_reminders

        make_notice(villages_setup.a, publish=True)  # 2026-03 finance for 红星
        rows = {row.village.name: row for row in schedule_report(today=dt.date(2026, 4, 15))}
        assert "2026年3月财务公开" not in rows["红星"].missing
        assert "2026年3月财务公开" in rows["光明"].missing
        assert "2026年第1季度村务公开" in rows["红星"].missing
        assert send_schedule_reminders(today=dt.date(2026, 4, 15)) == 2
        assert any("光明" in m.subject for m in mail.outbox)


class TestPublic:
    def test_poster_answers_pdf_or_503(self, client, villages_setup):
        notice = make_notice(villages_setup.a, publish=True)
        response = client.get(notice.url + "poster/?size=A3")
        assert response.status_code in (200, 503)
        if response.status_code == 200:
            assert response["Content-Type"] == "application/pdf"
        assert client.get(notice.url + "poster/?size=B5").status_code == 400

    def test_board_shows_current_and_archive(self, client, villages_setup):
        today = timezone.localdate()
        started = today - dt.timedelta(days=30)
        make_notice(villages_setup.a, title="当前公告", publish=True, posting_start=started, posting_end=None)
        make_notice(
            villages_setup.a,
            title="今天到期的公告",
            publish=True,
            posting_start=started,
            posting_end=today,
        )
        make_notice(
            villages_setup.a,
            title="过期公告",
            publish=True,
            posting_start=started,
            posting_end=today - dt.timedelta(days=1),
        )
        board = villages_setup.a.board_page
        current = client.get(board.url).content.decode()
        assert "当前公告" in current and "今天到期的公告" in current and "过期公告" not in current
        archive = client.get(board.url + "?archive=1").content.decode()
        assert "过期公告" in archive and "当前公告" not in archive

    def test_api_notice_is_serialized(self, client, villages_setup):
        notice = make_notice(villages_setup.a, publish=True)
        site_root = notice.get_site().root_page
        path = "/api/content/" + notice.url_path[len(site_root.url_path) :].strip("/")
        data = client.get(path).json()
        assert data["@type"] == "VillageNoticePage"
        assert data["category"]["token"] == "财务" and data["period_label"] == "2026年3月"
        assert notice.specific.search_document().village == "红星"
