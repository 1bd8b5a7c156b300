"""The admin dashboard, the public statistics page, and both xlsx exports (masked vs unmasked)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from grid.dashboards.charts import Series, bar_chart, line_chart
from grid.exports import HEADERS, appeals_workbook
from grid.models import Appeal, AppealStatus, IdentityAccessLog, Satisfaction
from tests.factories import make_township
from tests.grid.dashboards.builders import make_appeal, make_grid_world


def _user(username: str, *perms: str, superuser: bool = False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username=username, password="x", email=f"{username}@example.cn")
    user = User.objects.create_user(username=username, password="x")
    for codename in perms:
        app, code = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=code))
    return user


@pytest.fixture
def world(db):
    world = make_grid_world(make_township())
    now = timezone.now()
    world.appeals = [
        make_appeal(
            world,
            grid_unit=world.g1,
            received=now - dt.timedelta(days=3),
            status=AppealStatus.CLOSED,
            closed_at=now - dt.timedelta(days=1),
            due_on=timezone.localdate() + dt.timedelta(days=3),
            satisfaction=Satisfaction.SATISFIED,
            appellant_name="张三丰",
            appellant_phone="13912345678",
            appellant_id_number="530581199001011234",
            description='=HYPERLINK("http://evil")',
        ),
        make_appeal(
            world,
            category=world.sanitation,
            grid_unit=world.g2,
            received=now - dt.timedelta(days=2),
            is_confidential=True,
            appellant_name="李四",
            appellant_phone="13800001111",
        ),
    ]
    return world


@pytest.fixture
def staff(world):
    """Admin access and appeal figures, but not the appellants' identity."""
    return _user("staff", "wagtailadmin.access_admin", "grid.view_appeal")


def sheet_rows(content: bytes, title: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))[title].iter_rows(values_only=True))


class TestCharts:
    def test_labels_are_escaped_and_values_drawn(self):
        svg = bar_chart("标题<b>", ["<script>", "二月"], [Series("受理", [3, None]), Series("办结", [1, 2])])
        assert svg.startswith("<svg") and "<script>" not in svg and "&lt;script&gt;" in svg
        assert svg.count("<rect x=") == 3 + 2  # three bars plus the two legend keys

    def test_line_chart_breaks_on_missing_values(self):
        svg = line_chart("率", ["1月", "2月", "3月"], [Series("按期", [0.5, None, 1.0])], percent=True)
        assert svg.count("<polyline") == 2 and "100%" in svg


class TestAdminDashboard:
    url = "/admin/grid/statistics/"

    def test_superuser_sees_tables_and_svg_charts(self, client, world):
        client.force_login(_user("boss", superuser=True))
        for by, label in (("month", ""), ("grid", "MG-01 大寨网格"), ("category", "基础设施 / 道路")):
            response = client.get(self.url, {"by": by})
            assert response.status_code == 200
            body = response.content.decode()
            assert body.count('class="grid-chart"') == 2 and label in body
            assert "张三丰" not in body and '<script src="http' not in body

    def test_bad_filter_is_a_clear_400(self, client, world):
        client.force_login(_user("boss", superuser=True))
        response = client.get(self.url, {"start": "2026-13", "by": "week"})
        assert response.status_code == 400
        body = response.content.decode()
        assert "月份超出范围" in body and "统计维度只能是" in body
        response = client.get(self.url, {"start": "2026-05", "end": "2026-01"})
        assert "截止月份不能早于起始月份" in response.content.decode()

    def test_user_without_permission_is_turned_away(self, client, world):
        client.force_login(_user("clerk", "wagtailadmin.access_admin"))
        assert client.get(self.url).status_code == 302
        client.logout()
        assert client.get(self.url).status_code == 302

    def test_menu_item_under_grid_statistics(self, client, world, staff):
        from grid.dashboards.wagtail_hooks import statistics_menu_item

        item = statistics_menu_item()
        assert item.label == "统计" and item.url == self.url
        client.force_login(_user("boss", superuser=True))
        assert self.url in client.get("/admin/").content.decode()  # in the 网格化管理 group's menu


