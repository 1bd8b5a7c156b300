"""GET /api/catalog: the directory tree with public item counts."""

from __future__ import annotations

import pytest

from tests.cms.api.conftest import bearer
from tests.factories import make_directory, make_item

pytestmark = pytest.mark.django_db


def _flatten(nodes):
    for node in nodes:
        yield node
        yield from _flatten(node["items"])


def test_tree_with_counts(client, site):
    make_item(site.level2, "二级目录下的信息")
    data = client.get("/api/catalog").json()
    assert data["@id"] == "http://testserver/api/catalog"
    assert data["catalog"] == "http://testserver/api/content/xxgk"
    counts = {node["title"]: (node["level"], node["items_total"]) for node in _flatten(data["items"])}
    # Only the public item of 惠农补贴 and the new one count: drafts, withheld, negative-list, expired,
    # restricted items and the item below the unpublished directory do not.
    assert counts == {"农业农村": (1, 2), "农业农村政策落实": (2, 2), "惠农补贴": (3, 1)}
    assert data["items_total"] == 2


def test_editor_sees_unpublished_directories_but_public_counts(client, site, editor_key):
    data = client.get("/api/catalog", **bearer(editor_key)).json()
    counts = {node["title"]: node["items_total"] for node in _flatten(data["items"])}
    assert counts["未发布的目录"] == 0
    assert counts["农业农村"] == 1


def test_no_catalog_is_404(client, db):
    from tests.factories import make_township

    make_township()
    response = client.get("/api/catalog")
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "NotFound"


def test_query_count_does_not_grow_with_the_tree(client, site, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/api/catalog")  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as small:
        client.get("/api/catalog")
    for n in range(5):
        directory = make_directory(site.level1, f"新二级目录{n}")
        leaf = make_directory(directory, f"新三级目录{n}")
        make_item(leaf, f"信息{n}")
    with django_assert_num_queries(len(small.captured_queries)):
        data = client.get("/api/catalog").json()
    assert data["items_total"] == 6
