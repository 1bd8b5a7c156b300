"""public_items: the one definition of "public" (live, unrestricted, unexpired, not withheld)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.catalog.models import NegativeListEntry
from cms.disclosure import selectors
from cms.disclosure.models import DisclosureItemPage
from tests.factories import make_catalog, make_directory, make_item, make_township


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


class TestPublicItems:
    def test_live_item_is_public(self, tree):
        item = make_item(tree[4], "公开")
        assert titles(selectors.public_items()) == ["公开"]
        assert selectors.is_public(item)

    def test_draft_is_not_public(self, tree):
        item = make_item(tree[4], "草稿", publish=False)
        assert not selectors.is_public(item)

    def test_unpublished_is_not_public(self, tree):
        item = make_item(tree[4], "撤下")
        item.unpublish()
        assert not selectors.is_public(item)

    @pytest.mark.parametrize("mode", ["不予公开", "依申请公开"])
    def test_withheld_modes_are_not_public(self, tree, mode):
        item = make_item(tree[4], mode, disclosure_mode=mode)
        assert item.live and item.is_withheld
        assert not selectors.is_public(item)
        assert item not in selectors.public_items()

    def test_proactive_mode_is_public(self, tree):
        item = make_item(tree[4], "主动公开", disclosure_mode="主动公开")
        assert selectors.is_public(item)

    def test_negative_list_entry_is_withheld(self, tree):
        township = tree[0]
        entry = NegativeListEntry.objects.create(township=township, matter="涉密事项", legal_basis="保密法")
        item = make_item(tree[4], "负面清单", negative_list_entry=entry)
        assert not selectors.is_public(item)

    def test_view_restriction_on_ancestor_hides_item(self, tree):
        item = make_item(tree[4], "受限")
        PageViewRestriction.objects.create(page=tree[2], restriction_type=PageViewRestriction.LOGIN)
        assert not selectors.is_public(item)

    def test_view_restriction_on_item_hides_it(self, tree):
        item = make_item(tree[4], "受限")
        other = make_item(tree[4], "其他")
        PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.PASSWORD, password="x")
        assert titles(selectors.public_items()) == [other.title]

    def test_item_below_unpublished_directory_is_not_public(self, tree):
        item = make_item(tree[4], "草稿目录下")
        tree[3].unpublish()
        assert not selectors.is_public(item)
        assert selectors.has_hidden_ancestor(item)

    def test_item_below_expired_directory_is_not_public(self, tree):
        item = make_item(tree[4], "过期目录下")
        type(tree[2]).objects.filter(pk=tree[2].pk).update(expire_at=timezone.now() - dt.timedelta(minutes=1))
        assert not selectors.is_public(item)

    def test_expired_item_is_not_public(self, tree):
        item = make_item(tree[4], "过期")
        DisclosureItemPage.objects.filter(pk=item.pk).update(expired=True)
        assert not selectors.is_public(item)

    def test_past_expire_at_hides_item_before_the_scheduler_runs(self, tree):
        item = make_item(tree[4], "到期")
        DisclosureItemPage.objects.filter(pk=item.pk).update(expire_at=timezone.now() - dt.timedelta(minutes=1))
        assert not selectors.is_public(item)

    def test_future_expire_at_is_still_public(self, tree):
        item = make_item(tree[4], "未到期")
        DisclosureItemPage.objects.filter(pk=item.pk).update(expire_at=timezone.now() + dt.timedelta(days=1))
        assert selectors.is_public(item)

    def test_township_filter(self, tree):
        make_item(tree[4], "本镇")
        other = make_township("另一镇", organisation_code="000000-1", hostname="other.example")
        directory = make_directory(make_catalog(other), "其他目录")
        make_item(directory, "外镇")
        assert titles(selectors.public_items(tree[0])) == ["本镇"]
        assert titles(selectors.public_items(other)) == ["外镇"]
        assert titles(selectors.public_items()) == ["外镇", "本镇"]


class TestCatalogTree:
    def test_counts_include_subdirectories_and_only_public_items(self, tree):
        township, catalog, level1, level2, level3 = tree
        make_item(level3, "三级信息")
        make_item(level3, "草稿", publish=False)
        make_item(level3, "不予公开", disclosure_mode="不予公开")
        other1 = make_directory(catalog, "财政预决算")
        make_item(other1, "预算")
        tree_nodes = selectors.catalog_tree(catalog)
        by_title = {node.page.title: node for node in tree_nodes}
        assert by_title["农业农村"].count == 1
        assert by_title["财政预决算"].count == 1
        level2_node = by_title["农业农村"].children[0]
        assert (level2_node.level, level2_node.count) == (2, 1)
        assert (level2_node.children[0].level, level2_node.children[0].count) == (3, 1)

    def test_draft_directory_is_hidden_with_its_subtree(self, tree):
        township, catalog, level1, level2, level3 = tree
        level2.unpublish()
        nodes = selectors.catalog_tree(catalog)
        assert [n.page.title for n in nodes] == ["农业农村"]
        assert nodes[0].children == []

    def test_max_depth(self, tree):
        catalog = tree[1]
        nodes = selectors.catalog_tree(catalog, max_depth=1)
        assert nodes[0].children == []


class TestLateItems:
    def test_late_ids_use_working_days(self, tree):
        level3 = tree[4]
        # 2026-03-02 (Mon) + 20 working days = 2026-03-30 (Mon): on time; 03-31 is the 21st working day.
        on_time = make_item(level3, "按时", created_on=dt.date(2026, 3, 2), disclosed_on=dt.date(2026, 3, 30))
        late = make_item(level3, "超时", created_on=dt.date(2026, 3, 2), disclosed_on=dt.date(2026, 3, 31))
        ids = selectors.late_item_ids(DisclosureItemPage.objects.all())
        assert ids == [late.pk]
        assert late.is_late and not on_time.is_late
