"""The public /workdays/ page: plain GET forms, answers, Chinese errors, no JavaScript."""

from __future__ import annotations

import pytest

from tests.cms.core.calendar_fixtures import reference_calendar  # noqa: F401

URL = "/workdays/"

pytestmark = pytest.mark.usefixtures("reference_calendar")


class TestWorkdaysPage:
    def test_empty_page_shows_both_forms_without_errors(self, client):
        response = client.get(URL)
        html = response.content.decode()
        assert response.status_code == 200
        main = html.split("<main", 1)[1].split("</main>", 1)[0]
        assert main.count('<form method="get"') == 2
        assert 'name="start"' in html and 'name="days"' in html and 'name="from"' in html and 'name="to"' in html
        assert 'role="alert"' not in html
        assert "<script" not in main  # the calculator needs no JavaScript (the header may enhance search)
        assert "{% extends" not in html and "工作日计算" in html

    def test_due_date(self, client):
        response = client.get(URL, {"start": "2026-09-30", "days": "5"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "截止日期为" in html and "<strong>2026-10-13</strong>（星期二）" in html
        assert 'value="2026-09-30"' in html  # the form keeps what was typed

    def test_working_days(self, client):
        response = client.get(URL, {"from": "2026-09-30", "to": "2026-10-13"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "共有 <strong>5</strong> 个工作日" in html

    def test_incomplete_calendar_is_flagged(self, client):
        html = client.get(URL, {"start": "2026-12-28", "days": "10"}).content.decode()
        assert "2027-01-11" in html and "节假日安排不完整" in html

    @pytest.mark.parametrize(
        "params, message",
        [
            ({"start": "2026-09-30"}, "请填写工作日数"),
            ({"start": "", "days": "5"}, "请填写起算日期"),
            ({"start": "2026-02-30", "days": "5"}, "起算日期不是有效的日期"),
            ({"start": "2026-09-30", "days": "-1"}, "工作日数不能为负数"),
            ({"start": "2026-09-30", "days": "99999999"}, "工作日数不能超过 3650 天"),
            ({"start": "2026-09-30", "days": "五"}, "工作日数须为整数"),
            ({"start": "9999-12-31", "days": "1"}, "超出可支持的日期范围"),
            ({"from": "2026-09-30"}, "请填写截止日期"),
            ({"from": "x", "to": "2026-09-30"}, "起始日期不是有效的日期"),
            ({"from": "2000-01-01", "to": "2026-01-01"}, "起止日期相隔不能超过 20 年"),
        ],
    )
    def test_bad_input_is_explained(self, client, params, message):
        response = client.get(URL, params)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        assert "截止日期为" not in html and "个工作日。" not in html

    def test_served_before_the_wagtail_catch_all(self):
        from django.urls import resolve

        assert resolve(URL).url_name == "workday_calculator"
