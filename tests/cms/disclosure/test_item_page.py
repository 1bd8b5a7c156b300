"""The public item page: metadata table, withheld → 404, view counting, policy ↔ interpretation links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from cms.disclosure.models import DisclosureAttachment, DisclosureItemPage
from tests.factories import make_item


def reload(item):
    return DisclosureItemPage.objects.get(pk=item.pk)


def path_of(page) -> str:
    """The page's path on its site, as the templates print it."""
    return page.get_url_parts()[2]


class TestItemPageContent:
    def test_metadata_table(self, tree, client):
        item = make_item(
            tree[4],
            topic="农业、林业、水利",
            document_number="明政发[2026]3号",
            keywords="春耕 生产",
            created_on=dt.date(2026, 3, 2),
            disclosed_on=dt.date(2026, 3, 5),
        )
        html = client.get(item.url).content.decode()
        for label, value in [
            ("索引号", "01526095-6/2026-00001"),
            ("主题分类", "农业、林业、水利"),
            ("发布机构", "明光镇人民政府"),
            ("成文日期", "2026-03-02"),
            ("公开日期", "2026-03-05"),
            ("文号", "明政发〔2026〕3号"),
            ("有效性", "现行有效"),
            ("主题词", "春耕 生产"),
            ("公开方式", "主动公开"),
            ("公开范围", "全部公开"),
            ("浏览量", "1"),
        ]:
            assert f'<th scope="row">{label}</th><td>{value}' in html, label

    def test_breadcrumb_from_home_to_directory(self, tree, client):
        item = make_item(tree[4])
        html = client.get(item.url).content.decode()
        crumb = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
        assert [part in crumb for part in ["首页", "政府信息公开", "农业农村", "农业农村政策落实", "惠农补贴"]] == [
            True
        ] * 5
        assert "明光镇</a>" not in crumb  # the township is labelled 首页

    def test_attachment_download_link(self, tree, client):
        item = make_item(tree[4])
        document = Document.objects.create(title="补贴名单", file=ContentFile(b"%PDF-1.4", name="list.pdf"))
        DisclosureAttachment.objects.create(page=item, document=document, title="2026年补贴名单")
        html = client.get(item.url).content.decode()
        assert f'href="{document.url}" download>2026年补贴名单</a>' in html


class TestWithheldAndHidden:
    def test_withheld_live_item_is_404_for_everyone(self, tree, client, admin_client):
        item = make_item(tree[4], disclosure_mode="不予公开")
        assert reload(item).live
        assert client.get(item.url).status_code == 404
        assert admin_client.get(item.url).status_code == 404

    def test_negative_list_item_is_404(self, tree, client):
        from cms.catalog.models import NegativeListEntry

        entry = NegativeListEntry.objects.create(township=tree[0], matter="涉密", legal_basis="保密法")
        item = make_item(tree[4], negative_list_entry=entry)
        assert client.get(item.url).status_code == 404

    def test_item_below_unpublished_directory_is_404(self, tree, client):
        item = make_item(tree[4])
        tree[3].unpublish()
        assert reload(item).live
        assert client.get(path_of(item)).status_code == 404

    def test_draft_is_404(self, tree, client):
        item = make_item(tree[4], publish=False)
        assert client.get(item.url).status_code == 404

    def test_view_restricted_item_asks_anonymous_to_log_in(self, tree, client):
        item = make_item(tree[4], "内部信息")
        PageViewRestriction.objects.create(page=tree[3], restriction_type=PageViewRestriction.LOGIN)
        response = client.get(item.url)
        assert response.status_code == 302
        assert "内部信息" not in response.content.decode()

    def test_editor_preview_of_withheld_item_still_works(self, tree, admin_client):
        item = make_item(tree[4], disclosure_mode="不予公开")
        response = admin_client.get(f"/admin/pages/{item.pk}/view_draft/")
        assert response.status_code == 200


