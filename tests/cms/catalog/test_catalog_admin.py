"""Catalog admin: menu group, listings with filters and export, and the catalog import pages."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.admin.menu import admin_menu

from cms.catalog.models import CatalogItem
from tests.cms.catalog.test_catalog_import import HEADERS, row
from tests.cms.core.imports.spreadsheets import make_csv, make_xlsx

IMPORT_URL = "/admin/imports/catalog-items/"
LIST_URL = "/admin/snippets/catalog/catalogitem/"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads awaiting confirmation go to import-export's storage under MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(username="root", email="root@example.com", password="pw")


@pytest.fixture
def admin_only_user(db, django_user_model):
    """Can enter the Wagtail admin, but may not add catalog items."""
    user = django_user_model.objects.create_user(username="viewer", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def menu_labels(rf, user) -> list[str]:
    """Labels of the "公开目录管理" submenu as ``user`` sees it (empty if the group is hidden)."""
    request = rf.get("/admin/")
    request.user = user
    group = next((i for i in admin_menu.menu_items_for_request(request) if i.label == "公开目录管理"), None)
    if group is None:
        return []
    return [str(i.label) for i in group.menu.menu_items_for_request(request)]


def make_items(township, count, start=1):
    for n in range(start, start + count):
        CatalogItem.objects.create(township=township, sequence=n, area="农业农村", matter=f"事项{n}")


@pytest.mark.django_db
class TestCatalogItemListing:
    def test_listing_has_filters_import_button_and_constant_queries(self, client, superuser, tree):
        township = tree[0]
        client.force_login(superuser)
        make_items(township, 3)
        with CaptureQueriesContext(connection) as few:
            response = client.get(LIST_URL)
        assert response.status_code == 200
        make_items(township, 12, start=4)
        with CaptureQueriesContext(connection) as many:
            response = client.get(LIST_URL)
        assert len(many) == len(few)
        html = response.content.decode()
        assert IMPORT_URL in html
        assert "导入" in html
        assert "公开层级" in html  # the tier filter

    def test_filter_by_mode(self, client, superuser, tree):
        township = tree[0]
        client.force_login(superuser)
        CatalogItem.objects.create(township=township, sequence=1, area="a", matter="主动事项", mode="主动")
        CatalogItem.objects.create(township=township, sequence=2, area="a", matter="依申请事项", mode="依申请")
        html = client.get(LIST_URL, {"mode": "依申请"}).content.decode()
        assert "依申请事项" in html and "主动事项" not in html

    def test_xlsx_export_uses_import_columns_and_round_trips(self, client, superuser, tree, tmp_path):
        township, _c, _l1, level2, _l3 = tree
        client.force_login(superuser)
        CatalogItem.objects.create(
            township=township,
            sequence=7,
            area="农业农村",
            matter="惠农补贴",
            channels=["政府网站", "公开查阅点"],
            directory=level2,
        )
        response = client.get(LIST_URL, {"export": "xlsx"})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == [
            "序号", "一级事项", "二级事项", "公开内容(要素)", "公开依据", "公开时限", "公开主体",
            "公开渠道和载体", "公开对象", "公开方式", "公开层级", "所属目录",
        ]  # fmt: skip
        assert rows[1][0] == "7"
        assert rows[1][7] == "政府网站、公开查阅点"
        assert rows[1][11] == "农业农村/农业农村政策落实"

    def test_menu_group(self, rf, superuser, admin_only_user, tree):
        assert menu_labels(rf, superuser) == ["标准目录事项", "负面清单", "发布机构", "导入标准目录", "导入公开信息"]
        assert menu_labels(rf, admin_only_user) == []

    def test_other_listings(self, client, superuser, tree):
        client.force_login(superuser)
        for url in ["/admin/snippets/catalog/negativelistentry/", "/admin/snippets/core/organisation/"]:
            assert client.get(url).status_code == 200


@pytest.mark.django_db
class TestCatalogImportView:
    def upload(self, client, content, name="c.xlsx", **extra):
        from cms.core.models import TownshipPage

        upload = io.BytesIO(content)
        upload.name = name
        return client.post(IMPORT_URL, {"import_file": upload, "township": TownshipPage.objects.get().pk, **extra})

    def test_get_shows_columns_and_template(self, client, superuser, tree):
        client.force_login(superuser)
        response = client.get(IMPORT_URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert "必填列：" in html and "序号、一级事项、二级事项" in html
        template = client.get(reverse("imports_catalog_items_template"))
        sheet = load_workbook(io.BytesIO(b"".join(template.streaming_content))).active
        assert next(sheet.iter_rows(values_only=True))[0] == "序号"

    def test_preview_then_confirm(self, client, superuser, tree):
        client.force_login(superuser)
        response = self.upload(client, make_xlsx(HEADERS, [row(1), row(2, "土地承包")]))
        assert response.status_code == 200
        assert CatalogItem.objects.count() == 0
        report = response.context["report"]
        assert report.dry_run and not report.has_errors
        assert [r.status_label for r in report.rows] == ["新建", "新建"]
        stored_name = response.context["stored_name"]
        assert stored_name and "确认导入" in response.content.decode()

        response = client.post(
            IMPORT_URL, {"stored_name": stored_name, "original_name": "c.xlsx", "township": tree[0].pk}, follow=True
        )
        assert CatalogItem.objects.count() == 2
        assert response.redirect_chain[-1][0] == LIST_URL
        assert "导入完成" in response.content.decode()

    def test_preview_with_errors_offers_no_confirm(self, client, superuser, tree):
        client.force_login(superuser)
        response = self.upload(
            client, make_csv(HEADERS, [row(1), row(2, **{"公开层级": "省级"})], encoding="gbk"), "c.csv"
        )
        html = response.content.decode()
        assert "第 3 行【公开层级】：无效的取值「省级」" in html
        assert "未保存任何数据" in html
        assert response.context["stored_name"] == ""
        assert CatalogItem.objects.count() == 0

    def test_unreadable_file_is_a_form_error(self, client, superuser, tree):
        client.force_login(superuser)
        response = self.upload(client, b"PK\x03\x04broken", "c.xlsx")
        assert response.status_code == 200
        assert "无法读取 Excel" in response.content.decode()

    def test_tampered_stored_name(self, client, superuser, tree):
        client.force_login(superuser)
        response = client.post(IMPORT_URL, {"stored_name": "../../etc/passwd", "township": tree[0].pk})
        assert response.status_code == 302
        assert CatalogItem.objects.count() == 0

    def test_user_without_add_permission_is_refused(self, client, admin_only_user, tree):
        # Wagtail turns PermissionDenied into a redirect to the dashboard with an error message.
        client.force_login(admin_only_user)
        for response in [
            client.get(IMPORT_URL),
            client.post(IMPORT_URL, {"stored_name": "0" * 32, "township": tree[0].pk}),
            client.get(reverse("imports_catalog_items_template")),
        ]:
            assert response.status_code == 302
            assert response["Location"] == "/admin/"
        assert CatalogItem.objects.count() == 0
        assert "导入标准目录" not in menu_labels(RequestFactory(), admin_only_user)

    def test_user_with_add_permission_may_import(self, client, admin_only_user, tree):
        group = Group.objects.create(name="目录编辑")
        group.permissions.add(Permission.objects.get(codename="add_catalogitem"))
        admin_only_user.groups.add(group)
        client.force_login(admin_only_user)
        assert client.get(IMPORT_URL).status_code == 200

    def test_anonymous_is_sent_to_login(self, client, tree):
        response = client.get(IMPORT_URL)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
