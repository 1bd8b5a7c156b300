"""load_demo: the demo township is complete, consistent and loaded only once."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page, Revision, Site

from cms.catalog.models import CatalogDirectoryPage, CatalogIndexPage, CatalogItem, NegativeListEntry
from cms.core.demo import data
from cms.core.models import Organisation, TownshipPage
from cms.disclosure.models import DisclosureItemPage, ItemKind, Validity
from cms.workflow.services import review_state

STANDARD_AREAS = {
    "安全生产",
    "税收管理",
    "征地补偿",
    "国有土地上房屋征收与补偿",
    "重大建设项目",
    "公共文化服务",
    "扶贫",
    "救灾",
    "社会救助",
    "养老服务",
    "户籍管理",
    "涉农补贴",
    "食品药品监管",
    "城乡规划",
    "生态环境",
    "公共法律服务",
    "财政预决算",
    "就业",
    "医疗卫生",
    "市政服务",
    "农村危房改造",
    "义务教育",
    "公共资源交易",
    "卫生计生",
    "保障性住房",
    "城市综合执法",
}


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def content_counts() -> dict[str, int]:
    from wagtail.models import WorkflowState

    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "catalog_items": CatalogItem.objects.count(),
        "negative": NegativeListEntry.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
        "workflow_states": WorkflowState.objects.count(),
    }


class TestLoadDemoContent(TestCase):
    """One load per class; each test reads a different part of what it built."""

    @classmethod
    def setUpTestData(cls):
        cls.output = load_demo()
        cls.township = TownshipPage.objects.get(slug=data.TOWNSHIP["slug"])
        cls.items = DisclosureItemPage.objects.descendant_of(cls.township)

    def test_reports_progress(self):
        for step in range(1, 9):
            self.assertIn(f"[{step}/8]", self.output)
        self.assertIn("演示数据载入完成", self.output)

    def test_township_is_root_of_the_default_site(self):
        site = Site.objects.get(is_default_site=True)
        self.assertEqual(site.root_page_id, self.township.pk)
        self.assertEqual(site.hostname, "127.0.0.1")
        self.assertEqual(self.township.organisation_code, "01526095-6")
        self.assertIn("0875-", self.township.office_phone)
        self.assertIn("演示", self.township.office_phone)

    def test_wagtail_welcome_page_is_gone(self):
        root_children = Page.get_first_root_node().get_children().specific()
        self.assertEqual([type(page) for page in root_children], [TownshipPage])

    def test_catalog_has_the_26_standard_areas_at_level_one(self):
        catalog = CatalogIndexPage.objects.child_of(self.township).get()
        self.assertEqual(catalog.title, "政府信息公开")
        level1 = CatalogDirectoryPage.objects.child_of(catalog)
        standard = level1.exclude(code="NB")
        self.assertEqual(standard.count(), 26)
        self.assertEqual(set(standard.values_list("title", flat=True)), STANDARD_AREAS)
        self.assertEqual(set(level1.filter(code="NB").values_list("title", flat=True)), {"政府信息公开年报"})

    def test_catalog_has_levels_two_and_three_but_no_four(self):
        catalog = CatalogIndexPage.objects.child_of(self.township).get()
        depths = set(CatalogDirectoryPage.objects.descendant_of(catalog).values_list("depth", flat=True))
        self.assertEqual({d - catalog.depth for d in depths}, {1, 2, 3})

    def test_every_area_has_standard_catalog_rows(self):
        rows = CatalogItem.objects.filter(township=self.township)
        self.assertEqual(set(rows.values_list("area", flat=True)), STANDARD_AREAS)
        self.assertFalse(rows.filter(directory__isnull=True).exists())
        self.assertFalse(rows.filter(basis="").exists())

    def test_negative_list_entries_carry_legal_basis(self):
        entries = NegativeListEntry.objects.filter(township=self.township)
        self.assertGreaterEqual(entries.count(), 3)
        for entry in entries:
            self.assertIn("《", entry.legal_basis)

    def test_builds_at_least_sixty_items(self):
        self.assertGreaterEqual(self.items.count(), 60)
        self.assertGreaterEqual(self.items.live().count(), 60)

    def test_published_items_have_unique_index_numbers_in_the_seed_style(self):
        numbers = list(self.items.live().values_list("index_number", flat=True))
        self.assertEqual(len(numbers), len(set(numbers)))
        for number in numbers:
            self.assertRegex(number, r"^01526095-6/\d{4}-\d{7}$")

    def test_metadata_looks_real(self):
        numbered = self.items.exclude(document_number="")
        self.assertGreaterEqual(numbered.count(), 10)
        for number in numbered.values_list("document_number", flat=True):
            self.assertRegex(number, r"^明[\u4e00-\u9fff]+〔\d{4}〕\d+号$")
        self.assertGreaterEqual(self.items.filter(is_normative=True).count(), 3)
        repealed = self.items.filter(validity=Validity.REPEALED)
        self.assertGreaterEqual(repealed.count(), 1)
        self.assertFalse(repealed.filter(validity_date__isnull=True).exists())
        self.assertFalse(self.items.live().filter(disclosed_on__isnull=True).exists())

    def test_some_items_were_disclosed_late(self):
        late = [item for item in self.items.live() if item.is_late]
        self.assertGreaterEqual(len(late), 2)
        self.assertLess(len(late), self.items.live().count() // 2)

    def test_seed_reports_are_published_annual_reports(self):
        reports = self.items.filter(kind=ItemKind.ANNUAL_REPORT).order_by("created_on")
        self.assertEqual(reports.count(), 5)
        self.assertTrue(all(report.live for report in reports))
        mingguang = reports.get(title="明光镇2017年政府信息公开工作年度报告")
        self.assertEqual(str(mingguang.created_on), "2018-01-02")
        self.assertIn("<p>(一)积极推进政务“五公开”</p>", mingguang.body)
        self.assertGreater(mingguang.body.count("<p>"), 20)

    def test_pending_and_draft_items(self):
        states = [review_state(item) for item in self.items.filter(live=False)]
        self.assertGreaterEqual(states.count("pending"), 5)
        self.assertGreaterEqual(states.count("draft"), 2)

    def test_policy_and_interpretation_are_linked(self):
        interpretation = self.items.get(kind=ItemKind.INTERPRETATION)
        policy = interpretation.interpreted_document.specific
        self.assertEqual(policy.kind, ItemKind.POLICY)
        self.assertTrue(policy.live and interpretation.live)
        self.assertIn(interpretation.title.removesuffix("政策解读"), policy.title)

    def test_users_are_in_their_groups(self):
        User = get_user_model()
        expected = {"admin": "管理员", "editor": "编辑", "reviewer": "审核员"}
        for username, group in expected.items():
            user = User.objects.get(username=username)
            self.assertEqual(list(user.groups.values_list("name", flat=True)), [group])
            self.assertTrue(user.check_password(f"{username}123456"))
            self.assertTrue(user.is_staff)
        self.assertTrue(User.objects.get(username="admin").is_superuser)
        self.assertFalse(User.objects.get(username="editor").is_superuser)

    def test_second_run_changes_nothing(self):
        before = content_counts()
        output = load_demo()
        self.assertEqual(content_counts(), before)
        self.assertIn("未做任何更改", output)
        self.assertNotIn("[1/8]", output)

    def test_reset_rebuilds_the_same_township(self):
        before = content_counts()
        output = load_demo("--reset")
        self.assertIn("已删除演示乡镇", output)
        township = TownshipPage.objects.get(slug=data.TOWNSHIP["slug"])
        self.assertNotEqual(township.pk, self.township.pk)
        after = content_counts()
        for key in ("pages", "revisions", "catalog_items", "negative", "organisations", "users", "workflow_states"):
            self.assertEqual(after[key], before[key], key)
        self.assertEqual(Site.objects.get(is_default_site=True).root_page_id, township.pk)


class TestLoadDemoBesideOtherTownships(TestCase):
    """The demo never touches a township it did not build."""

    def test_other_township_survives_reset(self):
        from tests.factories import make_catalog, make_township

        other = make_township("固东镇", organisation_code="01526096-4", hostname="gudong.example")
        make_catalog(other)
        load_demo()
        load_demo("--reset")
        self.assertTrue(TownshipPage.objects.filter(pk=other.pk).exists())
        self.assertEqual(CatalogIndexPage.objects.child_of(other).count(), 1)
        self.assertEqual(TownshipPage.objects.count(), 2)
