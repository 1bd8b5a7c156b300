"""The disclosure import in the Wagtail admin: preview with notices, confirm, permissions."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from cms.core.models import Organisation
from cms.disclosure.models import DisclosureItemPage
from tests.cms.core.imports.spreadsheets import make_csv, make_xlsx
from tests.cms.disclosure.test_import_disclosures import HEADERS, row

URL = "/admin/imports/disclosures/"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads awaiting confirmation go to import-export's storage under MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor(db, django_user_model, tree):
    """May enter the admin and add (not publish) pages under the township's catalog."""
    user = django_user_model.objects.create_user(username="editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    group = Group.objects.create(name="导入测试编辑")
    GroupPagePermission.objects.create(
        group=group, page=tree[1], permission=Permission.objects.get(codename="add_page")
    )
    user.groups.add(group)
    return user


def upload(client, township, content, name="items.xlsx", **extra):
    file = io.BytesIO(content)
    file.name = name
    return client.post(URL, {"import_file": file, "township": township.pk, **extra})


def confirm(client, response, township, **extra):
    return client.post(
        URL,
        {
            "stored_name": response.context["stored_name"],
            "original_name": "items.xlsx",
            "township": township.pk,
            **extra,
        },
        follow=True,
    )


def counts():
    return Page.objects.count(), Organisation.objects.count()


@pytest.mark.django_db
class TestDisclosureImportView:
    def test_preview_lists_new_publishers_and_saves_nothing(self, admin_client, tree):
        township = tree[0]
        before = counts()
        response = upload(admin_client, township, make_xlsx(HEADERS, [row(**{"发布机构": "明光镇财政所"})]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "将新建发布机构：明光镇财政所" in html
        assert "确认导入" in html
        assert counts() == before

    def test_confirm_creates_drafts(self, admin_client, tree):
        township = tree[0]
        preview = upload(admin_client, township, make_xlsx(HEADERS, [row(), row("第二条", number="")]))
        response = confirm(admin_client, preview, township)
        assert "导入完成" in response.content.decode()
        items = DisclosureItemPage.objects.all()
        assert items.count() == 2
        assert not any(i.live for i in items)

    def test_confirm_with_publish(self, admin_client, tree):
        township = tree[0]
        preview = upload(admin_client, township, make_xlsx(HEADERS, [row()]), publish="on")
        assert preview.context["form"].cleaned_data["publish"] is True
        confirm(admin_client, preview, township, publish="True")
        item = DisclosureItemPage.objects.get()
        assert item.live and item.index_number

    def test_errors_shown_per_row_and_nothing_saved(self, admin_client, tree):
        township = tree[0]
        before = counts()
        rows = [row(**{"发布机构": "新机构"}), row("重复", **{"成文日期": "2026-02-30"})]
        response = upload(admin_client, township, make_csv(rows=rows, headers=HEADERS, encoding="gbk"), "items.csv")
        html = response.content.decode()
        assert "第 3 行【成文日期】：日期格式有误「2026-02-30」，应为 YYYY-MM-DD" in html
        assert "第 3 行【文号】：文号「明政发〔2026〕1号」与第 2 行重复" in html
        assert response.context["stored_name"] == ""
        assert counts() == before

    def test_editor_may_import_drafts_but_not_publish(self, client, editor, tree):
        township = tree[0]
        client.force_login(editor)
        assert client.get(URL).status_code == 200
        response = upload(client, township, make_xlsx(HEADERS, [row()]), publish="on")
        assert "没有" in " ".join(response.context["report"].errors)
        assert DisclosureItemPage.objects.count() == 0
        preview = upload(client, township, make_xlsx(HEADERS, [row()]))
        confirm(client, preview, township)
        assert DisclosureItemPage.objects.get().live is False

    def test_user_without_page_permission_is_refused(self, client, django_user_model, tree):
        user = django_user_model.objects.create_user(username="nobody", password="pw")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 302 and response["Location"] == "/admin/"
        before = counts()
        upload(client, tree[0], make_xlsx(HEADERS, [row()]))
        assert counts() == before

    def test_user_without_admin_access_is_refused(self, client, django_user_model, tree):
        user = django_user_model.objects.create_user(username="citizen", password="pw")
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 302
        assert "/admin/" in response["Location"]
        assert "确认导入" not in client.get(URL, follow=True).content.decode()
