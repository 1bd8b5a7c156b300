"""Public guide pages: every element, the step diagram, print and PDF links; the index by audience and topic."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_guide

pytestmark = pytest.mark.django_db


class TestGuidePage:
    def test_shows_every_element_and_the_steps(self, client, guide_index):
        guide = make_guide(guide_index, code="SHJZ-001", implementer="明光镇社会事务办公室", topic="social_assistance")
        response = client.get(guide.url)
        assert response.status_code == 200
        html = response.content.decode()
        for text in (
            "最低生活保障审核确认", "SHJZ-001", "明光镇社会事务办公室", "社会救助暂行办法", "家庭人均收入",
            "居民身份证", "户口簿", "明光镇便民服务中心", "3号窗口", "工作日 9:00", "0875-5551234",
            "0875-5551000", "30 个工作日", "20 个工作日", "不收费", "窗口领取或邮寄", 'class="guide-steps"',
            "window.print()", f'/{guide.get_parent().slug}/{guide.slug}/pdf/"',
        ):  # fmt: skip
            assert text in html, text
        diagram = html[html.index('class="guide-steps"') :]
        assert diagram.index("<strong>申请</strong>") < diagram.index("<strong>审核</strong>")

    def test_draft_is_not_public(self, client, guide_index):
        guide = make_guide(guide_index, publish=False)
        assert client.get(f"/{guide_index.slug}/{guide.slug}/").status_code == 404

    def test_pdf_route_is_served_or_clearly_unavailable(self, client, guide_index):
        guide = make_guide(guide_index)
        response = client.get(guide.url + "pdf/")
        try:
            import cms.printing.guides  # noqa: F401
        except ImportError:
            assert response.status_code == 503
            assert "PDF 暂不可用" in response.content.decode()
        else:
            assert response.status_code in (200, 302)


class TestGuideIndex:
    def test_filters_by_audience_and_topic_with_counts(self, client, guide_index):
        make_guide(guide_index, "最低生活保障", topic="social_assistance")
        make_guide(guide_index, "个体工商户登记", topic="market", for_personal=True, for_enterprise=True)
        make_guide(guide_index, "食品经营许可", topic="market", for_personal=False, for_enterprise=True)
        make_guide(guide_index, "草稿指南", topic="market", publish=False)
        html = client.get(guide_index.url).content.decode()
        assert "个人办事（2）" in html and "企业办事（2）" in html and "全部（3）" in html
        assert "草稿指南" not in html
        html = client.get(guide_index.url, {"audience": "enterprise"}).content.decode()
        assert "食品经营许可" in html and "最低生活保障" not in html and "市场监管（2）" in html
        html = client.get(guide_index.url, {"topic": "social_assistance"}).content.decode()
        assert "最低生活保障" in html and "个体工商户登记" not in html

    def test_unknown_filter_values_are_ignored(self, client, guide_index):
        make_guide(guide_index)
        assert client.get(guide_index.url, {"audience": "x", "topic": "<b>"}).status_code == 200


def _add(index, start, count):
    for n in range(start, start + count):
        make_guide(index, f"指南{n}", topic=("market", "household", "agriculture")[n % 3])


class TestConstantQueries:
    def test_index_3_and_30_guides_cost_the_same(self, client, guide_index, django_assert_num_queries):
        _add(guide_index, 0, 3)
        client.get(guide_index.url)
        with CaptureQueriesContext(connection) as three:
            client.get(guide_index.url)
        _add(guide_index, 3, 27)
        with django_assert_num_queries(len(three.captured_queries)):
            response = client.get(guide_index.url)
        assert "全部（30）" in response.content.decode()

    def test_guide_page_with_3_and_30_materials_cost_the_same(self, client, guide_index, django_assert_num_queries):
        from cms.guides.models import GuideMaterial, GuideStep

        small = make_guide(guide_index, "小")
        big = make_guide(
            guide_index,
            "大",
            materials=[GuideMaterial(name=f"材料{n}") for n in range(30)],
            steps=[GuideStep(name=f"环节{n}") for n in range(30)],
        )
        client.get(small.url)
        with CaptureQueriesContext(connection) as few:
            client.get(small.url)
        with django_assert_num_queries(len(few.captured_queries)):
            assert "材料29" in client.get(big.url).content.decode()
