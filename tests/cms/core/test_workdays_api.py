"""GET /api/workdays: answers, every refusal as a 400 JSON error, the schema, constant queries."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
import requests
import schemathesis
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cms.api.router import api
from cms.core.models import CalendarYear
from tests.cms.core.calendar_fixtures import reference_calendar  # noqa: F401

URL = "/api/workdays"

pytestmark = pytest.mark.usefixtures("reference_calendar")


class TestAnswers:
    def test_due_date(self, client):
        response = client.get(URL, {"start": "2026-09-30", "days": "5"})
        assert response.status_code == 200
        assert response.json() == {"start": "2026-09-30", "days": 5, "due": "2026-10-13", "calendar_complete": True}

    def test_working_days(self, client):
        response = client.get(URL, {"from": "2026-09-30", "to": "2026-10-13"})
        assert response.status_code == 200
        assert response.json() == {
            "from": "2026-09-30",
            "to": "2026-10-13",
            "working_days": 5,
            "calendar_complete": True,
        }

    def test_count_backwards_is_negative(self, client):
        assert client.get(URL, {"from": "2026-10-13", "to": "2026-09-30"}).json()["working_days"] == -5

    def test_calendar_incomplete_when_a_year_is_missing(self, client):
        body = client.get(URL, {"start": "2026-12-28", "days": "10"}).json()
        assert body["due"] == "2027-01-11" and body["calendar_complete"] is False

    def test_zero_days_and_the_largest_days(self, client):
        assert client.get(URL, {"start": "2026-09-30", "days": "0"}).json()["due"] == "2026-09-30"
        assert client.get(URL, {"start": "2026-09-30", "days": "3650"}).status_code == 200


class TestRefusals:
    """Bad or missing parameters: 400 {"error": {"type", "message"}} in Chinese, never a 500."""

    @pytest.mark.parametrize(
        "params, message",
        [
            ({}, "请提供 start 和 days，或 from 和 to"),
            ({"start": "2026-09-30"}, "请填写工作日数"),
            ({"days": "5"}, "请填写起算日期"),
            ({"start": "2026-09-30", "days": "-1"}, "工作日数不能为负数"),
            ({"start": "2026-09-30", "days": "99999999"}, "工作日数不能超过 3650 天"),
            ({"start": "2026-09-30", "days": "abc"}, "工作日数须为整数"),
            ({"start": "2026-09-30", "days": "9" * 5000}, "工作日数须为整数"),
            ({"start": "2026-02-30", "days": "1"}, "起算日期不是有效的日期"),
            ({"start": "今天", "days": "1"}, "起算日期不是有效的日期"),
            ({"start": "9999-12-31", "days": "1"}, "超出可支持的日期范围"),
            ({"from": "2026-09-30"}, "请填写截止日期"),
            ({"to": "2026-09-30"}, "请填写起始日期"),
            ({"from": "2026-13-01", "to": "2026-09-30"}, "起始日期不是有效的日期"),
            ({"from": "2000-01-01", "to": "2026-01-01"}, "起止日期相隔不能超过 20 年"),
            ({"from": "0001-01-01", "to": "9999-12-31"}, "起止日期相隔不能超过 20 年"),
            ({"start": "2026-09-30", "days": "5", "from": "2026-09-30"}, "请只提供一组参数"),
        ],
    )
    def test_bad_input(self, client, params, message):
        response = client.get(URL, params)
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/json")
        body = response.json()
        assert body["error"]["type"] == "BadRequest"
        assert message in body["error"]["message"]


class TestSchema:
    def test_from_is_spelled_from(self, client):
        operation = client.get("/api/schema").json()["paths"]["/api/workdays"]["get"]
        params = {p["name"]: p["schema"] for p in operation["parameters"]}
        assert set(params) == {"start", "days", "from", "to"}
        assert params["from"]["format"] == "date" and params["days"]["type"] == "integer"
        assert set(operation["responses"]) == {"200", "400"}

    @pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    def test_schemathesis_finds_no_violation(self, client, mode):
        schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder)))
        operation = schema["/api/workdays"]["GET"]

        @settings(
            max_examples=80,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            query = urlencode(case.query or {}, doseq=True)
            url = f"http://testserver{case.formatted_path}?{query}"
            response = client.get(case.formatted_path, QUERY_STRING=query)
            assert response.status_code in (200, 400), (url, response.content[:500])
            case.validate_response(
                Response(
                    status_code=response.status_code,
                    headers={name.lower(): [value] for name, value in response.headers.items()},
                    content=response.content,
                    request=requests.Request(method="GET", url=url).prepare(),
                    elapsed=0.0,
                    verify=False,
                ),
                checks=[status_code_conformance, content_type_conformance, response_schema_conformance],
            )

        check()


class TestQueryCount:
    def _queries(self, client, params) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, params).status_code == 200
        return len(queries.captured_queries)

    def test_constant_whatever_the_span(self, client):
        from cms.core.services import workdays

        workdays.invalidate_calendar()
        cold = self._queries(client, {"start": "2026-09-30", "days": "5"})
        assert cold == 2  # the calendar's days and years, loaded once
        assert self._queries(client, {"start": "2026-09-30", "days": "3000"}) == 0
        assert self._queries(client, {"from": "2010-01-01", "to": "2029-12-31"}) == 0
        CalendarYear.objects.create(year=2027)  # an edit reloads once, then it is cached again
        assert self._queries(client, {"from": "2010-01-01", "to": "2029-12-31"}) == cold
