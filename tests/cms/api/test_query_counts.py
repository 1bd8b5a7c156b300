"""The number of queries per content request does not grow with the number of children."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cms.api.conftest import bearer
from tests.factories import make_directory, make_item

pytestmark = pytest.mark.django_db


def _add_items(directory, count: int, start: int = 0):
    for n in range(start, start + count):
        make_item(directory, f"信息{n}", publish=n % 3 != 0)  # every third is a draft


@pytest.mark.parametrize("as_editor", [False, True], ids=["anonymous", "editor"])
def test_3_and_30_children_cost_the_same(client, site, path_of, editor_key, as_editor, django_assert_num_queries):
    directory = make_directory(site.level2, "批量目录")
    _add_items(directory, 3)
    headers = bearer(editor_key) if as_editor else {}
    url = path_of(directory)
    query = {"expand": "breadcrumbs,navigation,workflow", "b_size": 100}
    client.get(url, query, **headers)  # warm caches and the token's last_used_at
    with CaptureQueriesContext(connection) as with_3:
        first = client.get(url, query, **headers).json()
    _add_items(directory, 27, start=3)
    with django_assert_num_queries(len(with_3.captured_queries)):
        second = client.get(url, query, **headers).json()
    assert second["items_total"] == (30 if as_editor else 20)
    assert first["items_total"] == (3 if as_editor else 2)
