"""The document schema and the Searchable hook."""

from __future__ import annotations

import datetime

import pytest

from search.documents import Searchable, SearchDocument, catalog_key


def test_derived_values():
    doc = SearchDocument(
        id="disclosure.DisclosureItemPage:42",
        type="disclosure_item",
        title="标题",
        fields={"validity": "现行有效", "document_number": "明政发〔2019〕12号", "empty": ""},
        publisher="明光镇人民政府",
        village="东山村",
        catalog_path=["社会救助", "低保/特困"],
        date=datetime.datetime(2023, 7, 5, 9, 30),
    )
    assert doc.date == datetime.date(2023, 7, 5) and doc.year == 2023
    assert doc.validity == "现行有效"
    assert doc.catalog_key == "社会救助/低保／特困"
    assert doc.field_text() == "现行有效 明政发〔2019〕12号 明光镇人民政府 东山村 社会救助 低保/特困"


def test_id_and_type_are_required():
    with pytest.raises(ValueError):
        SearchDocument(id="", type="x", title="t")


def test_catalog_key_skips_blank_parts():
    assert catalog_key(["一级", " ", "二级 "]) == "一级/二级"


def test_searchable_protocol():
    class Page:
        def search_document(self):
            return None

    assert isinstance(Page(), Searchable)
    assert not isinstance(object(), Searchable)
