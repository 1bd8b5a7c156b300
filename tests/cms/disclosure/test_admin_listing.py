"""The 公开信息 admin listing: columns, 超时 flag, the late filter and a constant query count."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_item

URL_NAME = "disclosure_items:index"


def listing(client, **params):
    response = client.get(reverse(URL_NAME), params)
    assert response.status_code == 200
    return response.content.decode()


class TestListing:
    def test_menu_entry(self, tree, admin_client):
        import json

        html = admin_client.get("/admin/").content.decode()
        # The sidebar menu is embedded as JSON (non-ASCII escaped); decode it to read the labels.
        props = html.split('id="wagtail-sidebar-props"')[1].split(">", 1)[1].split("</script>")[0]
        menu = json.dumps(json.loads(props), ensure_ascii=False)
        assert "公开信息" in menu
        assert "/admin/disclosure_items/" in menu
        assert reverse(URL_NAME) == "/admin/disclosure_items/"

    def test_columns_and_values(self, tree, admin_client):
        make_item(tree[4], "按时信息", created_on=dt.date(2026, 3, 2), disclosed_on=dt.date(2026, 3, 5))
        html = listing(admin_client)
        for header in ["索引号", "发布机构", "公开日期", "时效", "审核状态"]:
            assert header in html
        assert "按时信息" in html
        assert "01526095-6/2026-00001" in html
        assert "明光镇人民政府" in html
        assert "3个工作日" in html
        assert "超时" not in html.split("<tbody")[1]

    def test_late_item_flagged(self, tree, admin_client):
        make_item(tree[4], "超时信息", created_on=dt.date(2026, 3, 2), disclosed_on=dt.date(2026, 3, 31))
        html = listing(admin_client)
        assert "21个工作日" in html
        assert "超时</span>" in html

    def test_draft_shows_review_state(self, tree, admin_client):
        make_item(tree[4], "草稿信息", publish=False, disclosed_on=None)
        html = listing(admin_client)
        assert "草稿信息" in html
        assert "未公开" in html
        assert "草稿" in html

    def test_late_filter(self, tree, admin_client):
        level3 = tree[4]
        make_item(level3, "按时信息", created_on=dt.date(2026, 3, 2), disclosed_on=dt.date(2026, 3, 30))
        make_item(level3, "超时信息", created_on=dt.date(2026, 3, 2), disclosed_on=dt.date(2026, 3, 31))
        late = listing(admin_client, timeliness="late")
        assert "超时信息" in late and "按时信息" not in late
        on_time = listing(admin_client, timeliness="on_time")
        assert "按时信息" in on_time and "超时信息" not in on_time
        everything = listing(admin_client, timeliness="nonsense")
        assert "按时信息" in everything

    def test_anonymous_redirected_to_login(self, tree, client):
        response = client.get(reverse(URL_NAME))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_constant_query_count(self, tree, admin_client):
        level3 = tree[4]
        for i in range(3):
            make_item(level3, f"信息{i}")
        make_item(level3, "草稿", publish=False)
        listing(admin_client)
        with CaptureQueriesContext(connection) as few:
            listing(admin_client)
        for i in range(27):
            make_item(level3, f"更多{i}", created_on=dt.date(2026, 1, 5), disclosed_on=dt.date(2026, 3, 31))
        with CaptureQueriesContext(connection) as many:
            html = listing(admin_client)
        assert "更多26" in html
        assert len(many) == len(few), "\n".join(q["sql"][:300] for q in many.captured_queries)


class TestListingPerRole:
    def make_user(self, django_user_model, group_name=None):
        from django.contrib.auth.models import Group, Permission

        user = django_user_model.objects.create_user(username=f"u-{group_name or 'plain'}", password="pw")
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        else:
            user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        return user

    def test_editor_and_reviewer_see_the_listing(self, tree, client, django_user_model):
        make_item(tree[4], "编辑可见")
        for group in ("编辑", "审核员", "管理员"):
            client.force_login(self.make_user(django_user_model, group))
            assert "编辑可见" in listing(client), group

    def test_user_without_page_permissions_is_refused(self, tree, client, django_user_model):
        make_item(tree[4], "不可见")
        client.force_login(self.make_user(django_user_model))
        response = client.get(reverse(URL_NAME))
        assert response.status_code in (302, 403)
        assert "不可见" not in response.content.decode()

    def test_item_in_review_shows_the_task(self, tree, client, django_user_model):
        editor = self.make_user(django_user_model, "编辑")
        item = make_item(tree[4], "待审信息", publish=False)
        workflow = item.get_workflow()
        assert workflow is not None
        workflow.start(item, editor)
        client.force_login(editor)
        html = listing(client)
        task_name = workflow.tasks.first().name
        assert f"审核中（{task_name}）" in html
