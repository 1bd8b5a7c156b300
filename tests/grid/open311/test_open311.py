"""Open311 GeoReport v2 at /open311/v2/: every endpoint, its errors, XML, masking, the 90-day window."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from cms.api.tokens import api_token_create
from grid.models import Appeal, AppealSource, AppealStatus
from tests.factories import make_township
from tests.grid.dashboards.builders import make_appeal, make_grid_world

BASE = "/open311/v2"


@pytest.fixture
def world(db):
    return make_grid_world(make_township())


@pytest.fixture
def now():
    return timezone.now()


def errors_of(response) -> list[dict]:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def _user(username: str, *perms: str, superuser: bool = False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username=username, password="x", email=f"{username}@example.cn")
    user = User.objects.create_user(username=username, password="x")
    for codename in perms:
        app, code = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=code))
    return user


class TestServices:
    def test_json_lists_active_leaf_categories(self, client, world):
        response = client.get(f"{BASE}/services.json")
        assert response.status_code == 200
        assert response.json() == [
            {
                "service_code": "1001",
                "service_name": "道路",
                "description": "办理时限 5 个工作日，默认承办单位：村镇建设服务中心",
                "metadata": False,
                "type": "realtime",
                "keywords": "基础设施,道路",
                "group": "基础设施",
            },
            {
                "service_code": "20",
                "service_name": "环境卫生",
                "description": "办理时限 3 个工作日",
                "metadata": False,
                "type": "realtime",
                "keywords": "环境卫生",
                "group": "",
            },
        ]

    def test_xml(self, client, world):
        response = client.get(f"{BASE}/services.xml")
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
        root = ET.fromstring(response.content)
        assert root.tag == "services"
        assert [s.findtext("service_code") for s in root.findall("service")] == ["1001", "20"]
        assert root.find("service/metadata").text == "false"

    def test_wrong_method_and_unknown_format(self, client, world):
        response = client.post(f"{BASE}/services.json")
        assert response.status_code == 405
        assert errors_of(response) == [{"code": 405, "description": "不支持 POST 方法"}]
        response = client.get(f"{BASE}/services.csv")
        assert response.status_code == 404 and errors_of(response)[0]["code"] == 404

    def test_constant_queries(self, client, world, django_assert_max_num_queries):
        client.get(f"{BASE}/services.json")
        with django_assert_max_num_queries(3):
            client.get(f"{BASE}/services.json")


class TestGetRequests:
    def test_request_element_hides_identity_and_masks_numbers_in_text(self, client, world, now):
        appeal = make_appeal(
            world,
            grid_unit=world.g1,
            received=now - dt.timedelta(days=2),
            description="张三反映路灯不亮，电话13812345678，身份证530581199001011234",
            address="大寨村 12 号",
            lat=25.02,
            lng=98.49,
            appellant_name="张三丰",
            appellant_phone="13912345678",
            appellant_id_number="530581199001011234",
            due_on=dt.date(2026, 12, 1),
            handling_unit=world.unit,
        )
        response = client.get(f"{BASE}/requests.json")
        assert response.status_code == 200
        [row] = response.json()
        body = response.content.decode()
        assert "张三丰" not in body and "13912345678" not in body and "13812345678" not in body
        assert "530581199001011234" not in body
        assert row["description"] == "张三反映路灯不亮，电话138****5678，身份证5305**********1234"
        assert row["service_request_id"] == appeal.serial
        assert row["status"] == "open" and row["status_notes"] == "已受理"
        assert row["service_code"] == "1001" and row["service_name"] == "道路"
        assert row["agency_responsible"] == "村镇建设服务中心"
        assert row["expected_datetime"] == "2026-12-01T23:59:59+08:00"
        assert row["requested_datetime"] == timezone.localtime(appeal.received_at).isoformat(timespec="seconds")
        assert (row["address"], row["address_id"], row["lat"], row["long"]) == ("大寨村 12 号", "MG-01", 25.02, 98.49)

    def test_confidential_appeal_hides_grid_and_place(self, client, world, now):
        make_appeal(world, grid_unit=world.g1, received=now, address="大寨村 12 号", lat=25.0, lng=98.0,
                    is_confidential=True)  # fmt: skip
        [row] = client.get(f"{BASE}/requests.json").json()
        assert (row["address"], row["address_id"], row["lat"], row["long"]) == (None, None, None, None)
        assert "大寨" not in client.get(f"{BASE}/requests.xml").content.decode()

    def test_closed_and_merged_status(self, client, world, now):
        target = make_appeal(world, received=now - dt.timedelta(days=3))
        closed_at = now - dt.timedelta(hours=1)
        done = make_appeal(
            world, received=now - dt.timedelta(days=2), status=AppealStatus.ARCHIVED, closed_at=closed_at
        )
        merged = make_appeal(world, received=now - dt.timedelta(days=1), status=AppealStatus.MERGED, merged_into=target)
        rows = {r["service_request_id"]: r for r in client.get(f"{BASE}/requests.json").json()}
        assert rows[done.serial]["status"] == "closed" and rows[done.serial]["status_notes"] == "已归档"
        assert rows[done.serial]["updated_datetime"] == timezone.localtime(closed_at).isoformat(timespec="seconds")
        assert rows[merged.serial]["status"] == "closed"
        assert rows[merged.serial]["status_notes"] == f"已合并至 {target.serial}"
        closed_only = client.get(f"{BASE}/requests.json", {"status": "closed"}).json()
        assert {r["service_request_id"] for r in closed_only} == {done.serial, merged.serial}
        open_only = client.get(f"{BASE}/requests.json", {"status": "open"}).json()
        assert [r["service_request_id"] for r in open_only] == [target.serial]

    def test_overdue_open_appeal_says_so(self, client, world, now):
        make_appeal(world, received=now - dt.timedelta(days=30), status=AppealStatus.HANDLING,
                    due_on=timezone.localdate() - dt.timedelta(days=1))  # fmt: skip
        [row] = client.get(f"{BASE}/requests.json").json()
        assert row["status_notes"] == "办理中（已逾期）"

    def test_default_window_is_the_last_90_days(self, client, world, now):
        recent = make_appeal(world, received=now - dt.timedelta(days=89))
        make_appeal(world, received=now - dt.timedelta(days=91))
        rows = client.get(f"{BASE}/requests.json").json()
        assert [r["service_request_id"] for r in rows] == [recent.serial]

    def test_start_date_alone_covers_90_days_after_it(self, client, world):
        tz = timezone.get_current_timezone()
        inside = make_appeal(world, received=dt.datetime(2026, 3, 30, 12, tzinfo=tz))
        make_appeal(world, received=dt.datetime(2026, 4, 2, 12, tzinfo=tz))
        rows = client.get(f"{BASE}/requests.json", {"start_date": "2026-01-01T00:00:00+08:00"}).json()
        assert [r["service_request_id"] for r in rows] == [inside.serial]

    def test_date_range_and_service_code(self, client, world):
        tz = timezone.get_current_timezone()
        road = make_appeal(world, received=dt.datetime(2026, 2, 10, 9, tzinfo=tz))
        make_appeal(world, category=world.sanitation, received=dt.datetime(2026, 2, 11, 9, tzinfo=tz))
        params = {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-03-01T00:00:00Z"}
        assert len(client.get(f"{BASE}/requests.json", params).json()) == 2
        for code in ("1001", "10", "1001,99"):  # the leaf, its parent, a list
            rows = client.get(f"{BASE}/requests.json", {**params, "service_code": code}).json()
            assert [r["service_request_id"] for r in rows] == [road.serial]

    def test_service_request_id_overrides_the_window(self, client, world, now):
        old = make_appeal(world, received=now - dt.timedelta(days=400))
        new = make_appeal(world, received=now)
        response = client.get(f"{BASE}/requests.json", {"service_request_id": f"{old.serial},{new.serial},nope"})
        assert [r["service_request_id"] for r in response.json()] == [new.serial, old.serial]

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-05-01T00:00:00Z"}, "相隔不能超过 90 天"),
            ({"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-02-01T00:00:00Z"}, "不能早于"),
            ({"start_date": "yesterday"}, "start_date 格式有误"),
            ({"end_date": "2026-02-30"}, "end_date 格式有误"),
            ({"status": "pending"}, "status 只能是 open 或 closed"),
        ],
    )
    def test_bad_arguments_get_400_in_the_spec_shape(self, client, world, params, message):
        response = client.get(f"{BASE}/requests.json", params)
        assert response.status_code == 400
        [error] = errors_of(response)
        assert error["code"] == 400 and message in error["description"]

    def test_xml_error(self, client, world):
        response = client.get(f"{BASE}/requests.xml", {"status": "pending"})
        assert response.status_code == 400
        root = ET.fromstring(response.content)
        assert root.tag == "errors" and root.findtext("error/code") == "400"
        assert "status" in root.findtext("error/description")

    def test_constant_queries(self, client, world, now, django_assert_num_queries):
        for day in range(3):
            make_appeal(world, grid_unit=world.g1, received=now - dt.timedelta(days=day), handling_unit=world.unit)
        client.get(f"{BASE}/requests.json")
        # the Site, its township, the appeals (categories, grids, units joined)
        with django_assert_num_queries(3):
            assert len(client.get(f"{BASE}/requests.json").json()) == 3
        for day in range(10):
            make_appeal(world, category=world.sanitation, grid_unit=world.g2, received=now - dt.timedelta(days=day))
        with django_assert_num_queries(3):
            assert len(client.get(f"{BASE}/requests.json").json()) == 13


class TestGetOneRequestAndToken:
    def test_one_request_json_and_xml(self, client, world, now):
        appeal = make_appeal(world, received=now, appellant_name="李四")
        rows = client.get(f"{BASE}/requests/{appeal.serial}.json").json()
        assert [r["service_request_id"] for r in rows] == [appeal.serial]
        root = ET.fromstring(client.get(f"{BASE}/requests/{appeal.serial}.xml").content)
        assert root.tag == "service_requests" and root.findtext("request/service_request_id") == appeal.serial
        assert root.find("request/media_url").text is None

    def test_unknown_request_is_404(self, client, world):
        response = client.get(f"{BASE}/requests/T-2026-999999.json")
        assert response.status_code == 404
        assert errors_of(response) == [{"code": 404, "description": "未找到编号为 T-2026-999999 的诉求"}]

    def test_another_townships_appeal_is_not_found(self, client, world, now):
        other = make_grid_world(make_township("别的镇", organisation_code="X", hostname="other.example"))
        appeal = make_appeal(other, received=now)
        assert client.get(f"{BASE}/requests/{appeal.serial}.json").status_code == 404

    def test_token(self, client, world, now):
        appeal = make_appeal(world, received=now)
        assert client.get(f"{BASE}/tokens/{appeal.serial}.json").json() == [
            {"service_request_id": appeal.serial, "token": appeal.serial}
        ]
        response = client.get(f"{BASE}/tokens/nope.xml")
        assert response.status_code == 404 and ET.fromstring(response.content).findtext("error/code") == "404"


class TestPostRequest:
    @pytest.fixture
    def key(self, world):
        return api_token_create(user=_user("hotline", superuser=True), name="12345 热线")[1]

    def post(self, client, fmt="json", **data):
        return client.post(f"{BASE}/requests.{fmt}", data)

    def test_creates_the_appeal_through_the_intake_action(self, client, world, key):
        response = self.post(
            client,
            api_key=key,
            service_code="1001",
            address_id="MG-02",
            description="村口道路塌陷",
            first_name="三",
            last_name="张",
            phone="13812345678",
            media_url="https://example.cn/p.jpg",
        )
        assert response.status_code == 201, response.content
        [row] = response.json()
        appeal = Appeal.objects.get(serial=row["service_request_id"])
        assert row["service_notice"] == f"已受理，编号 {appeal.serial}，办理期限 {appeal.due_on:%Y-%m-%d}"
        assert row["account_id"] is None
        assert (appeal.category, appeal.grid_unit, appeal.source) == (world.road, world.g2, AppealSource.ONLINE)
        assert (appeal.appellant_name, appeal.appellant_phone) == ("张三", "13812345678")
        assert appeal.status == AppealStatus.RECEIVED and appeal.due_on is not None
        event = appeal.events.get()
        assert event.action == "receive" and event.note == "Open311 接口提交"
        assert appeal.media_url == "https://example.cn/p.jpg"

    def test_xml_response(self, client, world, key):
        response = self.post(client, "xml", api_key=key, service_code="20", lat="25.0", long="98.5", description="垃圾")
        assert response.status_code == 201
        assert ET.fromstring(response.content).findtext("request/service_request_id").endswith("-000001")

    def test_missing_api_key_is_400(self, client, world):
        response = self.post(client, service_code="20", address_string="大寨村", description="垃圾")
        assert response.status_code == 400
        assert errors_of(response) == [{"code": 400, "description": "缺少 api_key"}]
        assert not Appeal.objects.exists()

    def test_bad_api_key_is_403(self, client, world):
        response = self.post(
            client, api_key="cms_wrong", service_code="20", address_string="大寨村", description="垃圾"
        )
        assert response.status_code == 403
        assert errors_of(response) == [{"code": 403, "description": "api_key 无效或已过期"}]

    def test_key_of_a_user_who_may_not_receive_is_403(self, client, world):
        key = api_token_create(user=_user("viewer", "wagtailadmin.access_admin"))[1]
        response = self.post(client, api_key=key, service_code="20", address_string="大寨村", description="垃圾")
        assert response.status_code == 403
        assert errors_of(response)[0]["description"] == "您没有权限受理诉求"
        assert not Appeal.objects.exists()

    @pytest.mark.parametrize(
        ("data", "status", "message"),
        [
            ({"address_string": "大寨村", "description": "垃圾"}, 400, "缺少 service_code"),
            ({"service_code": "404", "address_string": "大寨村", "description": "垃圾"}, 404, "未找到 service_code"),
            ({"service_code": "99", "address_string": "大寨村", "description": "垃圾"}, 404, "未找到 service_code"),
            ({"service_code": "20", "description": "垃圾"}, 400, "缺少位置"),
            ({"service_code": "20", "lat": "25", "description": "垃圾"}, 400, "缺少位置"),
            ({"service_code": "20", "lat": "25", "address_string": "x", "description": "垃"}, 400, "须同时提供"),
            ({"service_code": "20", "address_id": "MG-99", "description": "垃圾"}, 400, "网格编号"),
            ({"service_code": "20", "address_string": "大寨村"}, 400, "请填写诉求内容"),
            (
                {"service_code": "20", "address_string": "x", "description": "垃圾", "phone": "12"},
                400,
                "电话号码格式有误",
            ),
            ({"service_code": "20", "lat": "x", "long": "y", "description": "垃圾"}, 400, "坐标格式有误"),
            (
                {
                    "service_code": "20",
                    "address_string": "x",
                    "description": "垃圾",
                    "media_url": "javascript:alert(1)",
                },
                400,
                "照片链接应为以 http:// 或 https:// 开头的网址",
            ),
            (
                {"service_code": "20", "address_string": "x", "description": "垃圾", "media_url": "ftp://a.cn/p.jpg"},
                400,
                "照片链接应为以 http:// 或 https:// 开头的网址",
            ),
            (
                {"service_code": "20", "address_string": "x", "description": "垃圾", "media_url": "p.jpg"},
                400,
                "照片链接应为以 http:// 或 https:// 开头的网址",
            ),
            (
                {
                    "service_code": "20",
                    "address_string": "x",
                    "description": "垃圾",
                    "media_url": "https://example.cn/" + "a" * 490,
                },
                400,
                "照片链接不能超过 500 个字符",
            ),
        ],
    )
    def test_bad_input(self, client, world, key, data, status, message):
        response = self.post(client, api_key=key, **data)
        assert response.status_code == status
        [error] = errors_of(response)
        assert error["code"] == status and message in error["description"]
        assert not Appeal.objects.exists()

    def test_json_body_is_accepted(self, client, world, key):
        response = client.post(
            f"{BASE}/requests.json",
            {"api_key": key, "service_code": "20", "address_string": "小河村", "description": "<script>x</script>"},
            content_type="application/json",
        )
        assert response.status_code == 201
        assert Appeal.objects.get().description == "<script>x</script>"  # stored as typed, escaped when shown


class TestMediaUrl:
    """media_url given at POST is stored on the appeal and returned by every GET, JSON and XML."""

    URL = "https://img.example.cn/appeals/p.jpg?size=large&v=2"

    @pytest.fixture
    def key(self, world):
        return api_token_create(user=_user("hotline2", superuser=True), name="12345 热线")[1]

    def test_posted_url_comes_back_in_json_and_xml(self, client, world, key):
        response = client.post(
            f"{BASE}/requests.json",
            {
                "api_key": key,
                "service_code": "20",
                "address_string": "大寨村",
                "description": "垃圾",
                "media_url": self.URL,
            },
        )
        assert response.status_code == 201, response.content
        serial = response.json()[0]["service_request_id"]
        assert Appeal.objects.get(serial=serial).media_url == self.URL
        [listed] = client.get(f"{BASE}/requests.json").json()
        [one] = client.get(f"{BASE}/requests/{serial}.json").json()
        assert listed["media_url"] == one["media_url"] == self.URL
        root = ET.fromstring(client.get(f"{BASE}/requests/{serial}.xml").content)
        assert root.findtext("request/media_url") == self.URL  # the & is escaped in XML, not lost
        root = ET.fromstring(client.get(f"{BASE}/requests.xml").content)
        assert root.findtext("request/media_url") == self.URL

    def test_without_url_it_is_null(self, client, world, now):
        appeal = make_appeal(world, received=now)
        assert client.get(f"{BASE}/requests/{appeal.serial}.json").json()[0]["media_url"] is None

    def test_confidential_appeal_hides_its_photo(self, client, world, now):
        appeal = make_appeal(world, received=now, media_url=self.URL, is_confidential=True)
        assert client.get(f"{BASE}/requests/{appeal.serial}.json").json()[0]["media_url"] is None
        assert "img.example.cn" not in client.get(f"{BASE}/requests.xml").content.decode()
