"""A township with public items and their documents in the embedded index (site "default").

Documents are built here, in the shape content types produce (id "<app>.<Model>:<pk>"),
so these tests do not depend on how a content type indexes itself; the index is cleared
first, whatever the publish signals may already have put in it.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from search.backends import get_search_backend
from search.documents import SearchDocument
from tests.factories import make_item

TITLES = [
    ("明光镇2026年第一季度城乡最低生活保障对象公示", "本季度共有低保对象120户。", dt.date(2026, 4, 2)),
    ("明光镇2026年第二季度城乡最低生活保障对象公示", "低保金按月发放到户。", dt.date(2026, 7, 3)),
    ("明光镇最低生活保障审核确认实施细则", "低保审核确认的程序和时限。", dt.date(2025, 5, 6)),
    ("明光镇2025年耕地地力保护补贴发放结果公示", "补贴按实际种植面积发放。", dt.date(2025, 6, 1)),
    ("明光镇2026年城乡居民基本医疗保险参保缴费公告", "參保人員可持醫保卡繳費。", dt.date(2026, 1, 10)),
    ("明光镇农村宅基地审批管理暂行办法", "村民申请宅基地应当提出书面申请。", dt.date(2024, 3, 3)),
    ("明光镇2026年高龄津贴发放对象公示", "八十周岁以上老年人高龄津贴。", dt.date(2026, 2, 2)),
    ("明光镇2025年部门预算公开", "一般公共预算收入和支出。", dt.date(2025, 3, 1)),
    ("明光镇安全生产工作要点", "安全生产隐患排查治理。", dt.date(2026, 2, 20)),
    ("明光镇关于做好主汛期地质灾害防范工作的通知", "防汛抗旱和地质灾害防范。", dt.date(2026, 5, 5)),
    ("明光镇2026年第三季度城乡最低生活保障对象公示", "低保对象名单。", dt.date(2026, 10, 3)),
    ("明光镇2026年第四季度城乡最低生活保障对象公示", "低保对象动态管理。", dt.date(2026, 12, 1)),
]


def _catalog_for(title: str) -> list[str]:
    if "最低生活保障" in title:
        return ["社会救助", "最低生活保障"]
    if "预算" in title:
        return ["财政预决算", "预算"]
    return ["其他"]


def document_for(item, text: str, date: dt.date, **extra) -> SearchDocument:
    return SearchDocument(
        id=f"disclosure.DisclosureItemPage:{item.pk}",
        type=extra.pop("type", "disclosure_item"),
        title=item.title,
        text=text,
        publisher=extra.pop("publisher", "明光镇人民政府"),
        catalog_path=extra.pop("catalog_path", _catalog_for(item.title)),
        date=date,
        url=item.full_url,
        fields={"validity": "现行有效"},
        **extra,
    )


@pytest.fixture
def backend(db):
    return get_search_backend("default")


@pytest.fixture
def indexed(tree, backend):
    """Twelve public items, all indexed; `items` in TITLES order."""
    township, catalog, level1, level2, level3 = tree
    items = [make_item(level3, title) for title, _, _ in TITLES]
    backend.clear()
    documents = [
        document_for(
            item,
            text,
            date,
            publisher="明光镇财政所" if "预算" in item.title else "明光镇人民政府",
            type="policy_document" if "细则" in item.title or "办法" in item.title else "disclosure_item",
        )
        for item, (_, text, date) in zip(items, TITLES, strict=True)
    ]
    backend.index(documents)
    return SimpleNamespace(township=township, level3=level3, items=items, documents=documents)