class TestPublicStatistics:
    url = "/grid/statistics/"

    def test_figures_without_personal_data_or_grids(self, client, world):
        response = client.get(self.url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "诉求办理统计" in body and body.count('class="grid-chart"') == 4
        for secret in ("张三丰", "13912345678", "李四", "大寨网格", "小河网格", "MG-01"):
            assert secret not in body
        assert "基础设施 / 道路" in body and "环境卫生" in body

    def test_bad_month_is_400_in_chinese(self, client, world):
        response = client.get(self.url, {"end": "soon"})
        assert response.status_code == 400
        assert "月份格式应为 YYYY-MM" in response.content.decode()

    def test_constant_queries(self, client, world, django_assert_num_queries):
        client.get(self.url)
        with CaptureQueriesContext(connection) as first:
            client.get(self.url)
        assert len(first) <= 12
        for day in range(5):
            make_appeal(world, received=timezone.now() - dt.timedelta(days=40 + day), grid_unit=world.g2)
        with django_assert_num_queries(len(first)):
            client.get(self.url)


class TestDashboardExport:
    def test_three_sheets_with_the_figures(self, client, world):
        client.force_login(_user("boss", superuser=True))
        response = client.get("/admin/grid/statistics/export.xlsx")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.sheetnames == ["按月份", "按网格", "按诉求分类"]
        rows = sheet_rows(response.content, "按网格")
        assert rows[1][:3] == ("分组", "受理数", "办结数")
        assert rows[2][:3] == ("MG-01 大寨网格", 1, 1) and rows[-1][:3] == ("合计", 2, 1)

    def test_bad_filter(self, client, world):
        client.force_login(_user("boss", superuser=True))
        response = client.get("/admin/grid/statistics/export.xlsx", {"start": "x"})
        assert response.status_code == 400 and "月份格式应为" in response.content.decode()


class TestAppealsExport:
    url = "/admin/grid/appeals/export.xlsx"

    def test_masked_without_the_identity_permission(self, client, world, staff):
        client.force_login(staff)
        response = client.get(self.url)
        assert response.status_code == 200
        rows = sheet_rows(response.content, "诉求明细")
        assert list(rows[0]) == HEADERS
        first = dict(zip(HEADERS, rows[1], strict=True))
        assert (first["诉求人姓名"], first["诉求人电话"], first["诉求人身份证号"]) == (
            "张**",
            "139****5678",
            "5305**********1234",
        )
        assert not IdentityAccessLog.objects.exists()

    def test_full_identity_with_the_permission_and_logged(self, client, world):
        user = _user("officer", "wagtailadmin.access_admin", "grid.view_appeal", "grid.view_appellant_identity")
        client.force_login(user)
        rows = sheet_rows(client.get(self.url).content, "诉求明细")
        first, second = (dict(zip(HEADERS, row, strict=True)) for row in rows[1:])
        assert (first["诉求人姓名"], first["诉求人电话"]) == ("张三丰", "13912345678")
        assert second["是否保密"] == "是" and second["网格"] == "MG-02 小河网格"
        assert first["诉求内容"] == '=HYPERLINK("http://evil")'  # text, not a formula
        assert set(IdentityAccessLog.objects.values_list("appeal__serial", "user__username", "purpose")) == {
            (world.appeals[0].serial, "officer", "export"),
            (world.appeals[1].serial, "officer", "export"),
        }

    def test_formula_text_is_stored_as_a_string(self, world):
        content = appeals_workbook(queryset=Appeal.objects.all(), user=None)
        cell = load_workbook(io.BytesIO(content))["诉求明细"]["H2"]
        assert cell.data_type == "s"

    def test_constant_queries(self, world, django_assert_num_queries):
        user = _user("officer2", "grid.view_appellant_identity")
        # the user's permissions (2), the appeals (joined), one log insert per chunk
        with django_assert_num_queries(4):
            appeals_workbook(queryset=Appeal.objects.all(), user=user)
        user = get_user_model().objects.get(pk=user.pk)
        for day in range(10):
            make_appeal(world, received=timezone.now() - dt.timedelta(days=day), grid_unit=world.g1)
        with django_assert_num_queries(4):
            appeals_workbook(queryset=Appeal.objects.all(), user=user)

    def test_no_access_without_permission(self, client, world):
        client.force_login(_user("clerk", "wagtailadmin.access_admin"))
        assert client.get(self.url).status_code == 302
