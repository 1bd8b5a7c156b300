"""The guide model: audience, validation, completeness of the 8 required categories, search document."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cms.guides.completeness import missing_required_elements
from cms.guides.models import GuideMaterial, ServiceGuidePage
from tests.factories import make_guide

pytestmark = pytest.mark.django_db


class TestServiceGuideCompleteness:
    def test_complete_guide_misses_nothing(self, guide_index):
        guide = make_guide(guide_index)
        assert guide.missing_elements == []
        assert guide.is_complete

    def test_empty_guide_misses_seven_categories_in_national_order(self, guide_index):
        guide = make_guide(guide_index, "空白指南", publish=False, complete=False)
        assert guide.missing_elements == [
            "设定依据",
            "申请条件",
            "办理材料",
            "办理地点",
            "办理时间",
            "联系电话",
            "办理流程",
        ]

    def test_blank_text_counts_as_missing(self):
        guide = ServiceGuidePage(
            title="x", legal_basis="   ", conditions="c", location="l", office_hours="h", phone="p"
        )
        guide.materials = [GuideMaterial(name="身份证")]
        assert missing_required_elements(guide) == ["设定依据", "办理流程"]


class TestServiceGuideValidation:
    def test_needs_an_audience(self, guide_index):
        guide = make_guide(guide_index, publish=False)
        guide.for_personal = guide.for_enterprise = False
        with pytest.raises(ValidationError) as exc:
            guide.full_clean()
        assert "服务对象至少选择" in str(exc.value)

    def test_promised_limit_not_longer_than_legal(self, guide_index):
        guide = make_guide(guide_index, publish=False)
        guide.legal_time_limit, guide.promised_time_limit = 10, 15
        with pytest.raises(ValidationError) as exc:
            guide.full_clean()
        assert "承诺办结时限不能长于法定办结时限" in str(exc.value)

    def test_audience_display(self, guide_index):
        guide = make_guide(guide_index, for_personal=True, for_enterprise=True)
        assert guide.audiences == ["personal", "enterprise"]
        assert guide.audience_display == "个人,企业"


class TestServiceGuideSearchDocument:
    def test_live_guide_has_a_guide_document_with_every_element(self, guide_index):
        guide = make_guide(guide_index, implementer="明光镇人民政府", topic="social_assistance")
        doc = guide.search_document()
        assert doc.type == "guide"
        assert doc.id == f"guides.ServiceGuidePage:{guide.pk}"
        for text in ("社会救助暂行办法", "家庭人均收入", "居民身份证", "申请→审核", "便民服务中心", "不收费"):
            assert text in doc.text
        assert doc.fields["topic"] == "社会救助"
        assert doc.url.endswith(guide.url_path.split("/", 2)[-1]) or doc.url

    def test_draft_is_not_indexed(self, guide_index):
        assert make_guide(guide_index, publish=False).search_document() is None
