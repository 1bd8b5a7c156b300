"""Secretary submits → committee reviews → township (for some kinds) → published; privacy guard on the way."""

from __future__ import annotations

import pytest

from cms.workflow.services import TransitionError, TransitionForbidden, perform_transition, review_state
from tests.villages.conftest import make_notice

pytestmark = pytest.mark.django_db

VALID_ID = "11010519491231002X"


class TestNoticeWorkflow:
    def test_finance_notice_committee_approval_publishes(self, villages_setup):
        notice = make_notice(villages_setup.a)
        assert perform_transition(notice, villages_setup.secretary_a, "submit") == "pending"
        with pytest.raises(TransitionForbidden):
            perform_transition(notice, villages_setup.committee_b, "approve")
        with pytest.raises(TransitionForbidden):
            perform_transition(notice, villages_setup.secretary_a, "approve")
        assert perform_transition(notice, villages_setup.committee_a, "approve", "同意") == "published"
        sign_off = notice.specific.committee_sign_off()
        assert sign_off["name"] == "李委员a"

    def test_subsidy_notice_needs_township_review(self, villages_setup):
        notice = make_notice(villages_setup.a, title="2026年耕地地力补贴发放公示", category="村务", kind="subsidy")
        perform_transition(notice, villages_setup.secretary_a, "submit")
        assert perform_transition(notice, villages_setup.committee_a, "approve") == "pending"
        with pytest.raises(TransitionForbidden):
            perform_transition(notice, villages_setup.committee_a, "approve")
        assert perform_transition(notice, villages_setup.reviewer, "approve") == "published"

    def test_rejection_returns_with_comment(self, villages_setup):
        notice = make_notice(villages_setup.a)
        perform_transition(notice, villages_setup.secretary_a, "submit")
        with pytest.raises(TransitionError):
            perform_transition(notice, villages_setup.committee_a, "reject")
        assert perform_transition(notice, villages_setup.committee_a, "reject", "金额有误") == "draft"
        assert perform_transition(notice, villages_setup.secretary_a, "submit") == "pending"


class TestPrivacyGuard:
    def test_submission_blocked_then_masked_in_one_step(self, villages_setup):
        from villages.services.privacy_guard import notice_mask_personal_numbers

        notice = make_notice(villages_setup.a, body=f"<p>张三 身份证 {VALID_ID}</p><p>电话 13812345678</p>")
        with pytest.raises(TransitionError) as excinfo:
            perform_transition(notice, villages_setup.secretary_a, "submit")
        assert "正文第 1 行" in excinfo.value.message and "1101**********002X" in excinfo.value.message
        assert "138****5678" in excinfo.value.message
        assert review_state(notice) == "draft"
        assert notice_mask_personal_numbers(page=notice, user=villages_setup.secretary_a) == 2
        notice.refresh_from_db()
        latest = notice.get_latest_revision_as_object()
        assert VALID_ID not in latest.body and "1101**********002X" in latest.body
        assert perform_transition(notice, villages_setup.secretary_a, "submit") == "pending"

    def test_publish_path_is_guarded(self, villages_setup):
        from django.core.exceptions import ValidationError

        notice = make_notice(villages_setup.a, body="<p>卡号 13812345678</p>")
        with pytest.raises(ValidationError):
            notice.get_latest_revision().publish()
        notice.refresh_from_db()
        assert not notice.live

    def test_gbk_csv_attachment_is_scanned(self, villages_setup):
        from django.core.files.base import ContentFile
        from wagtail.documents.models import Document

        from villages.models import VillageNoticeAttachment

        notice = make_notice(villages_setup.a)
        document = Document(title="补贴名单")
        document.file.save("list.csv", ContentFile(f"姓名,身份证号\n张三,{VALID_ID}\n".encode("gbk")), save=False)
        document.save()
        VillageNoticeAttachment.objects.create(page=notice, document=document, title="补贴名单")
        notice.save_revision()
        with pytest.raises(TransitionError) as excinfo:
            perform_transition(notice, villages_setup.secretary_a, "submit")
        assert "附件「补贴名单」第 2 行 B 列" in excinfo.value.message
