"""Bad input from the issue, through the API: never a 500; a sensible answer or a clear Chinese 400."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

SENSIBLE = [
    "",
    "低",
    "低" * 500,
    '"',
    '"低保',
    "*",
    "低保*",
    ":",
    "title:低保",
    "(",
    ")",
    "(低保 OR 医保)",
    "NEAR",
    "NEAR(低保 医保)",
    "AND",
    "OR",
    "低保 AND 医保",
    "低保 OR 医保",
    "-",
    "-低保",
    "' OR 1=1 --",
    "低保'; DROP TABLE sitesearch_indexeddocument; --",
    "1; SELECT * FROM auth_user",
    "😀",
    "低保😀",
    "，。！？；：“”（）【】",
    "低保，医保。",
    "ＮＥＡＲ（低保）",
    "\\",
    "%",
    "_",
]


@pytest.mark.parametrize("q", SENSIBLE)
def test_sensible_answer(client, indexed, q):
    response = client.get("/api/search", {"q": q})
    assert response.status_code == 200, response.content.decode()
    data = response.json()
    assert data["items_total"] >= 0 and isinstance(data["items"], list)


def test_the_index_survives_sql_fragments(client, indexed):
    client.get("/api/search", {"q": "低保'; DROP TABLE sitesearch_indexeddocument; --"})
    assert client.get("/api/search", {"q": "低保"}).json()["items_total"] == 5


def test_fts_syntax_is_text_not_operators(client, indexed):
    # "-低保" must not mean "without 低保", nor "NEAR(…)" a proximity search
    assert client.get("/api/search", {"q": "-低保"}).json()["items_total"] == 5
    assert client.get("/api/search", {"q": "NEAR(低保)"}).json()["items_total"] == 5


def test_long_query_is_cut_with_a_notice(client, indexed):
    data = client.get("/api/search", {"q": "低保" + "的" * 498}).json()
    assert any("只使用了前100个字" in notice for notice in data["notices"])


def test_only_punctuation_says_why(client, indexed):
    data = client.get("/api/search", {"q": "，。！？"}).json()
    assert data["items_total"] == 0
    assert any("没有可检索的文字" in notice for notice in data["notices"])


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"b_size": "10000"}, "b_size 不能大于 50"),
        ({"b_size": "0"}, "b_size 不能小于 1"),
        ({"b_start": "-1"}, "b_start 不能小于 0"),
        ({"b_start": "abc"}, "b_start 须为整数"),
        ({"year_from": "1800"}, "year_from 不能小于 1900"),
        ({"year_from": "2026", "year_to": "2020"}, "起始年份不能晚于结束年份"),
        ({"sort": "price"}, "sort"),
        ({"validity": "永久"}, "validity"),
        ({"q": "低" * 1001}, "q 过长"),
    ],
)
def test_clear_400(client, indexed, params, words):
    response = client.get("/api/search", params)
    assert response.status_code == 400, response.content.decode()
    error = response.json()["error"]
    assert error["type"] == "BadRequest"
    assert words in error["message"]
