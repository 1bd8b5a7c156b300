"""Search backends behind one API (search.backends.base); `get_search_backend` picks one.

Elasticsearch when settings.ELASTICSEARCH_URL is set, otherwise the embedded index in
the project's own database.
"""

from __future__ import annotations

from django.conf import settings

from search.backends.base import SearchBackend


def get_search_backend(site: str = "default") -> SearchBackend:
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if url:
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(site=site, url=url)
    from search.backends.embedded import EmbeddedBackend

    return EmbeddedBackend(site=site)
