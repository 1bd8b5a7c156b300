"""An editor's synonym change reaches a web process that loaded the old list."""

from django.core.cache import cache

from search import synonyms
from search.models import SynonymGroup


def test_new_synonym_group_applies_in_another_process(client, indexed):
    # This process has loaded the current list; the new word means nothing yet.
    synonyms.apply_synonyms(force=True)
    assert client.get("/api/search", {"q": "救命钱"}).json()["items_total"] == 0

    # Another process saves a group: it bumps the shared version in the cache. Here the
    # save's own reload is undone so this process still holds the old list.
    SynonymGroup.objects.create(terms="救命钱，最低生活保障")
    synonyms.search_text.set_synonym_lines(None)
    synonyms._loaded_version = "stale"
    assert cache.get(synonyms.VERSION_KEY) != "stale"

    titles = [item["title"] for item in client.get("/api/search", {"q": "救命钱"}).json()["items"]]
    assert titles and all("最低生活保障" in title for title in titles)