class TestViewCount:
    def test_get_counts(self, tree, client):
        item = make_item(tree[4])
        client.get(item.url)
        client.get(item.url)
        assert reload(item).view_count == 2

    def test_head_and_404_do_not_count(self, tree, client):
        item = make_item(tree[4])
        client.head(item.url)
        withheld = make_item(tree[4], "不予公开", disclosure_mode="不予公开")
        client.get(withheld.url)
        assert reload(item).view_count == 0
        assert reload(withheld).view_count == 0

    def test_preview_and_view_draft_do_not_count(self, tree, admin_client):
        item = make_item(tree[4])
        assert admin_client.get(f"/admin/pages/{item.pk}/view_draft/").status_code == 200
        assert reload(item).view_count == 0

    def test_publishing_keeps_the_count(self, tree, client):
        item = make_item(tree[4])
        client.get(item.url)
        page = reload(item)
        page.title = "新标题"
        page.save_revision().publish()
        assert reload(item).view_count == 1


class TestPolicyInterpretationLinks:
    @pytest.fixture
    def policy_pair(self, tree):
        level3 = tree[4]
        policy = make_item(level3, "明光镇耕地地力保护补贴实施办法", kind="policy", document_number="明政发〔2026〕5号")
        interpretation = make_item(
            level3, "《耕地地力保护补贴实施办法》解读", kind="interpretation", interpreted_document=policy
        )
        return policy, interpretation

    def test_policy_shows_its_interpretations(self, policy_pair, client):
        policy, interpretation = policy_pair
        html = client.get(policy.url).content.decode()
        assert "政策解读" in html
        assert f'href="{path_of(interpretation)}"' in html

    def test_interpretation_shows_its_policy(self, policy_pair, client):
        policy, interpretation = policy_pair
        html = client.get(interpretation.url).content.decode()
        assert "解读的政策文件" in html
        assert f'href="{path_of(policy)}"' in html
        assert "明政发〔2026〕5号" in html

    def test_hidden_interpretation_not_linked(self, policy_pair, client):
        policy, interpretation = policy_pair
        interpretation.unpublish()
        html = client.get(policy.url).content.decode()
        assert path_of(interpretation) not in html

    def test_withheld_policy_not_linked(self, policy_pair, client):
        policy, interpretation = policy_pair
        DisclosureItemPage.objects.filter(pk=policy.pk).update(disclosure_mode="不予公开")
        html = client.get(interpretation.url).content.decode()
        assert "解读的政策文件" not in html

    def test_only_interpretations_may_point_at_a_policy(self, policy_pair):
        from django.core.exceptions import ValidationError

        policy, _ = policy_pair
        item = reload(make_item(policy.get_parent(), "普通信息"))
        item.interpreted_document = policy
        with pytest.raises(ValidationError) as excinfo:
            item.full_clean()
        assert "只有政策解读" in str(excinfo.value)

    def test_interpretation_must_point_at_a_policy_document(self, tree):
        from django.core.exceptions import ValidationError

        plain = make_item(tree[4], "普通信息")
        interpretation = reload(make_item(tree[4], "解读", kind="interpretation"))
        interpretation.interpreted_document = plain
        with pytest.raises(ValidationError) as excinfo:
            interpretation.full_clean()
        assert "政策文件" in str(excinfo.value)


class TestAdminPreview:
    def form_data(self, publisher_id, title="预览中的信息"):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        return nested_form_data(
            {
                "title": title,
                "slug": "preview-item",
                "kind": "policy",
                "publisher": publisher_id,
                "created_on": "2026-03-02",
                "disclosed_on": "",
                "disclosure_mode": "主动公开",
                "scope": "全部公开",
                "validity": "现行有效",
                "body": rich_text("<p>预览正文</p>"),
                "attachments": inline_formset([]),
                "comments": inline_formset([]),
            }
        )

    def test_preview_on_create_renders_without_counting(self, tree, admin_client):
        from tests.factories import make_organisation

        level3 = tree[4]
        url = f"/admin/pages/add/disclosure/disclosureitempage/{level3.pk}/preview/"
        response = admin_client.post(url, self.form_data(make_organisation().pk))
        assert response.status_code == 200, response.content.decode()[:500]
        assert response.json()["is_valid"]
        html = admin_client.get(url).content.decode()
        assert "预览中的信息" in html and "预览正文" in html
        assert "（发布时生成）" in html

    def test_preview_on_edit_does_not_count_views(self, tree, admin_client):
        item = make_item(tree[4])
        url = f"/admin/pages/{item.pk}/edit/preview/"
        admin_client.post(url, self.form_data(item.publisher_id, title="改后的标题"))
        html = admin_client.get(url).content.decode()
        assert "改后的标题" in html
        assert reload(item).view_count == 0
