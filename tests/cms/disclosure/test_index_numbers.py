"""索引号: allocated at first publish, formatted from the township's pattern, never changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cms.disclosure.models import DisclosureItemPage
from tests.factories import make_item


def reload(item):
    return DisclosureItemPage.objects.get(pk=item.pk)


class TestIndexNumberAllocation:
    def test_first_publish_allocates_number_with_default_pattern(self, tree):
        township, _, _, _, level3 = tree
        item = make_item(level3)
        assert reload(item).index_number == "01526095-6/2026-00001"

    def test_numbers_follow_each_other(self, tree):
        level3 = tree[4]
        first = make_item(level3)
        second = make_item(level3, "第二条")
        assert reload(first).index_number.endswith("-00001")
        assert reload(second).index_number.endswith("-00002")

    def test_custom_pattern_tokens_and_zero_padding(self, tree):
        township, _, _, _, level3 = tree
        township.index_number_pattern = "MG-{year}-{seq:03d}-{org_code}"
        township.save_revision().publish()
        item = make_item(level3)
        assert reload(item).index_number == "MG-2026-001-01526095-6"

    def test_year_comes_from_disclosed_on(self, tree):
        level3 = tree[4]
        item = make_item(level3, created_on=dt.date(2025, 12, 1), disclosed_on=dt.date(2025, 12, 20))
        later = make_item(level3, created_on=dt.date(2026, 1, 2), disclosed_on=dt.date(2026, 1, 5))
        assert reload(item).index_number == "01526095-6/2025-00001"
        # Each year has its own sequence.
        assert reload(later).index_number == "01526095-6/2026-00001"

    def test_empty_disclosed_on_becomes_today_in_shanghai(self, tree):
        level3 = tree[4]
        item = make_item(level3, created_on=dt.date(2020, 1, 1), disclosed_on=None)
        item = reload(item)
        today = timezone.localdate()
        assert item.disclosed_on == today
        assert item.index_number == f"01526095-6/{today.year}-00001"

    def test_draft_has_no_number(self, tree):
        item = make_item(tree[4], publish=False)
        assert reload(item).index_number == ""

    def test_scheduled_publish_waits_for_go_live(self, tree):
        item = make_item(tree[4], publish=False)
        item.go_live_at = timezone.now() + dt.timedelta(days=3)
        item.save_revision().publish()
        assert reload(item).index_number == ""
        assert not reload(item).live

    def test_copy_gets_its_own_number(self, tree):
        level3 = tree[4]
        item = make_item(level3)
        copy = reload(item).copy(update_attrs={"slug": "copy-of-item", "title": "副本"}, keep_live=True)
        copy = reload(copy)
        assert copy.live
        assert copy.index_number == "01526095-6/2026-00002"
        assert reload(item).index_number == "01526095-6/2026-00001"


class TestIndexNumberImmutable:
    def test_save_cannot_change_or_clear_number(self, tree):
        item = reload(make_item(tree[4]))
        number = item.index_number
        item.index_number = "forged"
        item.save()
        assert reload(item).index_number == number
        item.index_number = ""
        item.save()
        assert reload(item).index_number == number

    def test_republishing_older_revision_keeps_number_and_date(self, tree):
        item = make_item(tree[4], disclosed_on=None)
        first_revision = reload(item).revisions.order_by("created_at").first()
        number, disclosed_on = reload(item).index_number, reload(item).disclosed_on
        page = reload(item)
        page.title = "改过的标题"
        page.save_revision().publish()
        first_revision.publish()
        page = reload(item)
        assert page.title == "关于做好2026年春耕生产工作的通知"
        assert page.index_number == number
        assert page.disclosed_on == disclosed_on

    def test_latest_revision_as_object_carries_number(self, tree):
        item = make_item(tree[4])
        obj = reload(item).get_latest_revision_as_object()
        assert obj.index_number == reload(item).index_number

    def test_admin_edit_and_publish_keeps_number(self, tree, admin_client):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        item = reload(make_item(tree[4]))
        number = item.index_number
        data = nested_form_data(
            {
                "title": "修改后的标题",
                "slug": item.slug,
                "kind": item.kind,
                "topic": "",
                "publisher": item.publisher_id,
                "document_number": "",
                "created_on": "2026-03-02",
                "disclosed_on": "2026-03-06",
                "disclosure_mode": item.disclosure_mode,
                "scope": item.scope,
                "validity": item.validity,
                "validity_date": "",
                "keywords": "",
                "summary": "",
                "body": rich_text("<p>正文</p>"),
                "attachments": inline_formset([]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        response = admin_client.post(f"/admin/pages/{item.pk}/edit/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        page = reload(item)
        assert page.title == "修改后的标题"
        assert page.disclosed_on == dt.date(2026, 3, 6)
        assert page.index_number == number

    def test_admin_edit_form_has_no_number_field_and_shows_publish_date(self, tree, admin_client):
        item = make_item(tree[4], disclosed_on=None)
        response = admin_client.get(f"/admin/pages/{item.pk}/edit/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="index_number"' not in html
        # The latest revision predates publishing, yet the form shows the date set at publish.
        assert f'value="{timezone.localdate():%Y-%m-%d}"' in html


@pytest.mark.django_db
def test_unique_constraint_refuses_duplicate_numbers(tree):
    from django.db import IntegrityError, transaction

    level3 = tree[4]
    first = make_item(level3)
    second = make_item(level3, "第二条")
    with pytest.raises(IntegrityError), transaction.atomic():
        DisclosureItemPage.objects.filter(pk=second.pk).update(index_number=reload(first).index_number)
