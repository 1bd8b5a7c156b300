"""Fixtures for the search tests: a synthetic corpus and the backends that can run here.

Tests marked ``elasticsearch`` run only when ELASTICSEARCH_URL is set; there is no
Elasticsearch service in CI, so they skip (never fail) without it.
"""

from __future__ import annotations

import datetime
import os
import uuid

import pytest

from search import text as search_text
from search.documents import SearchDocument

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")


def pytest_collection_modifyitems(config, items):
    if ELASTICSEARCH_URL:
        return
    skip = pytest.mark.skip(reason="needs ELASTICSEARCH_URL (an Elasticsearch 8 cluster)")
    for item in items:
        if "elasticsearch" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _seed_synonyms():
    search_text.set_synonym_lines(None)
    yield
    search_text.set_synonym_lines(None)


def doc(pk: int, title: str, text: str = "", **kwargs) -> SearchDocument:
    kwargs.setdefault("type", "disclosure_item")
    kwargs.setdefault("url", f"https://example.gov.cn/items/{pk}/")
    return SearchDocument(id=f"test.Item:{pk}", title=title, text=text, **kwargs)


CORPUS = [
    doc(
        1,
        "关于2023年第二季度最低生活保障金发放情况的公示",
        "根据《社会救助暂行办法》，本镇对符合条件的城乡最低生活保障对象按月发放保障金，共计发放资金12.6万元。",
        publisher="明光镇人民政府",
        catalog_path=["社会救助", "最低生活保障"],
        date=datetime.date(2023, 7, 5),
        fields={"validity": "现行有效", "index_number": "01526095-6-/2023-0705001"},
    ),
    doc(
        2,
        "城乡居民基本医疗保险参保缴费指南",
        "參保人員可持醫保卡到村便民服務站繳費，也可以通過手機繳納。",
        type="service_guide",
        publisher="明光镇社会保障服务中心",
        catalog_path=["社会保障", "医疗保险"],
        date=datetime.date(2022, 11, 1),
    ),
    doc(
        3,
        "个体工商户营业执照办理指南",
        "申请人持居民身份证到便民服务中心办理个体工商户设立登记，当场办结。",
        type="service_guide",
        publisher="明光市场监督管理所",
        catalog_path=["市场监管", "登记注册"],
        date=datetime.date(2021, 3, 15),
    ),
    doc(
        4,
        "农村宅基地审批流程",
        "村民申请宅基地，应当向村民小组提出书面申请，经村民委员会审查后报乡镇政府审核批准。",
        publisher="明光镇人民政府",
        catalog_path=["农村管理", "宅基地"],
        date=datetime.date(2020, 6, 1),
        fields={"validity": "已废止"},
    ),
    doc(
        5,
        "东山村2023年第三季度村务公开",
        "本季度村集体收入3.2万元，高龄津贴发放名单已张贴于村务公开栏，欢迎村民监督。",
        type="village_notice",
        publisher="东山村村民委员会",
        village="东山村",
        date=datetime.date(2023, 10, 8),
    ),
    doc(
        6,
        "ABC农业示范园建设项目招标公告",
        "项目编号 ABC-2024-01，招标人为明光镇人民政府。",
        publisher="明光镇人民政府",
        catalog_path=["财政资金", "政府采购"],
        date=datetime.date(2024, 2, 1),
    ),
    doc(
        7,
        "关于印发《明光镇临时救助实施细则》的通知",
        "对遭遇突发事件、意外伤害的家庭给予临时救助。<b>注意</b> & 申请须如实填写 <script>alert(1)</script>",
        type="policy_document",
        publisher="明光镇人民政府",
        catalog_path=["社会救助", "临时救助"],
        date=datetime.date(2019, 9, 9),
        fields={"document_number": "明政发〔2019〕12号", "validity": "现行有效"},
    ),
    doc(
        8,
        "残疾人两项补贴申领指南",
        "困难残疾人生活补贴和重度残疾人护理补贴按月发放到残疾人本人账户。",
        type="service_guide",
        publisher="明光镇社会保障服务中心",
        catalog_path=["社会保障", "残疾人"],
        date=datetime.date(2022, 5, 5),
    ),
    doc(
        9,
        "2024年耕地地力保护补贴资金发放公示",
        "耕地地力保护补贴按实际种植面积发放，西河村共计发放补贴资金8.1万元。",
        publisher="明光镇农业农村办公室",
        village="西河村",
        catalog_path=["农业农村", "惠农补贴"],
        date=datetime.date(2024, 4, 1),
    ),
    doc(
        10,
        "医疗救助政策解读",
        "医疗救助对象包括特困人员、低保对象。医保报销后个人负担部分按比例救助。",
        type="interpretation",
        publisher="明光镇人民政府",
        catalog_path=["社会救助", "医疗救助"],
        date=datetime.date(2021, 8, 8),
    ),
]


@pytest.fixture
def corpus() -> list[SearchDocument]:
    return list(CORPUS)


def _embedded(request):
    from search.backends.embedded import EmbeddedBackend

    return EmbeddedBackend(site="conformance")


def _elasticsearch(request):
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(
        site=f"test-{uuid.uuid4().hex[:8]}", url=ELASTICSEARCH_URL, replicas=0, refresh="wait_for"
    )

    def drop_indices():
        for name in backend._aliased_indices():
            backend.client.indices.delete(index=name, ignore_unavailable=True)

    request.addfinalizer(drop_indices)
    return backend


@pytest.fixture(params=[pytest.param("embedded"), pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, db):
    """Every backend that can run here, empty (the test database is set up for each)."""
    return _embedded(request) if request.param == "embedded" else _elasticsearch(request)


@pytest.fixture
def loaded(backend, corpus):
    backend.index(corpus)
    return backend
