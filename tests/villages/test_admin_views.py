"""The villages admin: 公开进度 dashboard, the village import, 一键打码, and the guarded 提交审核."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from cms.workflow.services import review_state
from tests.factories import make_user
from tests.villages.conftest import make_notice, notice_form_data
from villages.models import NaturalVillage, Village

pytestmark = pytest.mark.django_db

VALID_ID = "11010519491231002X"
IMPORT_URL = "/admin/imports/villages/"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class TestComplianceDashboard:
    URL = "/admin/villages/schedule/"

    def test_lists_villages_behind_schedule(self, client, villages_setup):
        last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
        make_notice(
            villages_setup.a,
            title="上月财务公开",
            publish=True,
            period_year=last_month.year,
            period_number=last_month.month,
            posting_start=last_month,
        )
        client.force_login(villages_setup.reviewer)
        response = client.get(self.URL)
        assert response.status_code == 200
        rows = {row.village.name: row for row in response.context["report"]}
        assert "光明" in {row.village.name for row in response.context["behind"]}  # nothing posted in 12 months
        label = f"{last_month.year}年{last_month.month}月财务公开"
        if label in rows["光明"].expected:  # due once the 10th of this month has passed
            assert label in rows["光明"].missing and label not in rows["红星"].missing
        html = response.content.decode()
        assert "光明" in html and "未按期公开" in html

    def test_secretaries_and_committees_are_refused(self, client, villages_setup):
        for user in (villages_setup.secretary_a, villages_setup.committee_b):
            client.force_login(user)
            response = client.get(self.URL)
            assert response.status_code in (302, 403)
            assert "report" not in (response.context or {})

    def test_administrator_sees_it(self, client, villages_setup):
        client.force_login(make_user("township_admin", "管理员"))
        assert client.get(self.URL).status_code == 200


class TestVillageImportAdmin:
    CSV = "村代码,村名,户数,人口,自然村名\n530581104203,新华,320,1200,上寨\n530581104203,新华,,,下寨\n"

    def _upload(self, client, township, content: bytes):
        upload = io.BytesIO(content)
        upload.name = "villages.csv"
        return client.post(IMPORT_URL, {"import_file": upload, "township": township.pk})

    def test_gbk_dry_run_then_confirm(self, client, villages_setup):
        client.force_login(make_user("township_admin", "管理员"))
        preview = self._upload(client, villages_setup.township, self.CSV.encode("gbk"))
        assert preview.status_code == 200
        html = preview.content.decode()
        assert "新华" in html and "确认导入" in html
        assert not Village.objects.filter(code="530581104203").exists()
        response = client.post(
            IMPORT_URL,
            {
                "stored_name": preview.context["stored_name"],
                "original_name": "villages.csv",
                "township": villages_setup.township.pk,
            },
            follow=True,
        )
        assert "导入完成" in response.content.decode()
        village = Village.objects.get(code="530581104203")
        assert village.board_page.live and village.committee_group.name == "新华村务监督委员会"
        assert set(NaturalVillage.objects.filter(village=village).values_list("name", flat=True)) == {"上寨", "下寨"}

    def test_bad_rows_are_listed_and_nothing_saved(self, client, villages_setup):
        client.force_login(make_user("township_admin", "管理员"))
        content = "村代码,村名,户数\n530581104204,东风,12\n530581104205,,三十\n".encode("gbk")
        response = self._upload(client, villages_setup.township, content)
        html = response.content.decode()
        assert response.status_code == 200 and "第 3 行" in html
        assert "确认导入" not in html
        assert not Village.objects.filter(code__in=["530581104204", "530581104205"]).exists()

    def test_secretary_may_not_import(self, client, villages_setup):
        client.force_login(villages_setup.secretary_a)
        response = self._upload(client, villages_setup.township, self.CSV.encode("gbk"))
        assert response.status_code in (302, 403)
        assert not Village.objects.filter(code="530581104203").exists()


class TestMaskView:
    def _url(self, notice):
        return f"/admin/villages/notices/{notice.pk}/mask/"

    def test_confirm_lists_then_masks_into_a_new_revision(self, client, villages_setup):
        notice = make_notice(villages_setup.a, body=f"<p>张三 {VALID_ID}</p><p>电话 13812345678</p>")
        revisions_before = notice.revisions.count()
        client.force_login(villages_setup.secretary_a)
        page = client.get(self._url(notice)).content.decode()
        assert "1101**********002X" in page and "138****5678" in page and "确认打码" in page
        response = client.post(self._url(notice))
        assert response.status_code == 302 and response["Location"].endswith(f"/admin/pages/{notice.pk}/edit/")
        notice.refresh_from_db()
        assert notice.revisions.count() == revisions_before + 1
        latest = notice.get_latest_revision_as_object()
        assert VALID_ID not in latest.body and "13812345678" not in latest.body
        assert latest.privacy_findings() == []

    def test_secretary_of_another_village_is_refused(self, client, villages_setup):
        notice = make_notice(villages_setup.a, body=f"<p>张三 {VALID_ID}</p>")
        client.force_login(villages_setup.secretary_b)
        assert client.get(self._url(notice)).status_code in (302, 403)
        assert client.post(self._url(notice)).status_code in (302, 403)
        notice.refresh_from_db()
        assert VALID_ID in notice.get_latest_revision_as_object().body


class TestAdminSubmitGuard:
    def test_submit_is_blocked_with_a_message_per_number(self, client, villages_setup):
        notice = make_notice(villages_setup.a)
        client.force_login(villages_setup.secretary_a)
        body = f"<p>户主 {VALID_ID}</p><p>电话 13812345678</p>"
        response = client.post(
            f"/admin/pages/{notice.pk}/edit/",
            notice_form_data(notice, action="action-submit", body=_rich(body)),
        )
        assert response.status_code == 200
        errors = " ".join(str(e) for e in response.context["form"].non_field_errors())
        assert "正文第 1 行含有完整的身份证号（1101**********002X）" in errors
        assert "正文第 2 行含有完整的手机号（138****5678）" in errors
        assert "一键打码" in errors
        assert review_state(notice) == "draft"

    def test_clean_notice_is_submitted(self, client, villages_setup):
        notice = make_notice(villages_setup.a)
        client.force_login(villages_setup.secretary_a)
        response = client.post(f"/admin/pages/{notice.pk}/edit/", notice_form_data(notice, action="action-submit"))
        assert response.status_code == 302
        assert review_state(notice) == "pending"


def _rich(html: str):
    from wagtail.test.utils.form_data import rich_text

    return rich_text(html)
